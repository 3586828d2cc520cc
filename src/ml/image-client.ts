/**
 * Main-thread side of the photo worker (workers/image.worker.ts: sniff, decode, strip
 * metadata, thumbnail, hash), on the shared worker lifecycle (workerClient.ts). It
 * stays warm for 30 s after the last photo, for the next batch. An abort ends the
 * worker outright: a 50 MP decode cannot be interrupted any other way.
 */
import type { ImageWorkerApi } from "@workers/image.worker";
import type { ProcessOptions, ProcessResult } from "@workers/image/process";
import type { CutOut, CutOutOptions, PieceCutOut } from "@workers/image/cutout";
import type { DetectedPiece } from "@domain/detection/types";
import type { SourceBox } from "@domain/wardrobe/types";
import { proxy } from "comlink";
import { WorkerClient } from "./workerClient";

export type { ProcessedPhoto, ProcessResult } from "@workers/image/process";
export type { CutOut, PieceCutOut } from "@workers/image/cutout";

const IDLE_MS = 30_000;
/** A 50 MP photo takes seconds on a slow phone; two minutes means the worker hung. */
const CALL_MS = 120_000;

const client = new WorkerClient<ImageWorkerApi>({
  name: "photo reader",
  idleMs: IDLE_MS,
  create: () => new Worker(new URL("../../workers/image.worker.ts", import.meta.url), { type: "module", name: "curator-image" }),
});

/** Reads one photo into what the wardrobe stores (or a refusal in the user's words). */
export function processPhoto(file: Blob, options: ProcessOptions, signal?: AbortSignal): Promise<ProcessResult> {
  return client.call<ProcessResult>((api) => api.processPhoto(file, options), { signal, timeoutMs: CALL_MS, onAbort: () => client.stop() });
}

/** Ends the worker now, e.g. when a batch is cancelled (calls in flight reject as cancelled). */
export function stopImageWorker(): void {
  client.stop();
}

/**
 * A detected piece's cut-out from the full-resolution photo: WebP with alpha (PNG where
 * WebP cannot be encoded), transparent outside its mask, with its thumbnail, sha256 and
 * size, ready to store as the piece's photo. Bad input rejects with a message in the user's words.
 */
export function cutOutPiece(photo: Blob, piece: DetectedPiece, photoSize?: { width: number; height: number }, signal?: AbortSignal): Promise<CutOut> {
  return client.call<CutOut>((api) => api.cutOut(photo, piece, photoSize), { signal, timeoutMs: CALL_MS, onAbort: () => client.stop() });
}

/**
 * The pieces of one photo cut out from one decode (see cutOutPiece), each handed to
 * `onPiece` as soon as it is ready, in order, with its analysis bitmap (`analysisSide`),
 * so that piece k is analysed while piece k + 1 is encoded. A piece that cannot be cut
 * out arrives as its worded failure; the call rejects only when the photo cannot be read
 * (or on a cancel: the worker is ended, and `onPiece` must close a bitmap arriving late).
 */
export function cutOutPieces(
  photo: Blob,
  pieces: DetectedPiece[],
  photoSize: { width: number; height: number },
  options: CutOutOptions,
  onPiece: (index: number, result: PieceCutOut) => void,
  signal?: AbortSignal,
): Promise<void> {
  return client.call<void>((api) => api.cutOutPieces(photo, pieces, photoSize, options, proxy(onPiece)), {
    signal,
    timeoutMs: CALL_MS,
    onAbort: () => client.stop(),
  });
}

/** Thumbnails of a shared photo cropped around pieces' boxes (null: the whole photo), for pieces shown as photographed. */
export function cropPieceThumbnails(
  photo: Blob,
  photoSize: { width: number; height: number },
  boxes: (SourceBox | null)[],
  signal?: AbortSignal,
): Promise<Blob[]> {
  return client.call<Blob[]>((api) => api.cropThumbnails(photo, photoSize, boxes), { signal, timeoutMs: CALL_MS });
}
