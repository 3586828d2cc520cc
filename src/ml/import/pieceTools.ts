import { CancelledError, isCancelled } from "@domain/errors";
import { userMessage } from "@data/errors";
import type { DetectedPiece } from "@domain/detection/types";
import { cutOutPieces, type PieceCutOut, type ProcessedPhoto } from "../image-client";
import { detectPieces } from "../vision-client";
import type { PieceCut, PieceTools } from "./pieces";

/**
 * The app's own detector and cut-out (the vision and image workers), used by the import
 * unless it is given others. With no detector in the build `detect` resolves null and no
 * worker is started: every photo is one item, as before detection.
 */
export function devicePieceTools(analysisSide: number | undefined): Required<Pick<PieceTools, "detect" | "cutOut">> {
  return {
    detect: (photo, signal) => detectPieces({ analysis: photo.analysis, original: photo.original, width: photo.width, height: photo.height }, { signal }),
    cutOut: (photo, pieces, signal) => workerCutOuts(photo, pieces, signal, analysisSide),
  };
}

/** A worker's cut-out as the import's processed photo (the steps analyse its bitmap, made in the worker from the masked pixels). */
function processed(r: PieceCutOut, started: number): PieceCut {
  if (!r.ok) return r;
  const { image: _same, analysis, timings, ...stored } = r.cut;
  // How long after the call this piece arrived (the pieces before it, and its own cutting), for the bench.
  performance.measure("curator:import:piece-cut", { start: started, detail: { ...timings } });
  return { ok: true, cut: { ...stored, notes: [], analysis, timings } };
}

/**
 * The image worker cuts all the pieces from one decode (cutOutPieces) and hands each
 * over as soon as it is encoded; they wait here, in order, until the import takes them.
 * Whatever the import does not take (it stopped early, or cancelled) is closed, including
 * a bitmap arriving after the cancel.
 */
async function* workerCutOuts(
  photo: ProcessedPhoto,
  pieces: readonly DetectedPiece[],
  signal: AbortSignal,
  analysisSide: number | undefined,
): AsyncGenerator<PieceCut> {
  const started = performance.now();
  const ready = new Map<number, PieceCut>();
  let wake: (() => void) | null = null;
  let ended = false;
  let failure: unknown = null;
  let taken = false; // the import has stopped taking pieces: close whatever arrives
  const arrived = () => {
    wake?.();
    wake = null;
  };
  const call = cutOutPieces(
    photo.original,
    [...pieces],
    { width: photo.width, height: photo.height },
    { analysisSide },
    (k, r) => {
      const cut = processed(r, started);
      if (taken || signal.aborted) {
        if (cut.ok) cut.cut.analysis?.close();
        return;
      }
      ready.set(k, cut);
      arrived();
    },
    signal,
  ).then(
    () => {
      ended = true;
      arrived();
    },
    (e: unknown) => {
      ended = true;
      failure = e;
      arrived();
    },
  );
  try {
    for (let k = 0; k < pieces.length; k++) {
      while (!ready.has(k) && !ended) await new Promise<void>((done) => (wake = done));
      const cut = ready.get(k);
      ready.delete(k);
      if (cut) {
        yield cut;
        continue;
      }
      // The call ended without this piece: cancelled, or the photo could not be read (every piece left fails alike).
      if (signal.aborted || isCancelled(failure)) throw new CancelledError("The import was cancelled.");
      throw new Error(failure ? userMessage(failure) : "The photo reader stopped before this piece");
    }
    await call;
  } finally {
    taken = true;
    for (const cut of ready.values()) if (cut.ok) cut.cut.analysis?.close();
    ready.clear();
  }
}
