/**
 * Lazily created, memoized ONNX sessions. The model file is fetched with progress,
 * checked against the registry's sha256 before use, and compiled on the first backend
 * that works (WebGPU → WASM threads → WASM). A failure drops the memoized promise so
 * the next call can retry.
 */
import type { Backend, ModelInfo, ModelLoadProgress } from "@ml/modelInfo";
import { sha256Hex } from "@data/hash";
import { NotDownloadedError, PACKS } from "@ml/packs";
import packFiles from "virtual:curator-packs";
import { loadOrt, type Ort } from "./ort";

export class ModelError extends Error {
  constructor(
    message: string,
    readonly code: "download" | "checksum" | "compile",
  ) {
    super(message);
    this.name = "ModelError";
  }
}

export interface LoadedModel {
  info: ModelInfo;
  backend: Backend;
  session: Awaited<ReturnType<Ort["InferenceSession"]["create"]>>;
  ort: Ort;
}

/** Compressed bytes photo recognition downloads once (models + runtime), for the offline message. */
export const VISION_DOWNLOAD_BYTES = packFiles.vision.reduce((s, f) => s + f.gzipBytes, 0);

/** Fetches a file photo recognition needs (the service worker answers from its cache once it has it). */
export async function fetchVisionFile(url: string, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    // Not cached and no network: say what must be downloaded once, not "fetch failed".
    throw new NotDownloadedError("vision", VISION_DOWNLOAD_BYTES, { cause: new Error(`${what}: ${String(e)}`) });
  }
  if (!res.ok || !res.body) throw new ModelError(`${what}: HTTP ${res.status}`, "download");
  return res;
}

async function isCached(url: string): Promise<boolean> {
  if (typeof caches === "undefined") return false;
  return (await caches.match(url).catch(() => undefined)) !== undefined;
}

/** A file that failed its check must not be served from the cache again: the next try fetches it afresh. */
async function forgetCached(url: string): Promise<void> {
  if (typeof caches === "undefined") return;
  await Promise.all(PACKS.vision.caches.map(async (name) => (await caches.has(name)) && (await caches.open(name)).delete(url))).catch(() => {});
}

async function download(info: ModelInfo, base: string, onProgress: (p: ModelLoadProgress) => void): Promise<ArrayBuffer> {
  const url = new URL(info.path, base).href;
  const total = info.bytes;
  // From the request on: a slow connection's wait for the first byte counts towards showing the bar.
  onProgress({ model: info.name, loadedBytes: 0, totalBytes: total, phase: "download" });
  const res = await fetchVisionFile(url, `Model ${info.name} v${info.version}`);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  if (!res.body) throw new ModelError(`Model ${info.name} v${info.version}: empty response`, "download");
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress({ model: info.name, loadedBytes: loaded, totalBytes: total, phase: "download" });
  }
  const buf = new Uint8Array(loaded);
  let off = 0;
  for (const c of chunks) {
    buf.set(c, off);
    off += c.byteLength;
  }
  return buf.buffer;
}

/**
 * Fetches the ORT WASM binary ahead of ONNX Runtime (which fetches it again, then from the
 * service worker's cache): the largest file photo recognition needs gets a progress bar,
 * and no connection gets the clear "download once" message instead of a compile error.
 */
export async function prefetchRuntime(url: string, bytes: number, onProgress: (p: ModelLoadProgress) => void): Promise<void> {
  // Already in the offline cache: nothing to show or to warn about, and reading 11 MB twice
  // (here, then ONNX Runtime) cost every page load's first photo about half a second.
  if (await isCached(url)) return;
  onProgress({ model: "runtime", loadedBytes: 0, totalBytes: bytes, phase: "download" });
  const res = await fetchVisionFile(url, "The recognition runtime");
  if (!res.body) return;
  const reader = res.body.getReader();
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    onProgress({ model: "runtime", loadedBytes: loaded, totalBytes: bytes, phase: "download" });
  }
  onProgress({ model: "runtime", loadedBytes: loaded, totalBytes: bytes, phase: "ready" });
}

