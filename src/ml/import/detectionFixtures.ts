import type { DetectedPiece, Detection } from "@domain/detection/types";

/** Test fixtures for the multi-piece import: a piece whose box starts at x, and n side-by-side pieces of a 640 × 480 photo. */
export const piece = (x: number): DetectedPiece => ({ box: { x, y: 10, width: 100, height: 120 }, score: 0.9, mask: null });
export const detection = (n: number): Detection => ({
  photoWidth: 640,
  photoHeight: 480,
  pieces: Array.from({ length: n }, (_, k) => piece(k * 120)),
  model: { name: "garment-detector", version: 1 },
});
