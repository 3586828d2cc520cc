/** Decoding a photo to small RGBA pixels for analysis (longest side ≤ ANALYSIS_SIZE). */
export const ANALYSIS_SIZE = 256;

export class DecodeError extends Error {
  override name = "DecodeError";
}

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export function fitWithin(w: number, h: number, max: number): { width: number; height: number } {
  const s = Math.min(1, max / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

/** Draws a decoded bitmap at analysis size and reads its pixels back. */
export function bitmapToPixels(bitmap: ImageBitmap, max = ANALYSIS_SIZE): Pixels {
  const { width, height } = fitWithin(bitmap.width, bitmap.height, max);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new DecodeError("This browser cannot draw images off the main thread");
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, 0, 0, width, height);
  return { data: ctx.getImageData(0, 0, width, height).data, width, height };
}

export async function decodeForAnalysis(blob: Blob, max = ANALYSIS_SIZE): Promise<Pixels> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: "from-image" });
  } catch {
    throw new DecodeError("This image could not be decoded");
  }
  try {
    return bitmapToPixels(bitmap, max);
  } finally {
    bitmap.close();
  }
}
