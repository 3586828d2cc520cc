/**
 * The page's view of the capabilities fetched on first need (src/ml/packs.ts): whether
 * each is on this device and how much space it takes (read from the service worker's
 * caches, so the answer is what offline use will really find), removing one (it comes
 * back on next need), and downloading everything now ("Make Curator work fully offline").
 */
import packFiles from "virtual:curator-packs";
import { PACK_IDS, PACKS, storedSize, type PackId } from "./packs";

export { PACK_IDS, PACKS, megabytes, notDownloadedMessage, NotDownloadedError, type PackId } from "./packs";

/** Compressed bytes to download once for a capability (what a phone's data plan pays). */
export function downloadSize(id: PackId): number {
  return packFiles[id].reduce((s, f) => s + f.gzipBytes, 0);
}

export interface PackState {
  id: PackId;
  /** Everything the capability needs is cached: it works offline. */
  downloaded: boolean;
  /** Bytes kept in its caches (0 when nothing is). */
  storedBytes: number;
  files: number;
}

const base = () => new URL(import.meta.env.BASE_URL, self.location.origin);

/** The app-relative paths that must be cached; ORT's files have hashed names, so any WASM in the pack's caches counts. */
function required(id: PackId): { paths: string[]; patterns: RegExp[] } {
  const paths = packFiles[id].filter((f) => f.path.includes("/") && !f.path.startsWith("tfjs-wasm/")).map((f) => new URL(f.path, base()).pathname);
  const patterns =
    id === "vision"
      ? [/\/assets\/ort-wasm-simd-threaded[.\w-]*\.wasm$/]
      : [/\/tfjs-wasm\/[\w.-]+\/tfjs-backend-wasm[\w-]*\.wasm$/, /\/assets\/face\.worker-[\w-]+\.js$/];
  return { paths, patterns };
}

async function entrySize(cache: Cache, req: Request): Promise<number> {
  const res = await cache.match(req);
  return res ? storedSize(res) : 0;
}

export async function packState(id: PackId): Promise<PackState> {
  if (typeof caches === "undefined") return { id, downloaded: false, storedBytes: 0, files: 0 };
  const seen: string[] = [];
  let storedBytes = 0;
  for (const name of PACKS[id].caches) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      seen.push(new URL(req.url).pathname);
      storedBytes += await entrySize(cache, req);
    }
  }
  const { paths, patterns } = required(id);
  const downloaded = paths.every((p) => seen.includes(p)) && patterns.every((re) => seen.some((s) => re.test(s)));
  return { id, downloaded, storedBytes, files: seen.length };
}

export function allPackStates(): Promise<PackState[]> {
  return Promise.all(PACK_IDS.map(packState));
}

/** Frees a capability's space; its files are fetched again the next time it is used. */
export async function removePack(id: PackId): Promise<void> {
  if (typeof caches === "undefined") return;
  await Promise.all(PACKS[id].caches.map((name) => caches.delete(name)));
}

/** Whether the capability can start now: its files are cached, or the network may bring them. */
export async function canStart(id: PackId): Promise<boolean> {
  if (typeof navigator !== "undefined" && navigator.onLine) return true;
  return (await packState(id)).downloaded;
}
