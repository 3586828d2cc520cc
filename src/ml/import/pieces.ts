import type { DetectedPiece, Detection } from "@domain/detection/types";
import { CancelledError, isCancelled } from "@domain/errors";
import { userMessage } from "@data/errors";
import type { NewPiece } from "@data/items";
import type { ProcessedPhoto } from "../image-client";

/**
 * Several garments in one photo (issue 16): what the import asks of the detector, the
 * person and the cut-out step, each given as a function so that the import itself
 * does not depend on how they run (the vision worker, the review sheet, the image
 * worker; tests give their own).
 */
export interface PieceTools {
  /** The garments in the photo, or null when no detector is available (then the import behaves as before detection). */
  detect?: (photo: ProcessedPhoto, signal: AbortSignal) => Promise<Detection | null>;
  /**
   * Shows the pieces found (two or more) and resolves with the ones the person keeps,
   * moved or added, or with null when they choose to import the photo as one item (the
   * one-photo path, exactly as before detection); rejects with a CancelledError when they
   * cancel the import. Without a reviewer every piece found is kept.
   */
  reviewPieces?: (photo: ProcessedPhoto, detection: Detection) => Promise<DetectedPiece[] | null>;
  /**
   * The kept pieces cut out of the photo (transparent around each), as photos to store
   * and analyse: one result per piece, in the pieces' order, each as soon as it is ready
   * (piece k is analysed while the next ones are cut out); a piece that cannot be cut out
   * is its worded failure. A throw ends the cutting: the pieces not yet handed over are
   * left out with its reason. Leaving the iteration early (return) must free what is left.
   */
  cutOut?: (photo: ProcessedPhoto, pieces: readonly DetectedPiece[], signal: AbortSignal) => AsyncIterable<PieceCut>;
}

/** One piece's cut-out (its analysis bitmap is the receiver's to close), or why it could not be made. */
export type PieceCut = { ok: true; cut: ProcessedPhoto } | { ok: false; message: string };

export const NO_GARMENT_NOTE = "No garment found in this photo.";

/** What the detector said about a photo, for the import: go on as before (one item), or these pieces. */
export type Finding = { kind: "whole"; notes: string[] } | { kind: "pieces"; pieces: DetectedPiece[]; detection: Detection };

const cancelled = () => new CancelledError("The import was cancelled.");

/**
 * Asks the detector, then (two or more pieces) the person. No detector, a failing one,
 * or one piece: the photo is one item, as before detection; none: the same, with a note
 * saying so (the photo is kept: the person decides what it is).
 */
export async function findPieces(tools: PieceTools, photo: ProcessedPhoto, signal: AbortSignal): Promise<Finding> {
  if (!tools.detect) return { kind: "whole", notes: [] };
  let detection: Detection | null;
  try {
    detection = await tools.detect(photo, signal);
  } catch (e) {
    if (signal.aborted || isCancelled(e)) throw cancelled();
    // Detection is a bonus like the other analysis: the photo is imported as before.
    return { kind: "whole", notes: [`Looking for several garments didn't work for this photo (${userMessage(e)}).`] };
  }
  if (signal.aborted) throw cancelled();
  if (!detection || detection.pieces.length === 1) return { kind: "whole", notes: [] };
  if (detection.pieces.length === 0) return { kind: "whole", notes: [NO_GARMENT_NOTE] };
  const kept = tools.reviewPieces ? await tools.reviewPieces(photo, detection) : detection.pieces;
  if (signal.aborted) throw cancelled();
  if (kept === null) return { kind: "whole", notes: [] };
  return { kind: "pieces", pieces: kept, detection };
}

/** One kept piece, cut out and analysed, ready to store; its bitmap is closed by the caller. */
export interface PreparedPiece extends NewPiece {
  cut: ProcessedPhoto;
  notes: string[];
}

/**
 * Cuts out the kept pieces (all from one decode of the photo, tools.cutOut) and runs the
 * import's analysis on each as it arrives (`analyse`: the same steps a whole photo gets),
 * while the next is still being cut out. A piece that cannot be cut out is left out with
 * a note; nothing is stored here. On a cancel every bitmap made so far is closed.
 */
export async function preparePieces(
  tools: PieceTools,
  photo: ProcessedPhoto,
  pieces: readonly DetectedPiece[],
  signal: AbortSignal,
  analyse: (cut: ProcessedPhoto, notes: string[]) => Promise<Omit<NewPiece, "photo">>,
  notes: string[],
): Promise<PreparedPiece[]> {
  if (!tools.cutOut) throw new Error("Pieces cannot be cut out in this build.");
  if (signal.aborted) throw cancelled();
  const out: PreparedPiece[] = [];
  const leftOut = (k: number, why: string) => notes.push(`Piece ${k + 1} couldn't be cut out (${why}); it was left out.`);
  const cuts = tools.cutOut(photo, pieces, signal)[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (const [k, piece] of pieces.entries()) {
      let next: IteratorResult<PieceCut>;
      try {
        next = await cuts.next();
      } catch (e) {
        finished = true; // a throwing iterator is done
        if (signal.aborted || isCancelled(e)) throw cancelled();
        for (let j = k; j < pieces.length; j++) leftOut(j, userMessage(e));
        break;
      }
      if (next.done) {
        finished = true;
        for (let j = k; j < pieces.length; j++) leftOut(j, "the cutting stopped before it");
        break;
      }
      const result = next.value;
      if (signal.aborted) {
        if (result.ok) result.cut.analysis?.close();
        throw cancelled();
      }
      if (!result.ok) {
        leftOut(k, result.message);
        continue;
      }
      const { cut } = result;
      const pieceNotes = [...cut.notes];
      const prepared: PreparedPiece = { cut, notes: pieceNotes, photo: storedPhoto(cut), box: piece.box };
      out.push(prepared); // closed with the others whatever happens next
      const t0 = performance.now();
      Object.assign(prepared, await analyse(cut, pieceNotes));
      performance.measure("curator:import:piece-analyse", { start: t0, detail: { piece: k } });
      notes.push(...pieceNotes.map((n) => `Piece ${k + 1}: ${n}`));
    }
  } catch (e) {
    for (const p of out) p.cut.analysis?.close();
    throw e;
  } finally {
    // Stopped early (a cancel): the cutter frees what it still holds.
    if (!finished) await cuts.return?.();
  }
  return out;
}

/** The stored part of a processed photo (its notes, analysis bitmap and timings are not stored). */
export function storedPhoto(p: ProcessedPhoto): NewPiece["photo"] {
  const { original, thumbnail, width, height, mimeType, sha256 } = p;
  return { original, thumbnail, width, height, mimeType, sha256 };
}
