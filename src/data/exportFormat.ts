import type { Item, Profile, ProfileSelfie, StoredImage } from "../domain/wardrobe/types";
import type { PredictionLog } from "../domain/vision/predictionLog";
import type { SettingRecord } from "./db";
import type { LearnerRecord, SavedOutfit, WearLogEntry } from "./outfits";

/**
 * The export file: a zip with data.json plus the exact bytes of every photo (and the
 * kept selfie). Version 1 held items and images only; version 2 holds the whole user
 * state, so restoring a backup on a new phone loses nothing.
 */
export const EXPORT_FORMAT = "curator-wardrobe";
export const EXPORT_VERSION = 2;
export const DATA_FILE = "data.json";

/** An image as described in data.json; its bytes live in the zip under `original`/`thumbnail`. */
export type ImageEntry = Omit<StoredImage, "original" | "thumbnail"> & {
  original: string;
  thumbnail: string;
  thumbnailType: string;
};

/** The kept selfie as described in data.json; its bytes live in the zip under `file`. */
export type SelfieEntry = Omit<ProfileSelfie, "blob"> & {
  file: string;
  /** The blob's own type, its byte count and sha256: the bytes that come back are checked. */
  type: string;
  size: number;
  sha256: string;
};

export type ProfileEntry = Omit<Profile, "selfie"> & { selfie?: SelfieEntry | null };

/** data.json of a version 2 export. */
export interface ExportData {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: number;
  items: Item[];
  images: ImageEntry[];
  profile: ProfileEntry | null;
  predictions: PredictionLog[];
  settings: SettingRecord[];
  outfits: SavedOutfit[];
  wearLog: WearLogEntry[];
  /** The outfit learner's state, or null when there is none (or it was unreadable). */
  learner: LearnerRecord | null;
}

const EXT: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/avif": "avif", "image/gif": "gif" };

export function pathFor(imageId: string, which: "original" | "thumbnail", mime: string): string {
  return `images/${imageId}/${which}.${EXT[mime] ?? "bin"}`;
}

export function selfiePath(mime: string): string {
  return `profile/selfie.${EXT[mime] ?? "bin"}`;
}

export function exportFileName(now = new Date()): string {
  const d = now.toISOString().slice(0, 10);
  return `curator-wardrobe-${d}.zip`;
}
