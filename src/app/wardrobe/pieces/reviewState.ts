import type { Box, DetectedPiece, Detection } from "@domain/detection/types";
import { fit, sameBox, toPixels, type Frame } from "./geometry";

/** One piece on the review screen: the detector's (maybe moved or resized) or one the user added. */
export interface ReviewPiece {
  /** Stable across edits (React key, focus). */
  id: number;
  box: Box;
  kept: boolean;
  /** Drawn or placed by the user, not found by the detector. */
  added: boolean;
  /** The detector's piece it started from (null for an added one). */
  source: DetectedPiece | null;
}

/**
 * What the review hands back for each kept piece: a `DetectedPiece` the cut-out step takes
 * as it is, plus how it got there.
 * - A box the user did not touch keeps the detector's mask and score.
 * - A moved or resized box has no mask (null): the mask described the old box, and stretching
 *   it over a box the user chose would cut the garment wrongly; the cut-out is then the box's
 *   rectangle, which is what the user drew. Its detector score is kept.
 * - An added box has no mask and score 1 (the user is sure of it).
 */
export type ReviewedPiece = DetectedPiece & { added: boolean; adjusted: boolean };

export interface ReviewState {
  frame: Frame;
  pieces: ReviewPiece[];
  nextId: number;
}

export type ReviewAction = { type: "toggle"; id: number } | { type: "drop"; id: number } | { type: "box"; id: number; box: Box } | { type: "add"; box: Box };

export function initialState(detection: Detection): ReviewState {
  const frame = { width: detection.photoWidth, height: detection.photoHeight };
  const pieces = detection.pieces.map((p, i) => ({ id: i + 1, box: p.box, kept: true, added: false, source: p }));
  return { frame, pieces, nextId: pieces.length + 1 };
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  const edit = (id: number, f: (p: ReviewPiece) => ReviewPiece) => ({ ...state, pieces: state.pieces.map((p) => (p.id === id ? f(p) : p)) });
  switch (action.type) {
    case "toggle":
      return edit(action.id, (p) => ({ ...p, kept: !p.kept }));
    case "drop":
      return edit(action.id, (p) => ({ ...p, kept: false }));
    case "box":
      return edit(action.id, (p) => ({ ...p, box: fit(action.box, state.frame) }));
    case "add":
      return {
        ...state,
        pieces: [...state.pieces, { id: state.nextId, box: fit(action.box, state.frame), kept: true, added: true, source: null }],
        nextId: state.nextId + 1,
      };
  }
}

export function adjusted(p: ReviewPiece): boolean {
  return p.source !== null && !sameBox(p.box, p.source.box);
}

/** The kept pieces in the order shown (their numbers), as the import stores them. */
export function keptPieces(state: ReviewState): ReviewedPiece[] {
  return state.pieces
    .filter((p) => p.kept)
    .map((p) => {
      if (p.source && !adjusted(p)) return { ...p.source, added: false, adjusted: false };
      return { box: toPixels(p.box, state.frame), score: p.source?.score ?? 1, mask: null, added: p.added, adjusted: !p.added };
    });
}
