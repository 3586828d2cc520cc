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
import { getSession, prefetchModels, prefetchRuntime, run, type LoadedModel } from "./vision/session";
import { wasmBinaryUrl } from "./vision/ort";
import { analysePixels, type AnalyseOptions, type GarmentAnalysis } from "./vision/analyse";
import { bitmapToPixels, decodeForAnalysis, DecodeError } from "./vision/decode";
import { usableDetector } from "@domain/detection/choice";
import { detectLetterboxed, inputSize, letterboxPixels, type TimedDetection } from "./vision/detect";

export interface VisionStatus {
  capabilities: Capabilities | null;
  backend: Backend | null;
  models: { name: string; version: number; bytes: number; loaded: boolean }[];
  error: string | null;
}

let caps: Capabilities | null = null;
let preferred: Backend | undefined;
type Loaded = { classifier: LoadedModel; embedder: LoadedModel };
let loaded: Loaded | null = null;
let lastError: string | null = null;
const cancelled = new Set<string>();

function modelInfo(name: ModelInfo["name"]): ModelInfo {
  const m = models.find((x) => x.name === name);
  if (!m) throw new Error(`No champion ${name} in the registry this app was built with`);
  return m;
}

async function loadOptions(base: string, onProgress?: (p: ModelLoadProgress) => void) {
  caps ??= await detectCapabilities();
  return { base, backends: chooseBackends(caps, preferred), threads: Math.min(4, caps.cores), onProgress: onProgress ?? (() => {}) };
}

let loading: Promise<Loaded> | null = null;

/** The classifier and the embedder, loaded once; calls while they load share the one load. */
function ensureModels(base: string, onProgress?: (p: ModelLoadProgress) => void, alsoFetch: readonly ModelInfo[] = []): Promise<Loaded> {
  if (loaded) return Promise.resolve(loaded);
  const opts = loadOptions(base, onProgress);
  // Files another caller wants beside these start now, even while a load is under way.
  opts.then((o) => prefetchModels(alsoFetch, o)).catch(() => {}); // a failure surfaces from the load
  loading ??= loadModels(opts).finally(() => (loading = null));
  return loading;
}

async function loadModels(options: ReturnType<typeof loadOptions>): Promise<Loaded> {
  const opts = await options;
  const { backends, onProgress: progress } = opts;
  try {
    const classifierInfo = modelInfo("garment-classifier");
    const embedderInfo = modelInfo("garment-embedder");
    // The files come side by side, beside the runtime; the sessions start one after the
    // other (the WebGPU provider refuses two being created at once).
    prefetchModels([classifierInfo, embedderInfo], opts);
    // The runtime is fetched on first need too (not precached): with progress, before the models start.
    if (backends[0] !== "webgpu") {
      const wasm = packFiles.vision.find((f) => f.path.endsWith(".wasm"));
      await prefetchRuntime(wasmBinaryUrl(), wasm?.bytes ?? 0, progress);
    }
    const classifier = await getSession(classifierInfo, opts);
    const embedder = await getSession(embedderInfo, opts);
    loaded = { classifier, embedder };
    lastError = null;
    return loaded;
  } catch (e) {
    lastError = e instanceof Error ? e.message : String(e);
    throw e;
  }
}

/**
 * The detector's session, after the classifier's (the runtime and the backend choice are
 * theirs, and the import needs both right after detecting); its file downloads beside
 * theirs. Null when none is registered.
 */
async function ensureDetector(base: string, onProgress?: (p: ModelLoadProgress) => void): Promise<LoadedModel | null> {
  const { info } = usableDetector(models);
  if (!info) return null;
  await ensureModels(base, onProgress, [info]);
  try {
    // Memoized by getSession; a failure drops it, so the next photo retries.
    return await getSession(info, await loadOptions(base, onProgress));
  } catch (e) {
    lastError = e instanceof Error ? e.message : String(e);
    throw e;
  }
}

async function bitmapOf(photo: ImageBitmap | Blob): Promise<ImageBitmap> {
  if (!(photo instanceof Blob)) return photo;
  try {
    return await createImageBitmap(photo, { imageOrientation: "from-image" });
  } catch {
    throw new DecodeError("This image could not be decoded");
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
  /** Whether this build has a usable garment detector, and why not when it has none. */
  detectorStatus(): { available: boolean; reason: string | null; model: { name: string; version: number } | null } {
    const d = usableDetector(models);
    return { available: d.info != null, reason: d.reason, model: d.info && { name: d.info.name, version: d.info.version } };
  },
  /** Loads the detector (with progress; no time limit: a first download can be slow). False when this build has none. */
  async initDetector(base: string, onProgress?: (p: ModelLoadProgress) => void): Promise<boolean> {
    return (await ensureDetector(base, onProgress)) != null;
  },
  /**
   * The garments in one photo (models/DETECTION.md), or null when this build has no
   * detector. `photo` is the import's analysis bitmap (the photo at ≥ the input side on
   * its longer side; closed here) with the stored photo's size, or a photo's Blob
   * (decoded here, EXIF orientation applied). Boxes and masks are in photo pixels.
   */
  async detect(
    base: string,
    photo: ImageBitmap | Blob,
    photoSize?: { width: number; height: number },
    onProgress?: (p: ModelLoadProgress) => void,
  ): Promise<TimedDetection | null> {
    const model = await ensureDetector(base, onProgress);
    if (!model) {
      if (!(photo instanceof Blob)) photo.close();
      return null;
    }
    const t0 = performance.now();
    const bitmap = await bitmapOf(photo);
    let pixels;
    const width = photoSize?.width ?? bitmap.width;
    const height = photoSize?.height ?? bitmap.height;
    try {
      pixels = letterboxPixels(bitmap, width, height, inputSize(model.info));
    } finally {
      bitmap.close();
    }
    const out = await detectLetterboxed(model, pixels, width, height);
    out.timings.draw += performance.now() - t0;
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
