import * as tf from "@tensorflow/tfjs-core";

/**
 * The photo's pixels as an RGB tensor, without tf.browser.fromPixels's per-call costs.
 *
 * On the WASM backend fromPixels draws the bitmap into a default (GPU-accelerated)
 * OffscreenCanvas and reads it back with getImageData — a GPU round trip per photo —
 * and builds an int32 tensor that the face pipeline then casts to float32. Here one
 * canvas marked `willReadFrequently` (CPU-backed, so getImageData is a plain copy) is
 * kept for the worker's life, and the values go straight into a float32 tensor.
 * The numbers are the same 0–255 integers fromPixels gives, so results are identical.
 */

let context: OffscreenCanvasRenderingContext2D | null = null;

function canvasFor(width: number, height: number): OffscreenCanvasRenderingContext2D {
  context ??= new OffscreenCanvas(width, height).getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("OffscreenCanvas 2D is not available in this worker.");
  const canvas = context.canvas;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width; // resizing also clears
    canvas.height = height;
  } else {
    context.clearRect(0, 0, width, height); // a photo with transparency must not show the last one
  }
  return context;
}

/**
 * RGB values of `bitmap` (alpha dropped, as fromPixels does) as a [height, width, 3]
 * float32 tensor, and the RGBA bytes read (the personal colouring samples them: no
 * second draw).
 */
export function pixelsOf(bitmap: ImageBitmap): { tensor: tf.Tensor3D; rgba: Uint8ClampedArray } {
  const { width, height } = bitmap;
  const ctx = canvasFor(width, height);
  ctx.drawImage(bitmap, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const n = width * height;
  const rgb = new Float32Array(n * 3);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const k = i * 3;
    rgb[k] = rgba[j] ?? 0;
    rgb[k + 1] = rgba[j + 1] ?? 0;
    rgb[k + 2] = rgba[j + 2] ?? 0;
  }
  return { tensor: tf.tensor3d(rgb, [height, width, 3], "float32"), rgba };
}
