// What the browser (and CloudFront) may cache, by path. A service-worker app lives or
// dies by this: index.html, sw.js and the manifest must be revalidated on every visit
// (a cached sw.js pins users to an old release for up to a day), while everything with a
// content hash or a version in its URL never changes and is cached for a year.

/** Hashed or versioned paths: the build's assets, workbox's runtime, the models and WASM. */
export const IMMUTABLE_PATHS = ["/assets/*", "/models/*", "/face-models/*", "/tfjs-wasm/*", "/workbox-*.js"] as const;

/** Fixed names whose content changes with each release: revalidated every time. */
export const NO_CACHE_PATHS = ["/index.html", "/sw.js", "/manifest.webmanifest"] as const;

export const IMMUTABLE = "public, max-age=31536000, immutable";
export const NO_CACHE = "no-cache";

/** The same paths as S3 key globs (BucketDeployment's include/exclude), without the leading slash. */
export const immutableKeyGlobs = (): string[] => IMMUTABLE_PATHS.map((p) => p.slice(1));
