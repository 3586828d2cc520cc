// Brotli copies (quality 11) of the build's files that CloudFront would send uncompressed,
// for the deployment to upload under the same key with `Content-Encoding: br` (infra/), and
// the bench to count what a first visit really transfers (bench/install-size.bench.mjs).
//
// CloudFront compresses an object itself only when it is 1,000 to 10,000,000 bytes long AND
// its Content-Type is on CloudFront's list (application/wasm, JavaScript, CSS, HTML, JSON,
// SVG...; not application/octet-stream). So ORT's 14 MB WASM (too big) and the .onnx and
// .bin model files (octet-stream) would leave the edge raw. Those are compressed here, once
// per content (a store keyed by sha256: quality 11 takes minutes on a 14 MB file), and
// written to `<build>-br/<content type>/<key>` with a manifest the deployment checks.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, constants } from "node:zlib";

const compress = promisify(brotliCompress);

/** CloudFront compresses objects of this many bytes, no fewer, no more. */
export const CLOUDFRONT_MIN_BYTES = 1000;
export const CLOUDFRONT_MAX_BYTES = 10_000_000;
export const QUALITY = 11;
/** A file is pre-compressed only when Brotli saves at least this share of it (PNGs save ~1 %). */
export const MIN_SAVING = 0.05;
export const MANIFEST = "manifest.json";

/** The Content-Type each file is uploaded with (what `aws s3 sync` guesses: Python's mimetypes; unknown → binary/octet-stream). */
const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".txt": "text/plain",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/vnd.microsoft.icon",
  ".bin": "application/octet-stream",
};
export const contentTypeOf = (path) => TYPES[extname(path).toLowerCase()] ?? "binary/octet-stream";

/**
 * The Content-Types CloudFront compresses ("File types that CloudFront compresses" in the
 * CloudFront Developer Guide; application/wasm was added in 2023).
 */
export const CLOUDFRONT_COMPRESSIBLE = new Set([
  "application/dash+xml",
  "application/eot",
  "application/font",
  "application/font-sfnt",
  "application/javascript",
  "application/json",
  "application/opentype",
  "application/otf",
  "application/pdf",
  "application/pkcs7-mime",
  "application/protobuf",
  "application/rss+xml",
  "application/truetype",
  "application/ttf",
  "application/vnd.apple.mpegurl",
  "application/vnd.mapbox-vector-tile",
  "application/vnd.ms-fontobject",
  "application/wasm",
  "application/xhtml+xml",
  "application/xml",
  "application/x-font-opentype",
  "application/x-font-truetype",
  "application/x-font-ttf",
  "application/x-httpd-cgi",
  "application/x-javascript",
  "application/x-mpegurl",
  "application/x-opentype",
  "application/x-otf",
  "application/x-perl",
  "application/x-ttf",
  "font/eot",
  "font/opentype",
  "font/otf",
  "font/ttf",
  "image/svg+xml",
  "text/css",
  "text/csv",
  "text/html",
  "text/javascript",
  "text/js",
  "text/plain",
  "text/richtext",
  "text/tab-separated-values",
  "text/xml",
  "text/x-component",
  "text/x-java-source",
  "text/x-script",
  "vnd.apple.mpegurl",
]);

/** Whether CloudFront compresses this file itself (for viewers that accept gzip or br). */
export const cloudFrontCompresses = (path, bytes) =>
  bytes >= CLOUDFRONT_MIN_BYTES && bytes <= CLOUDFRONT_MAX_BYTES && CLOUDFRONT_COMPRESSIBLE.has(contentTypeOf(path));

/** The files worth a decision: CloudFront would send them raw, and they are big enough to gain. */
export const needsDecision = (path, bytes) => bytes >= CLOUDFRONT_MIN_BYTES && !cloudFrontCompresses(path, bytes);

/** Not deployed: the static-host headers file (infra/ sends its headers itself). */
const NOT_DEPLOYED = new Set(["_headers"]);

export function buildFiles(appDir) {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [relative(appDir, join(dir, e.name)).split("\\").join("/")],
    );
  return walk(appDir).filter((k) => !NOT_DEPLOYED.has(k));
}

export const sha256 = (data) => createHash("sha256").update(data).digest("hex");

/** The shared store of compressed copies (survives rebuilds; the same ORT WASM is compressed once). */
export const defaultStore = (repo) => join(repo, "dist-infra", "brotli");
/** Where the deployment finds a build's Brotli copies: `dist/` → `dist-br/`. */
export const defaultOutDir = (appDir) => `${resolve(appDir)}-br`;
/** The folder (one deployment each) of a content type: "application/wasm" → "application-wasm". */
export const groupDir = (contentType) => contentType.replace(/[^a-z0-9.+-]+/gi, "-");

const estimate = (data) =>
  brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength } }).byteLength;

/**
 * Decides, for every file CloudFront would send raw, whether a Brotli copy is worth it
 * (a quick quality-5 estimate), and makes the copies at `quality` (in `store`, by sha256).
 * Returns one entry per such file: `brotli` is the copy's path and size, or null (sent raw).
 */
