import type { KindFields } from "./schema/document";
import { RECORD_KINDS } from "./schema";
import type { ImageEntry, SourcePhotoEntry } from "./schema/photos";
import type { ProfileEntry } from "./schema/profile";

/**
 * The export file: a zip with data.json plus the exact bytes of every photo (and the
 * kept selfie). Version 1 held items and images only; version 2 holds the whole user
 * state, so restoring a backup on a new phone loses nothing. A new record kind comes
 * with a new version (its `since`), so an older app refuses a file it cannot hold.
 */
export const EXPORT_FORMAT = "curator-wardrobe";
/**
 * Version 3 adds `sourcePhotos`: the shared photos several items were cut out of
 * (issue 16), described once, which pieces' images refer to. An older app would drop
 * them (and sync would then remove them from the bucket), so it refuses the file and
 * asks to be updated; a file without the list (older) has none.
 */
export const SOURCE_PHOTOS_SINCE = 3;
export const EXPORT_VERSION: number = Math.max(SOURCE_PHOTOS_SINCE, ...RECORD_KINDS.map((k) => k.since));
export const DATA_FILE = "data.json";

/** data.json: every record kind (see schema/document.ts), photos and the kept selfie described, their bytes in the zip. */
export type ExportData = Omit<KindFields, "profile"> & {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: number;
  images: ImageEntry[];
  sourcePhotos: SourcePhotoEntry[];
  profile: ProfileEntry | null;
};

const EXT: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/avif": "avif", "image/gif": "gif" };

export function pathFor(imageId: string, which: "original" | "thumbnail", mime: string): string {
  return `images/${imageId}/${which}.${EXT[mime] ?? "bin"}`;
}

/** Where a shared photo's bytes are in the zip (once, whatever number of pieces refer to it). */
export function sourcePath(sourceId: string, mime: string): string {
  return `sources/${sourceId}.${EXT[mime] ?? "bin"}`;
}

export function selfiePath(mime: string): string {
  return `profile/selfie.${EXT[mime] ?? "bin"}`;
}

export function exportFileName(now = new Date()): string {
  const d = now.toISOString().slice(0, 10);
  return `curator-wardrobe-${d}.zip`;
}
