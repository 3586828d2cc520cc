/**
 * The vision worker: photo pixels → garment category (calibrated top-3), colours and
 * a 128-d embedding, on the device. Typed API exposed with Comlink; the main thread
 * wraps it in src/ml/vision-client.ts.
 */
import * as Comlink from "comlink";
import models from "virtual:curator-models";
import type { Backend, ModelInfo, ModelLoadProgress } from "@ml/modelInfo";
import { chooseBackends, detectCapabilities, type Capabilities } from "@ml/capabilities";
import packFiles from "virtual:curator-packs";
import { getSession, prefetchRuntime, run, type LoadedModel } from "./vision/session";
import { wasmBinaryUrl } from "./vision/ort";
import { analysePixels, type AnalyseOptions, type GarmentAnalysis } from "./vision/analyse";
import { bitmapToPixels, decodeForAnalysis } from "./vision/decode";

export interface VisionStatus {
  capabilities: Capabilities | null;
  backend: Backend | null;
  models: { name: string; version: number; bytes: number; loaded: boolean }[];
  error: string | null;
}

let caps: Capabilities | null = null;
let preferred: Backend | undefined;
let loaded: { classifier: LoadedModel; embedder: LoadedModel } | null = null;
let lastError: string | null = null;
const cancelled = new Set<string>();

function modelInfo(name: ModelInfo["name"]): ModelInfo {
  const m = models.find((x) => x.name === name);
  if (!m) throw new Error(`No champion ${name} in the registry this app was built with`);
  return m;
}

async function ensureModels(base: string, onProgress?: (p: ModelLoadProgress) => void) {
  if (loaded) return loaded;
  caps ??= await detectCapabilities();
  const backends = chooseBackends(caps, preferred);
  const threads = Math.min(4, caps.cores);
  const progress = onProgress ?? (() => {});
  try {
    // One after the other: the WebGPU provider refuses two sessions being created at once.
    const opts = { base, backends, threads, onProgress: progress };
    // The runtime is fetched on first need too (not precached): with progress, before the models.
    if (backends[0] !== "webgpu") {
      const wasm = packFiles.vision.find((f) => f.path.endsWith(".wasm"));
      await prefetchRuntime(wasmBinaryUrl(), wasm?.bytes ?? 0, progress);
    }
    const classifier = await getSession(modelInfo("garment-classifier"), opts);
    const embedder = await getSession(modelInfo("garment-embedder"), opts);
    loaded = { classifier, embedder };
    lastError = null;
    return loaded;
  } catch (e) {
    lastError = e instanceof Error ? e.message : String(e);
    throw e;
  }
}

const api = {
  /** Which backend to try first (settings / tests); takes effect before models load. */
  setPreferredBackend(b: Backend | undefined) {
    preferred = b;
  },
  async init(base: string, onProgress?: (p: ModelLoadProgress) => void): Promise<VisionStatus> {
    await ensureModels(base, onProgress);
    return api.status();
  },
  status(): VisionStatus {
    return {
      capabilities: caps,
      backend: loaded?.classifier.backend ?? null,
      models: models.map((m) => ({ name: m.name, version: m.version, bytes: m.bytes, loaded: loaded != null })),
      error: lastError,
    };
  },
  /** Analyse RGBA pixels (already decoded and downscaled by the import worker). */
  async analysePixels(base: string, pixels: ArrayBuffer, width: number, height: number, opts: AnalyseOptions): Promise<GarmentAnalysis> {
    const m = await ensureModels(base);
    return analysePixels(m, new Uint8ClampedArray(pixels), width, height, opts, () => cancelled.has(opts.callId));
  },
  /** Analyse a small bitmap made by the import worker (transferred, closed here). */
  async analyseBitmap(base: string, bitmap: ImageBitmap, opts: AnalyseOptions): Promise<GarmentAnalysis> {
    const t0 = performance.now();
    let img;
    try {
      img = bitmapToPixels(bitmap);
    } finally {
      bitmap.close();
    }
    const decodeMs = performance.now() - t0;
    const m = await ensureModels(base);
    const out = await analysePixels(m, img.data, img.width, img.height, opts, () => cancelled.has(opts.callId));
    out.timings.decode = decodeMs;
    return out;
  },
  /** Decode a photo here and analyse it (re-analysis of a stored item). */
  async analyseBlob(base: string, blob: Blob, opts: AnalyseOptions): Promise<GarmentAnalysis> {
    const t0 = performance.now();
    const img = await decodeForAnalysis(blob);
    const decodeMs = performance.now() - t0;
    const m = await ensureModels(base);
    const out = await analysePixels(m, img.data, img.width, img.height, opts, () => cancelled.has(opts.callId));
    out.timings.decode = decodeMs;
    return out;
  },
  /** Raw model output for a [n,1,28,28] batch: used by the backend-parity test and bench. */
  async runModel(base: string, name: ModelInfo["name"], input: Float32Array, n: number): Promise<Float32Array> {
    const m = await ensureModels(base);
    return run(name === "garment-classifier" ? m.classifier : m.embedder, input, n);
  },
  cancel(callId: string) {
    cancelled.add(callId);
  },
  forget(callId: string) {
    cancelled.delete(callId);
  },
};

export type VisionApi = typeof api;
Comlink.expose(api);
