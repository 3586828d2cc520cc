import { FaceAnalysisError } from "./errors";

/**
 * Longest side of the image the worker analyses. Phone photos are 12+ MP; the face
 * mesh works on a 192-px crop anyway, and 1280 px keeps the image tensor ~15 MB while
 * leaving a face that fills a quarter of the frame ~300 px wide.
 */
export const MAX_ANALYSIS_SIDE = 1280;

/**
 * Decodes a photo into an ImageBitmap no larger than MAX_ANALYSIS_SIDE, upright as the
 * camera meant it (EXIF orientation applied, like <img> does), ready to transfer.
 */
export async function decodeForFace(photo: Blob): Promise<ImageBitmap> {
  let full: ImageBitmap;
  try {
    full = await createImageBitmap(photo, { imageOrientation: "from-image" });
  } catch (cause) {
    throw new FaceAnalysisError("unreadable", "This file could not be read as a picture. Try a JPEG, PNG or WebP photo, or take a new one with the camera.", {
      cause,
    });
  }
  const longest = Math.max(full.width, full.height);
  if (full.width === 0 || full.height === 0) {
    full.close();
    throw new FaceAnalysisError("unreadable", "This picture is empty (0 pixels wide or high).");
  }
  if (longest <= MAX_ANALYSIS_SIDE) return full;
  const k = MAX_ANALYSIS_SIDE / longest;
  try {
    return await createImageBitmap(full, {
      resizeWidth: Math.max(1, Math.round(full.width * k)),
      resizeHeight: Math.max(1, Math.round(full.height * k)),
      resizeQuality: "high",
    });
  } finally {
    full.close();
  }
}
