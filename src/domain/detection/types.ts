/**
 * The garment detector's results as the app uses them (contract: models/DETECTION.md).
 * Boxes are in photo pixels (the EXIF-oriented photo as stored). A piece's mask covers
 * its box at the mask's own resolution: `width × height` is the box size in photo pixels,
 * scaled down so the longer side is at most the decoder's `maskMaxSide` (512 by default:
 * a 12 MP photo's box would otherwise make a 4000 × 3000 array per piece). The cut-out
 * step scales it to the crop it draws.
 */
export type Box = { x: number; y: number; width: number; height: number }; // photo pixels
export type PieceMask = { width: number; height: number; alpha: Uint8Array }; // covers `box`, 0…255
export type DetectedPiece = { box: Box; score: number; mask: PieceMask | null };
export type Detection = { photoWidth: number; photoHeight: number; pieces: DetectedPiece[]; model: { name: string; version: number } };
