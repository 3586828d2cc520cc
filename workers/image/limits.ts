/** Import limits, in one place so messages and tests agree. */
export const MAX_STORED_SIDE = 4096; // longer side of the stored original
/**
 * Longer side of a piece's stored cut-out (a garment cut from a shared photo). The full-resolution
 * pixels stay in the shared original ("As photographed" crops it); the cut-out is what the grid,
 * outfit cards and the item editor show, and WebP-with-alpha encoding costs ~linear in pixels
 * (bench/pieces.bench.mjs, issue 16): 1024 covers the editor's big photo on a phone at 2-3x DPR.
 */
export const MAX_CUTOUT_SIDE = 1024;
export const THUMB_SIDE = 384; // longer side of the grid thumbnail (2-column phone grid at 2–3× DPR)
export const MIN_SIDE = 64; // smaller than this cannot show a garment
export { MAX_PIXELS } from "@domain/image/limits"; // refuse above this even before decoding (a 50 MP photo is fine)
export const MAX_BYTES = 80 * 1024 * 1024;
export const ORIGINAL_QUALITY = 0.92;
export const THUMB_QUALITY = 0.8;
