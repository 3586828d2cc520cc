/**
 * A masked piece encoded for storage: the cut-out (WebP with alpha, PNG where the browser
 * cannot encode WebP), its grid thumbnail by the same rules as a photo's, and its sha256.
 * Runs in the image worker and in its encoder helper (workers/encoder.worker.ts).
 */
import { sha256Hex } from "@data/hash";
import type { NewPhoto } from "@data/items";
import { ORIGINAL_QUALITY, THUMB_QUALITY, THUMB_SIDE } from "./limits";
import { fit } from "./process";

/** The cut-out as the wardrobe stores a photo (`original` is the cut-out). */
export interface CutOut extends NewPhoto {
  /** The same Blob as `original`, under the contract's name. */
  image: Blob;
}

/** Where one piece's encoding time went, in ms, in the thread that encoded it. */
export interface EncodeTimings {
  encode: number;
  thumbnail: number;
  hash: number;
}

/** A 2D context that scales smoothly (downscaled pieces and thumbnails). */
export function context(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("No 2D canvas in this browser.");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  return ctx;
}

async function webpOrPng(canvas: OffscreenCanvas, quality: number): Promise<Blob> {
  // A browser that cannot encode WebP returns PNG (the canvas spec's fallback): both keep alpha.
  const blob = await canvas.convertToBlob({ type: "image/webp", quality });
  return blob.type === "image/webp" || blob.type === "image/png" ? blob : canvas.convertToBlob({ type: "image/png" });
}

/** The stored cut-out of a masked piece and its grid thumbnail. */
export async function encodePiece(canvas: OffscreenCanvas): Promise<{ cut: CutOut; timings: EncodeTimings }> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const image = await webpOrPng(canvas, ORIGINAL_QUALITY);
  const encode = lap();
  const s = fit(canvas.width, canvas.height, THUMB_SIDE);
  const thumbCanvas = new OffscreenCanvas(s.w, s.h);
  context(thumbCanvas).drawImage(canvas, 0, 0, s.w, s.h);
  const thumbnail = await webpOrPng(thumbCanvas, THUMB_QUALITY);
  const thumbnailMs = lap();
  const sha256 = await sha256Hex(await image.arrayBuffer());
  return {
    cut: { image, original: image, thumbnail, width: canvas.width, height: canvas.height, mimeType: image.type, sha256 },
    timings: { encode, thumbnail: thumbnailMs, hash: lap() },
  };
}
