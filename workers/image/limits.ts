/** Import limits, in one place so messages and tests agree. */
export const MAX_STORED_SIDE = 4096; // longer side of the stored original
export const THUMB_SIDE = 384; // longer side of the grid thumbnail (2-column phone grid at 2–3× DPR)
export const MIN_SIDE = 64; // smaller than this cannot show a garment
export { MAX_PIXELS } from "@domain/image/limits"; // refuse above this even before decoding (a 50 MP photo is fine)
export const MAX_BYTES = 80 * 1024 * 1024;
export const ORIGINAL_QUALITY = 0.92;
export const THUMB_QUALITY = 0.8;
