import type { ProfileSelfie } from "@domain/wardrobe/types";
import { checkStylePhoto } from "./photoLimit";

/** Longest side of a kept selfie: enough to re-run the analysis, small enough to sync. */
const KEEP_SIDE = 1280;

/**
 * Re-encodes the photo as JPEG through a canvas. Drawing drops every byte of camera
 * metadata (GPS position, device, time), which a kept selfie has no use for.
 */
export async function photoToKeep(photo: Blob): Promise<Omit<ProfileSelfie, "savedAt">> {
  // Decoded straight to the size it is kept at (never full size), once its header says it is safe to open.
  const info = await checkStylePhoto(photo);
  const [w, h] = info.orientation >= 5 ? [info.height, info.width] : [info.width, info.height];
  const fit = Math.min(1, KEEP_SIDE / Math.max(w, h));
  const bitmap = await createImageBitmap(photo, {
    imageOrientation: "from-image",
    resizeWidth: Math.max(1, Math.round(w * fit)),
    resizeHeight: Math.max(1, Math.round(h * fit)),
    resizeQuality: "high",
  });
  try {
    const k = Math.min(1, KEEP_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * k));
    const height = Math.max(1, Math.round(bitmap.height * k));
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("This browser cannot re-encode photos.");
    ctx.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.88 });
    return { blob, width, height, mimeType: "image/jpeg" };
  } finally {
    bitmap.close();
  }
}