export async function plan(appDir, { store, quality = QUALITY, log = () => {} } = {}) {
  if (!store) throw new Error("plan: no store folder given (defaultStore(repo))");
  mkdirSync(store, { recursive: true });
  const entries = [];
  const work = [];
  for (const key of buildFiles(appDir)) {
    const file = join(appDir, key);
    const bytes = statSync(file).size;
    if (!needsDecision(key, bytes)) continue;
    const data = readFileSync(file);
    const hash = sha256(data);
    const entry = { key, contentType: contentTypeOf(key), bytes, sha256: hash, brotli: null };
    entries.push(entry);
    const skip = join(store, `${hash}.raw`);
    const copy = join(store, `${hash}.q${quality}.br`);
    if (existsSync(copy)) {
      entry.brotli = { path: copy, bytes: statSync(copy).size };
      continue;
    }
    if (existsSync(skip)) continue;
    if (estimate(data) > bytes * (1 - MIN_SAVING)) {
      writeFileSync(skip, `${key}: Brotli saves less than ${MIN_SAVING * 100} %\n`);
      continue;
    }
    work.push(async () => {
      const t0 = Date.now();
      log(`Brotli q${quality}: ${key} (${(bytes / 1e6).toFixed(1)} MB)...`);
      const out = await compress(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes, [constants.BROTLI_PARAM_LGWIN]: 24 },
      });
      writeFileSync(`${copy}.partial`, out);
      renameSync(`${copy}.partial`, copy);
      entry.brotli = { path: copy, bytes: out.byteLength };
      log(`  ${key}: ${(out.byteLength / 1e6).toFixed(2)} MB in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    });
  }
  // zlib runs on libuv's pool: as many at once as there are cores.
  const lanes = Math.max(1, Math.min(availableParallelism(), work.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let job = work.shift(); job; job = work.shift()) await job();
    }),
  );
  return entries;
}

/** Writes `outDir` afresh: each copy at `<content type>/<key>`, and the manifest of every decision. */
export async function precompress(appDir, { outDir = defaultOutDir(appDir), store, quality = QUALITY, log } = {}) {
  const entries = await plan(appDir, { store, quality, log });
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const e of entries) {
    if (!e.brotli) continue;
    const dest = join(outDir, groupDir(e.contentType), e.key);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(e.brotli.path, dest);
  }
  const manifest = {
    about: `Brotli (quality ${quality}) copies of ${basename(resolve(appDir))}/'s files CloudFront would send uncompressed; written by tools/precompress.mjs`,
    quality,
    files: entries.map((e) => ({
      key: e.key,
      contentType: e.contentType,
      bytes: e.bytes,
      sha256: e.sha256,
      brotliBytes: e.brotli ? e.brotli.bytes : null,
      ...(e.brotli ? { dir: groupDir(e.contentType) } : {}),
    })),
  };
  writeFileSync(join(outDir, MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

/**
 * The manifest of `outDir`, checked against the build in `appDir`: every file that needs a
 * decision has one, made for the same bytes, and every copy is there. Throws a message that
 * says what is wrong and how to fix it.
 */
export function readPrecompressed(appDir, outDir = defaultOutDir(appDir)) {
  const fix = `Run \`npm run precompress --prefix infra\` (or \`node tools/precompress.mjs ${relative(process.cwd(), appDir) || "."}\`) after each build.`;
  const path = join(outDir, MANIFEST);
  if (!existsSync(path)) throw new StalePrecompressError(`No Brotli copies for ${appDir}: ${path} is missing. ${fix}`);
  const manifest = JSON.parse(readFileSync(path, "utf8"));
  const byKey = new Map(manifest.files.map((f) => [f.key, f]));
  const problems = [];
  for (const key of buildFiles(appDir)) {
    const bytes = statSync(join(appDir, key)).size;
    if (!needsDecision(key, bytes)) continue;
    const f = byKey.get(key);
    byKey.delete(key);
    if (!f) problems.push(`${key} is new`);
    else if (f.bytes !== bytes || f.sha256 !== sha256(readFileSync(join(appDir, key)))) problems.push(`${key} changed`);
    else if (f.brotliBytes !== null && statSync(join(outDir, f.dir, key), { throwIfNoEntry: false })?.size !== f.brotliBytes)
      problems.push(`${key}'s copy is missing`);
  }
  for (const key of byKey.keys()) problems.push(`${key} is no longer in the build`);
  if (problems.length)
    throw new StalePrecompressError(
      `The Brotli copies in ${outDir} are stale (${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "; ..." : ""}). ${fix}`,
    );
  return manifest;
}

export class StalePrecompressError extends Error {
  name = "StalePrecompressError";
}

// CLI: node tools/precompress.mjs [build folder (dist)] [--out DIR] [--store DIR] [--if-present]
// (--if-present: no build is not an error; infra's synth still makes the sync stack then).
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const repo = resolve(dirname(new URL(import.meta.url).pathname), "..");
  const out = opt("--out");
  const store = opt("--store") ?? defaultStore(repo);
  const ifPresent = args.includes("--if-present");
  if (ifPresent) args.splice(args.indexOf("--if-present"), 1);
  const appDir = resolve(repo, args[0] ?? "dist");
  if (!existsSync(join(appDir, "index.html"))) {
    console.error(`No build in ${appDir}: run \`npm run build\` first.`);
    process.exit(ifPresent ? 0 : 1);
  }
  const manifest = await precompress(appDir, { outDir: out ? resolve(out) : defaultOutDir(appDir), store, log: (m) => console.error(m) });
  for (const f of manifest.files)
    console.log(
      `${f.key.padEnd(56)} ${(f.bytes / 1e6).toFixed(2).padStart(7)} MB  ${f.brotliBytes === null ? "sent as is" : `br ${(f.brotliBytes / 1e6).toFixed(2).padStart(6)} MB (${f.contentType})`}`,
    );
}
