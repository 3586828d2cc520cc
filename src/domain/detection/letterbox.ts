/**
 * The detector's input (models/DETECTION.md): the photo scaled by s = size / max(W, H),
 * placed at the top-left corner of a size × size square, the rest grey 114/255, as a
 * float32 CHW tensor with RGB in 0…1. Pure maths: the worker draws the scaled pixels.
 */
export const DEFAULT_INPUT_SIZE = 256;
export const PAD_VALUE = 114 / 255;

export interface Letterbox {
  /** Input pixels per photo pixel. */
  scale: number;
  /** The photo's scaled size inside the square (what the pixels handed over should measure). */
  width: number;
  height: number;
  size: number;
}

/** Where a photo of W × H lands in the detector's square input. */
export function letterbox(photoWidth: number, photoHeight: number, size = DEFAULT_INPUT_SIZE): Letterbox {
  if (!(photoWidth > 0 && photoHeight > 0)) throw new RangeError(`A photo must have pixels (got ${photoWidth} × ${photoHeight})`);
  const scale = size / Math.max(photoWidth, photoHeight);
  return {
    scale,
    width: Math.min(size, Math.max(1, Math.round(photoWidth * scale))),
    height: Math.min(size, Math.max(1, Math.round(photoHeight * scale))),
    size,
  };
}

/**
 * Fills the [1, 3, size, size] input from RGBA pixels already scaled to fit the square
 * (non-premultiplied, as `ImageData`). Pixels larger than the square are refused (the
 * caller scales: area-averaging is the drawer's job); transparent pixels are composited
 * over the pad grey, so a cut-out or a PNG with alpha reads as it looks on the page.
 */
export function letterboxTensor(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, size = DEFAULT_INPUT_SIZE): Float32Array {
  if (width > size || height > size) throw new RangeError(`Pixels of ${width} × ${height} do not fit the ${size} × ${size} input; scale them first`);
  if (rgba.length !== width * height * 4) throw new RangeError(`Expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const plane = size * size;
  const out = new Float32Array(3 * plane).fill(PAD_VALUE);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const o = y * size + x;
      const a = rgba[i + 3]! / 255;
      for (let c = 0; c < 3; c++) {
        const v = rgba[i + c]! / 255;
        out[c * plane + o] = a === 1 ? v : v * a + PAD_VALUE * (1 - a);
      }
    }
  }
  return out;
}
