/**
 * Main-thread side of the vision worker, on the shared worker lifecycle (workerClient.ts):
 * started on first use, shut down after 5 minutes without photos to free the models'
 * memory, replaced after a crash. Each analysis first makes sure the models are loaded
 * (no time limit: a first download can be slow), then runs with a time limit.
 */
import { proxy, transfer, type Remote } from "comlink";
import type { VisionApi, VisionStatus } from "@workers/vision.worker";
import type { AnalyseOptions, GarmentAnalysis } from "@workers/vision/analyse";
import type { TimedDetection } from "@workers/vision/detect";
import type { ModelRef } from "@domain/vision/modelRef";
import models from "virtual:curator-models";
import { usableDetector } from "@domain/detection/choice";
import type { Backend, ModelLoadProgress } from "./modelInfo";
import { getSetting } from "@data/settings";
import { WorkerClient } from "./workerClient";

export type { GarmentAnalysis, TimedDetection, VisionStatus };

const IDLE_MS = 5 * 60_000;
/** One photo takes tens of milliseconds once the models are loaded: a minute means the worker hung. */
const CALL_MS = 60_000;
const BASE = new URL(import.meta.env.BASE_URL, self.location.origin).href;

const client = new WorkerClient<VisionApi>({
  name: "garment recogniser",
  idleMs: IDLE_MS,
  create: () => new Worker(new URL("../../workers/vision.worker.ts", import.meta.url), { type: "module", name: "vision" }),
});

let preferred: Backend | undefined;
let preferenceRead = false;
const listeners = new Set<(p: ModelLoadProgress) => void>();

/** Subscribe to model download/compile progress (for a progress bar). */
export function onModelProgress(fn: (p: ModelLoadProgress) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const progressProxy = proxy((p: ModelLoadProgress) => listeners.forEach((l) => l(p)));

/** The user's backend choice (settings), read once. */
async function preference(): Promise<Backend | undefined> {
  if (!preferenceRead) {
    const b = await getSetting("backend");
    // A choice made while the setting was being read wins.
    if (!preferenceRead) preferred = b === "auto" ? undefined : b;
    preferenceRead = true;
  }
  return preferred;
}

/** Loads the models (once per worker) on the preferred backend, reporting progress. */
function load(signal?: AbortSignal): Promise<VisionStatus> {
  return client.call(
    async (api) => {
      await api.setPreferredBackend(await preference());
      return api.init(BASE, progressProxy);
    },
    { signal },
  );
}

/**
 * Loads every photo-recognition model now (Settings → Models, "work fully offline now"): the
 * classifier and embedder, and the garment detector when this build ships one — so all of
 * them are fetched (and kept by the service worker for offline use), not only on first need.
 */
export async function loadVisionModels(): Promise<VisionStatus> {
  const status = await load();
  if (!DETECTOR) return status;
  await client.call((api) => api.initDetector(BASE, progressProxy));
  return visionStatus();
}

/**
 * Starts loading photo recognition without waiting for it: called when the person opens
 * the photo picker or the camera, so the models start while they choose (about 5 s of a
 * slow phone's first photo after opening the app). A failure is left to the import, which
 * reports it for the photo.
 */
export function warmUpRecognition(): void {
  loadVisionModels().catch(() => {});
}

export async function visionStatus(): Promise<VisionStatus> {
  return client.running ? client.call((api) => api.status()) : { capabilities: null, backend: null, models: [], error: null };
}

/** Ends the worker (its models leave memory): the next use loads them again, from the network if their cache was removed. */
export function unloadVisionModels(): void {
  client.stop();
}

/** Use this backend first from now on (the worker restarts so the models reload on it). */
export async function setPreferredBackend(b: Backend | undefined): Promise<void> {
  preferred = b;
  preferenceRead = true;
  client.stop();
}

type CallOpts = Omit<AnalyseOptions, "callId"> & { signal?: AbortSignal };

/** Loads the models, then runs one analysis; an abort asks the worker to stop at its next checkpoint. */
async function analyse(opts: CallOpts, run: (api: Remote<VisionApi>, o: AnalyseOptions) => Promise<GarmentAnalysis>): Promise<GarmentAnalysis> {
  const { signal, ...rest } = opts;
  await load(signal);
  const callId = crypto.randomUUID();
  return client.call(
    async (api) => {
      try {
        return await run(api, { ...rest, callId });
      } finally {
        void api.forget(callId);
      }
    },
    { signal, timeoutMs: CALL_MS, onAbort: (api) => void api.cancel(callId) },
  );
}

/** Analyse decoded RGBA pixels; the buffer is transferred (not copied) to the worker. */
export function analysePixels(pixels: ArrayBuffer, width: number, height: number, opts: CallOpts): Promise<GarmentAnalysis> {
  return analyse(opts, (api, o) => api.analysePixels(BASE, transfer(pixels, [pixels]), width, height, o));
}

/** Analyse a small ImageBitmap; it is transferred to the worker (and closed there). */
export function analyseBitmap(bitmap: ImageBitmap, opts: CallOpts): Promise<GarmentAnalysis> {
  return analyse(opts, (api, o) => api.analyseBitmap(BASE, transfer(bitmap, [bitmap]), o));
}

export function analyseBlob(blob: Blob, opts: CallOpts): Promise<GarmentAnalysis> {
  return analyse(opts, (api, o) => api.analyseBlob(BASE, blob, o));
}

/** Raw model output for a [n,1,28,28] batch (backend-parity test and bench). */
export async function runModel(name: "garment-classifier" | "garment-embedder", input: Float32Array, n: number): Promise<Float32Array> {
  await load();
  return client.call((api) => api.runModel(BASE, name, transfer(input, [input.buffer]), n), { timeoutMs: CALL_MS });
}

/** The garment detector this build ships, or null (then the import makes one item per photo, as before detection). */
export const DETECTOR: ModelRef | null = (() => {
  const { info } = usableDetector(models);
  return info && { name: info.name, version: info.version };
})();

/** What detection needs of a processed photo: its analysis bitmap (kept: it is copied, not transferred) or, without one, the photo itself. */
export interface DetectablePhoto {
  analysis: ImageBitmap | null;
  original: Blob;
  /** The stored photo's size: boxes and masks come back in its pixels. */
  width: number;
  height: number;
}

/**
 * The garments in one photo (models/DETECTION.md), or null when this build has no
 * detector ("not available": the caller goes on as before detection). Loads the detector
 * first (with progress, no time limit), then detects with the usual time limit.
 */
export async function detectPieces(photo: DetectablePhoto, opts: { signal?: AbortSignal } = {}): Promise<TimedDetection | null> {
  if (!DETECTOR) return null;
  const { signal } = opts;
  await load(signal);
  const available = await client.call((api) => api.initDetector(BASE, progressProxy), { signal });
  if (!available) return null;
  const size = { width: photo.width, height: photo.height };
  // No transfer list: the bitmap is cloned, so the recognition step can still use it.
  return client.call((api) => api.detect(BASE, photo.analysis ?? photo.original, size), { signal, timeoutMs: CALL_MS });
}
