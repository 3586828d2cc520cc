import { MAX_PIXELS } from "@domain/image/limits";
import { Refusal, sniff, type Sniffed } from "@domain/image/sniff";

/**
 * The Style tab opens a photo only once its header says it is an image of a size that
 * is safe to decode (the photo import's limit): a small crafted file claiming
 * 20,000 × 20,000 pixels would otherwise need a 1.6 GB bitmap, and an image whose
 * header does not say its size could be anything. Read from the bytes, never the name.
 */
export const MAX_STYLE_PHOTO_BYTES = 80 * 1024 * 1024;

export class StylePhotoRefused extends Error {
  override name = "StylePhotoRefused";
  readonly code = "refused";
}

/** The photo's stored size as its header gives it; rejects with a StylePhotoRefused in the user's words. */
export async function checkStylePhoto(photo: Blob): Promise<Sniffed & { width: number; height: number }> {
  if (photo.size > MAX_STYLE_PHOTO_BYTES)
    throw new StylePhotoRefused(`This file is too big (${Math.round(photo.size / 1048576)} MB). Use a photo under ${MAX_STYLE_PHOTO_BYTES / 1048576} MB.`);
  let info: Sniffed;
  try {
    info = sniff(new Uint8Array(await photo.arrayBuffer()));
  } catch (e) {
    if (e instanceof Refusal) throw new StylePhotoRefused(`This file could not be read as a picture. ${e.message}`);
    throw e;
  }
  const { width, height } = info;
  if (width === null || height === null || width === 0 || height === 0)
    throw new StylePhotoRefused("This picture does not say its size, so it cannot be opened safely. Save it again as JPEG or PNG, or take a new photo.");
  if (width * height > MAX_PIXELS)
    throw new StylePhotoRefused(`This picture is too large to open (${width} × ${height} pixels). Use a photo under ${MAX_PIXELS / 1e6} megapixels.`);
  return { ...info, width, height };
}
