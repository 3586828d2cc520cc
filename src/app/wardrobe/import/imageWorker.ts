import { wrap, releaseProxy, type Remote } from "comlink";
import type { ImageWorkerApi } from "../../../../workers/image.worker";

/**
 * The photo worker, created on first use and shut down when idle (it holds
 * decoders and canvases). Cancelling a batch terminates it outright: a 50 MP
 * decode cannot be interrupted any other way.
 */
const IDLE_MS = 30_000;
let current: { worker: Worker; api: Remote<ImageWorkerApi> } | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

export function imageWorker(): Remote<ImageWorkerApi> {
  clearTimeout(idleTimer);
  if (!current) {
    const worker = new Worker(new URL("../../../../workers/image.worker.ts", import.meta.url), { type: "module", name: "curator-image" });
    current = { worker, api: wrap<ImageWorkerApi>(worker) };
  }
  return current.api;
}

/** Call when a batch ends: the worker stays warm briefly for the next batch. */
export function releaseImageWorkerSoon(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(stopImageWorker, IDLE_MS);
}

export function stopImageWorker(): void {
  clearTimeout(idleTimer);
  if (!current) return;
  current.api[releaseProxy]();
  current.worker.terminate();
  current = null;
}
