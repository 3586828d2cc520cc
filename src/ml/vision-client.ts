/**
 * Main-thread side of the vision worker: one lazily started worker, typed with
 * Comlink, with AbortSignal support, load progress and an idle shutdown that frees
 * the models' memory when the user has not added photos for a while.
 */
import * as Comlink from "comlink";
import type { VisionApi, VisionStatus } from "../../workers/vision.worker";
import type { AnalyseOptions, GarmentAnalysis } from "../../workers/vision/analyse";
import type { Backend, ModelLoadProgress } from "./modelInfo";
import { getSetting } from "../data/settings";
import { throwIfCancelled } from "../domain/errors";

export type { GarmentAnalysis, VisionStatus };

const IDLE_MS = 5 * 60_000;
const BASE = new URL(import.meta.env.BASE_URL, self.location.origin).href;

let worker: Worker | null = null;
let remote: Comlink.Remote<VisionApi> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let preferred: Backend | undefined;
let preferenceRead = false;
const listeners = new Set<(p: ModelLoadProgress) => void>();

function touch() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void shutdownVision(), IDLE_MS);
}

function api(): Comlink.Remote<VisionApi> {
  if (!remote) {
    worker = new Worker(new URL("../../workers/vision.worker.ts", import.meta.url), { type: "module", name: "vision" });
    remote = Comlink.wrap<VisionApi>(worker);
    // A crashed worker is replaced on the next call.
    worker.addEventListener("error", () => void shutdownVision());
  }
  touch();
  return remote;
}

/** Subscribe to model download/compile progress (for a progress bar). */
export function onModelProgress(fn: (p: ModelLoadProgress) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const progressProxy = Comlink.proxy((p: ModelLoadProgress) => listeners.forEach((l) => l(p)));

/** The user's backend choice (settings), applied before the models first load. */
async function applyPreference(r: Comlink.Remote<VisionApi>) {
  if (!preferenceRead) {
    preferenceRead = true;
    const b = await getSetting<Backend | "auto">("backend", "auto");
    preferred = b === "auto" ? undefined : b;
  }
  await r.setPreferredBackend(preferred);
}

export async function loadVisionModels(): Promise<VisionStatus> {
  const r = api();
  await applyPreference(r);
  return r.init(BASE, progressProxy);
}

export async function visionStatus(): Promise<VisionStatus> {
  return remote ? remote.status() : { capabilities: null, backend: null, models: [], error: null };
}

/** Use this backend first from now on (the worker restarts so the models reload on it). */
export async function setPreferredBackend(b: Backend | undefined): Promise<void> {
  preferred = b;
  preferenceRead = true;
  await shutdownVision();
}

async function withAbort<T>(signal: AbortSignal | undefined, call: (callId: string) => Promise<T>): Promise<T> {
  throwIfCancelled(signal, "The analysis was cancelled.");
  const callId = crypto.randomUUID();
  const r = api();
  const onAbort = () => void r.cancel(callId);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await applyPreference(r);
    await r.init(BASE, progressProxy);
    return await call(callId);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    void r.forget(callId);
  }
}

/** Analyse decoded RGBA pixels; the buffer is transferred (not copied) to the worker. */
export function analysePixels(
  pixels: ArrayBuffer,
  width: number,
  height: number,
  opts: Omit<AnalyseOptions, "callId"> & { signal?: AbortSignal },
): Promise<GarmentAnalysis> {
  const { signal, ...rest } = opts;
  return withAbort(signal, (callId) =>
    api().analysePixels(BASE, Comlink.transfer(pixels, [pixels]), width, height, { ...rest, callId }),
  );
}

/** Analyse a small ImageBitmap; it is transferred to the worker (and closed there). */
export function analyseBitmap(bitmap: ImageBitmap, opts: Omit<AnalyseOptions, "callId"> & { signal?: AbortSignal }): Promise<GarmentAnalysis> {
  const { signal, ...rest } = opts;
  return withAbort(signal, (callId) => api().analyseBitmap(BASE, Comlink.transfer(bitmap, [bitmap]), { ...rest, callId }));
}

export function analyseBlob(blob: Blob, opts: Omit<AnalyseOptions, "callId"> & { signal?: AbortSignal }): Promise<GarmentAnalysis> {
  const { signal, ...rest } = opts;
  return withAbort(signal, (callId) => api().analyseBlob(BASE, blob, { ...rest, callId }));
}

export function runModel(name: "garment-classifier" | "garment-embedder", input: Float32Array, n: number): Promise<Float32Array> {
  return api().runModel(BASE, name, Comlink.transfer(input, [input.buffer]), n);
}

export async function shutdownVision(): Promise<void> {
  clearTimeout(idleTimer);
  const r = remote;
  const w = worker;
  remote = null;
  worker = null;
  if (r) await r.dispose().catch(() => {});
  r?.[Comlink.releaseProxy]();
  w?.terminate();
}
