import type { StoredImage } from "../domain/wardrobe/types";

/** The export file: a zip with data.json plus each image's exact bytes. */
export const EXPORT_FORMAT = "curator-wardrobe";
export const EXPORT_VERSION = 1;
export const DATA_FILE = "data.json";

/** An image as described in data.json; its bytes live in the zip under `original`/`thumbnail`. */
export type ImageEntry = Omit<StoredImage, "original" | "thumbnail"> & {
  original: string;
  thumbnail: string;
  thumbnailType: string;
};

const EXT: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/avif": "avif", "image/gif": "gif" };

export function pathFor(imageId: string, which: "original" | "thumbnail", mime: string): string {
  return `images/${imageId}/${which}.${EXT[mime] ?? "bin"}`;
}

export function exportFileName(now = new Date()): string {
  const d = now.toISOString().slice(0, 10);
  return `curator-wardrobe-${d}.zip`;
}
