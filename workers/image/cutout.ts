/**
 * A detected piece's cut-out (models/DETECTION.md, `cutOut`): the piece's box cut from
 * the full-resolution photo (EXIF orientation applied, re-encoded so no metadata
 * travels), transparent outside its mask, as WebP with alpha (PNG where the browser
 * cannot encode WebP), plus a grid thumbnail made by the same rules as a photo's.
 */
import { sha256Hex } from "@data/hash";
import type { NewPhoto } from "@data/items";
import type { Box, DetectedPiece, PieceMask } from "@domain/detection/types";
import { MAX_BYTES, MAX_STORED_SIDE, ORIGINAL_QUALITY, THUMB_QUALITY, THUMB_SIDE } from "./limits";
import { checkHeader, decode, fit } from "./process";
import { Refusal, sniff } from "./sniff";

/** The cut-out as the wardrobe stores a photo (`original` is the cut-out). */
export interface CutOut extends NewPhoto {
  /** The same Blob as `original`, under the contract's name. */
  image: Blob;
}

/** The crop, in the decoded photo's pixels, that holds `box` (a box given in a photo of `photoSize`). */
export function cropOf(box: Box, decoded: { width: number; height: number }, photoSize?: { width: number; height: number }) {
  const kx = photoSize ? decoded.width / photoSize.width : 1;
  const ky = photoSize ? decoded.height / photoSize.height : 1;
  const bx = box.x * kx;
  const by = box.y * ky;
  const x0 = Math.min(decoded.width - 1, Math.max(0, Math.floor(bx)));
  const y0 = Math.min(decoded.height - 1, Math.max(0, Math.floor(by)));
  const x1 = Math.max(x0 + 1, Math.min(decoded.width, Math.ceil(bx + box.width * kx)));
  const y1 = Math.max(y0 + 1, Math.min(decoded.height, Math.ceil(by + box.height * ky)));
  // Where the box (which the mask covers) lies inside the crop, in crop pixels.
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, box: { x: bx - x0, y: by - y0, width: box.width * kx, height: box.height * ky } };
}

/** A mask with no garment pixel at all would cut out nothing: the box is used instead. */
const usable = (mask: PieceMask | null): mask is PieceMask =>
  mask != null && mask.width > 0 && mask.height > 0 && mask.alpha.length === mask.width * mask.height && mask.alpha.some((a) => a > 0);

function maskCanvas(mask: PieceMask): OffscreenCanvas {
  const canvas = new OffscreenCanvas(mask.width, mask.height);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("No 2D canvas in this browser.");
  const img = ctx.createImageData(mask.width, mask.height);
  for (let i = 0; i < mask.alpha.length; i++) {
    img.data[i * 4 + 3] = mask.alpha[i]!;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

async function webpOrPng(canvas: OffscreenCanvas, quality: number): Promise<Blob> {
  // A browser that cannot encode WebP returns PNG (the canvas spec's fallback): both keep alpha.
  const blob = await canvas.convertToBlob({ type: "image/webp", quality });
  return blob.type === "image/webp" || blob.type === "image/png" ? blob : canvas.convertToBlob({ type: "image/png" });
}

/**
 * Cuts `piece` out of `photo`: the stored original, or the file it came from (decoded,
 * like the import does, at the stored size the boxes refer to). `photoSize` is the size
 * the box refers to when it is neither (the boxes scale to the decoded photo). The
 * cut-out's longer side is limited like a stored original's (MAX_STORED_SIDE).
 */
/** A stored photo decoded for a crop (size cap, sniffed type, header check), or a worded Refusal. */
export async function decodeStored(photo: Blob, noun: "file" | "photo"): Promise<ImageBitmap> {
  if (photo.size > MAX_BYTES) throw new Refusal(`The ${noun} is too big (${Math.round(photo.size / 1048576)} MB).`);
  const bytes = new Uint8Array(await photo.arrayBuffer());
  const info = sniff(bytes);
  checkHeader(info);
  try {
    return await decode(new Blob([bytes], { type: info.mime }), info);
  } catch {
    throw new Refusal("The photo could not be decoded; the file may be damaged.");
  }
}

export async function cutOut(photo: Blob, piece: DetectedPiece, photoSize?: { width: number; height: number }): Promise<CutOut> {
  if (photo.size > MAX_BYTES) throw new Refusal(`The file is too big (${Math.round(photo.size / 1048576)} MB).`);
  const { box } = piece;
  if (![box.x, box.y, box.width, box.height].every(Number.isFinite) || box.width <= 0 || box.height <= 0)
    throw new Refusal(`The piece's box is empty (${box.width} × ${box.height}).`);
  const bitmap = await decodeStored(photo, "file");
  try {
    // A file above MAX_STORED_SIDE decodes at the stored size, the size detection saw: boxes fit as they are.
    const crop = cropOf(box, bitmap, photoSize);
    const out = fit(crop.width, crop.height, MAX_STORED_SIDE);
    const canvas = new OffscreenCanvas(out.w, out.h);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("No 2D canvas in this browser.");
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(bitmap, crop.x, crop.y, crop.width, crop.height, 0, 0, out.w, out.h);
    if (usable(piece.mask)) {
      // Keep the photo only where the mask is; scaling the mask softens its edge by a pixel or two.
      const k = out.w / crop.width;
      ctx.globalCompositeOperation = "destination-in";
      ctx.drawImage(maskCanvas(piece.mask), crop.box.x * k, crop.box.y * k, crop.box.width * k, crop.box.height * k);
      ctx.globalCompositeOperation = "source-over";
    }
    const image = await webpOrPng(canvas, ORIGINAL_QUALITY);
    const t = fit(out.w, out.h, THUMB_SIDE);
    const thumbCanvas = new OffscreenCanvas(t.w, t.h);
    const tctx = thumbCanvas.getContext("2d");
    if (!tctx) throw new Error("No 2D canvas in this browser.");
    tctx.imageSmoothingEnabled = true;
    tctx.imageSmoothingQuality = "high";
    tctx.drawImage(canvas, 0, 0, t.w, t.h);
    const thumbnail = await webpOrPng(thumbCanvas, THUMB_QUALITY);
    const sha256 = await sha256Hex(await image.arrayBuffer());
    return { image, original: image, thumbnail, width: out.w, height: out.h, mimeType: image.type, sha256 };
  } finally {
    bitmap.close();
  }
}
