import type { SourceBox } from "./types";

/**
 * A piece's place in the photo it was cut out of (issue 16): the box as stored, and the
 * crop that shows it "as photographed". Pure: the image worker draws the crop.
 */

type Size = { width: number; height: number };

/** The margin around a piece's box when it is shown cropped from its photo, as a share of the box's side. */
export const CROP_MARGIN = 0.08;

/**
 * The box if it is one: four finite numbers, x0 < x1 and y0 < y1, and (given the photo's
 * size) inside the photo. Anything else is null: a bad box is dropped, never fatal (the
 * piece then shows its whole photo).
 */
export function sourceBoxOrNull(v: unknown, photo?: Size): SourceBox | null {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((n) => typeof n === "number" && Number.isFinite(n))) return null;
  const [x0, y0, x1, y1] = v as number[];
  if (!(x0! < x1! && y0! < y1!)) return null;
  if (photo && (x0! < 0 || y0! < 0 || x1! > photo.width || y1! > photo.height)) return null;
  return [x0!, y0!, x1!, y1!];
}

/** A detector box ({x, y, width, height}) as a source box, clamped to the photo (a box dragged to the edge may overshoot by a rounding); null if nothing is left. */
export function boxToSourceBox(box: { x: number; y: number; width: number; height: number }, photo: Size): SourceBox | null {
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return sourceBoxOrNull(
    [clamp(box.x, photo.width), clamp(box.y, photo.height), clamp(box.x + box.width, photo.width), clamp(box.y + box.height, photo.height)],
    photo,
  );
}

/**
 * The shape (width / height) a piece's crop is grown to when the photo has room: the grid's
 * cells (4:5). Without it a wide piece (a shoe) would lose most of itself to the cell's
 * cover-fit; with it the piece shows whole, with the photo around it.
 */
export const CROP_ASPECT = 4 / 5;

/** Grows [lo, hi) to `len` around its centre, shifted to stay inside [0, max) (clamped when longer than max). */
function grow(lo: number, hi: number, len: number, max: number): [number, number] {
  if (len <= hi - lo) return [lo, hi];
  if (len >= max) return [0, max];
  let a = (lo + hi - len) / 2;
  a = Math.min(Math.max(0, a), max - len);
  return [a, a + len];
}

/**
 * The part of the photo to show for a piece, in whole photo pixels: its box grown by
 * CROP_MARGIN of each side, then (room permitting) to `aspect`, clamped to the photo; the
 * whole photo without a (valid) box.
 */
export function cropForPiece(
  box: SourceBox | null | undefined,
  photo: Size,
  margin = CROP_MARGIN,
  aspect = CROP_ASPECT,
): { x: number; y: number; width: number; height: number } {
  const b = sourceBoxOrNull(box, photo);
  if (!b) return { x: 0, y: 0, width: photo.width, height: photo.height };
  const [x0, y0, x1, y1] = b;
  const mx = (x1 - x0) * margin;
  const my = (y1 - y0) * margin;
  let [left, right] = [Math.max(0, x0 - mx), Math.min(photo.width, x1 + mx)];
  let [top, bottom] = [Math.max(0, y0 - my), Math.min(photo.height, y1 + my)];
  [left, right] = grow(left, right, (bottom - top) * aspect, photo.width);
  [top, bottom] = grow(top, bottom, (right - left) / aspect, photo.height);
  const x = Math.floor(left);
  const y = Math.floor(top);
  return { x, y, width: Math.max(1, Math.ceil(right) - x), height: Math.max(1, Math.ceil(bottom) - y) };
}
