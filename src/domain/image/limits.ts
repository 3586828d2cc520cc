/**
 * How large an image Curator will open: above this many pixels a photo is refused
 * before any decoder runs (a 50 MP photo is fine; a crafted 20,000 × 20,000 header
 * would need 1.6 GB as a bitmap). Shared by the photo import and the checks of
 * photos that come from a backup or a bucket.
 */
export const MAX_PIXELS = 120_000_000;
/** The longest side a stored photo may claim (stored originals are at most 4096). */
export const MAX_SIDE = 16_384;
