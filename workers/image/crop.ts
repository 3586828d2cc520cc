/**
 * Pieces "as photographed" (issue 16): thumbnails of a shared photo cropped around each
 * piece's box (domain/wardrobe/sourceBox.ts, with its margin), made by the same size and
 * quality rules as a photo's grid thumbnail. One decode serves every piece of the photo
 * asked for at once (the grid asks for a photo's pieces together).
 */
import { cropForPiece } from "@domain/wardrobe/sourceBox";
import type { SourceBox } from "@domain/wardrobe/types";
import { decodeStored } from "./cutout";
import { THUMB_QUALITY, THUMB_SIDE } from "./limits";
import { fit } from "./process";

/**
 * One thumbnail per box (null: the whole photo) of `photo`, a stored shared photo whose
 * size is `photoSize` (what the boxes refer to). Opaque WebP (JPEG where WebP cannot be
 * encoded), the longer side at most THUMB_SIDE, never enlarged.
 */
export async function cropThumbnails(photo: Blob, photoSize: { width: number; height: number }, boxes: readonly (SourceBox | null)[]): Promise<Blob[]> {
  // Every thumbnail needs its crop's pixels up to THUMB_SIDE: decode no larger than that.
  const crops = boxes.map((box) => cropForPiece(box, photoSize));
  const { bitmap } = await decodeStored(photo, "photo", (size) =>
    Math.max(...crops.map((c) => Math.min(1, THUMB_SIDE / (Math.max(c.width, c.height, 1) * (size.width / photoSize.width))))),
  );
  try {
    // The stored photo decodes at its stored size; scale anyway should the two ever differ.
    const kx = bitmap.width / photoSize.width;
    const ky = bitmap.height / photoSize.height;
    const out: Blob[] = [];
    for (const c of crops) {
      const t = fit(c.width * kx, c.height * ky, THUMB_SIDE);
      const canvas = new OffscreenCanvas(t.w, t.h);
      const ctx = canvas.getContext("2d");
      if (!ctx) throw new Error("No 2D canvas in this browser.");
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(bitmap, c.x * kx, c.y * ky, c.width * kx, c.height * ky, 0, 0, t.w, t.h);
      const blob = await canvas.convertToBlob({ type: "image/webp", quality: THUMB_QUALITY });
      out.push(blob.type === "image/webp" ? blob : await canvas.convertToBlob({ type: "image/jpeg", quality: THUMB_QUALITY }));
    }
    return out;
  } finally {
    bitmap.close();
  }
}
