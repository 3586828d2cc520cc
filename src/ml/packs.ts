/**
 * What Curator downloads on first need instead of at install, one "pack" per capability.
 * Shared by the build (vite.config.ts: the service worker's runtime cache rules, and what
 * the precache leaves out) and the app (Settings → Storage, the offline messages), so a
 * file is never precached and lazily cached at once, and the app lists the caches the
 * service worker really fills.
 *
 * Paths are relative to the app's base URL. Every lazily fetched file has its version or
 * a content hash in its name, so a cache-first rule never serves a stale file.
 */

export type PackId = "vision" | "face";

export interface PackCaches {
  id: PackId;
  /** The capability in the user's words. */
  title: string;
  /** What using it looks like, for "downloaded the first time you …". */
  firstUse: string;
  /** The Cache Storage caches the service worker fills for this capability. */
  caches: readonly string[];
}

export const PACKS: Record<PackId, PackCaches> = {
  vision: {
    id: "vision",
    title: "Photo recognition",
    firstUse: "add a photo",
    caches: ["curator-vision", "curator-ort-webgpu"],
  },
  face: {
    id: "face",
    title: "Face analysis",
    firstUse: "analyse a selfie",
    caches: ["curator-face"],
  },
};

export const PACK_IDS: readonly PackId[] = ["vision", "face"];

/**
 * Service-worker rules (workbox runtimeCaching): each is cache-first into its pack's cache.
 * Vision: the ONNX models, the one ORT WASM build (binary + glue) and ORT's JS bundle.
 * WebGPU: ORT's WebGPU build, fetched only where WebGPU is used.
 * Face: the face detector + mesh graph models, the tfjs WASM binaries and the face worker.
 */
export const LAZY_RULES: readonly { pattern: RegExp; cacheName: string; maxEntries: number }[] = [
  { pattern: /\/models\/[\w.-]+\.onnx$/, cacheName: "curator-vision", maxEntries: 16 },
  { pattern: /\/assets\/ort-wasm-simd-threaded-[\w-]+\.(wasm|mjs)$/, cacheName: "curator-vision", maxEntries: 16 },
  { pattern: /\/assets\/ort\.wasm\.bundle\.min-[\w-]+\.js$/, cacheName: "curator-vision", maxEntries: 16 },
  {
    pattern: /\/assets\/(ort-wasm-simd-threaded\.asyncify-[\w-]+\.(wasm|mjs)|ort\.webgpu\.bundle\.min-[\w-]+\.js)$/,
    cacheName: "curator-ort-webgpu",
    maxEntries: 6,
  },
  { pattern: /\/(face-models|tfjs-wasm)\/[\w.-]+\/[\w.-]+\.(json|bin|wasm)$/, cacheName: "curator-face", maxEntries: 16 },
  { pattern: /\/assets\/face\.worker-[\w-]+\.js$/, cacheName: "curator-face", maxEntries: 16 },
];

/** Globs (relative to the build folder) the precache leaves out: everything the rules above fetch on first need. */
export const PRECACHE_IGNORES: readonly string[] = [
  "models/**",
  "face-models/**",
  "tfjs-wasm/**",
  "**/ort-wasm-simd-threaded*.wasm",
  "**/ort-wasm-simd-threaded*.mjs",
  "**/ort.*.bundle.min-*.js",
  "**/face.worker-*.js",
];

/** "4.6 MB" (decimal megabytes, one decimal: what phone data plans count in). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * What an offline user is told when a capability was never downloaded: what it is, how
 * much must be fetched once, and what to do.
 */
export function notDownloadedMessage(id: PackId, downloadBytes: number): string {
  const p = PACKS[id];
  return (
    `${p.title} needs a one-time download of about ${megabytes(downloadBytes)} that is not on this device yet, and there is no connection. ` +
    `Connect to the internet once and ${p.firstUse} again: after that it works offline. (Settings → Storage → "Make Curator work fully offline now" downloads everything at once.)`
  );
}

/** Thrown when a capability's files are neither cached nor reachable. */
export class NotDownloadedError extends Error {
  override name = "NotDownloadedError";
  constructor(
    readonly pack: PackId,
    downloadBytes: number,
    options?: { cause?: unknown },
  ) {
    super(notDownloadedMessage(pack, downloadBytes), options);
  }
}

/**
 * Bytes a cached response takes on the device: its Content-Length, unless the server sent
 * it encoded (the deployment sends ORT's WASM and the models as Brotli, infra/README.md),
 * where Content-Length counts the compressed bytes but the cache keeps the decoded body.
 */
export async function storedSize(res: Response): Promise<number> {
  const length = res.headers.has("Content-Encoding") ? NaN : Number(res.headers.get("Content-Length"));
  return Number.isFinite(length) && length > 0 ? length : (await res.blob()).size;
}