/** Where the models are served from, which backends to try in order, and who hears progress. */
export interface LoadOptions {
  base: string;
  backends: Backend[];
  threads: number;
  onProgress: (p: ModelLoadProgress) => void;
}

/** Downloads a model file and checks it against the registry's sha256 (a failed check forgets the cached copy). */
async function fetchVerified(info: ModelInfo, { base, onProgress }: LoadOptions): Promise<ArrayBuffer> {
  const bytes = await download(info, base, onProgress);
  onProgress({ model: info.name, loadedBytes: bytes.byteLength, totalBytes: info.bytes, phase: "verify" });
  const digest = await sha256Hex(bytes);
  if (digest !== info.sha256) {
    await forgetCached(new URL(info.path, base).href);
    throw new ModelError(
      `Model ${info.name} v${info.version} failed its integrity check (sha256 ${digest.slice(0, 12)}… ≠ registry ${info.sha256.slice(0, 12)}…). It was not used.`,
      "checksum",
    );
  }
  return bytes;
}

async function createSession(info: ModelInfo, opts: LoadOptions): Promise<LoadedModel> {
  const { backends, threads, onProgress } = opts;
  const bytes = await verifiedBytes(info, opts);
  onProgress({ model: info.name, loadedBytes: bytes.byteLength, totalBytes: info.bytes, phase: "compile" });
  const errors: string[] = [];
  for (const backend of backends) {
    try {
      const ort = await loadOrt(backend, threads);
      const session = await ort.InferenceSession.create(new Uint8Array(bytes), {
        executionProviders: [backend === "webgpu" ? "webgpu" : "wasm"],
        graphOptimizationLevel: "all",
      });
      onProgress({ model: info.name, loadedBytes: bytes.byteLength, totalBytes: info.bytes, phase: "ready" });
      return { info, backend, session, ort };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      errors.push(`${backend}: ${msg}`);
      console.warn(`Curator: ${info.name} could not start on ${backend}, trying the next backend:`, msg);
    }
  }
  throw new ModelError(`Model ${info.name} could not start on any backend (${errors.join("; ")})`, "compile");
}

/** Memoized per model name; a failure drops the entry, so the next call retries. */
function memo<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

const files = new Map<string, Promise<ArrayBuffer>>();
const sessions = new Map<string, Promise<LoadedModel>>();

/** A model's checked bytes, downloaded once; kept only until its session exists. */
const verifiedBytes = (info: ModelInfo, opts: LoadOptions): Promise<ArrayBuffer> => memo(files, info.name, () => fetchVerified(info, opts));

/**
 * Starts downloading and checking model files without waiting: the files of the models a
 * step needs arrive side by side (and beside the runtime) instead of one after the other,
 * while the sessions are still created one at a time. Errors surface from getSession.
 */
export function prefetchModels(infos: readonly ModelInfo[], opts: LoadOptions): void {
  for (const info of infos) if (!sessions.has(info.name)) verifiedBytes(info, opts).catch(() => {});
}

export function getSession(info: ModelInfo, opts: LoadOptions): Promise<LoadedModel> {
  return memo(sessions, info.name, async () => {
    try {
      return await createSession(info, opts);
    } finally {
      files.delete(info.name); // the session holds the model now (or the next try downloads afresh)
    }
  });
}

/** Runs a [N,1,28,28] float32 batch through a loaded model and returns the flat output. */
export async function run(model: LoadedModel, input: Float32Array, n: number): Promise<Float32Array> {
  const tensor = new model.ort.Tensor("float32", input, [n, 1, 28, 28]);
  const out = await model.session.run({ [model.session.inputNames[0] ?? "image"]: tensor });
  const y = out[model.session.outputNames[0] ?? "logits"];
  if (!y) throw new ModelError(`Model ${model.info.name} returned no output`, "compile");
  const data = (await y.getData()) as Float32Array;
  tensor.dispose();
  y.dispose();
  return data;
}
