import type { CuratorDB } from "@data/db";
import { EXPORT_VERSION, type ExportData } from "@data/exportFormat";
import { sha256Hex } from "@data/hash";
import { readShared } from "@data/schema";
import { documentVersions, writeKinds } from "@data/schema/document";
import type { ImageEntry } from "@data/schema/photos";
import type { ProfileEntry } from "@data/schema/profile";

/**
 * The records document: the whole user state as the export's data.json has it,
 * except that every photo (original, thumbnail, kept selfie) is named by the sha256
 * of its bytes, which is also the (keyed) name of its object in the bucket.
 */
export const RECORDS_FORMAT = "curator-sync-records";
/**
 * The records document is the export's data.json from export format 2 on, so its
 * version is the export format's less one: a new record kind raises both, and an
 * older app refuses a bucket it cannot hold whole.
 */
export const RECORDS_VERSION: number = EXPORT_VERSION - 1;

/**
 * The export's data.json without its export stamp; `images[].original`/`thumbnail`
 * and a kept selfie's `file` are the sha256 of those bytes (original === sha256).
 */
export type SyncRecords = Omit<ExportData, "format" | "version" | "exportedAt"> & {
  format: typeof RECORDS_FORMAT;
  version: number;
};

/** This device's state as a records document, plus the bytes each photo hash names (Blobs: read only when uploaded). */
export interface LocalSnapshot {
  records: SyncRecords;
  blobs: Map<string, Blob>;
}

export async function readLocal(db: CuratorDB): Promise<LocalSnapshot> {
  const snap = await readShared(db);
  const blobs = new Map<string, Blob>();
  const images: ImageEntry[] = [];
  for (const { original, thumbnail, ...meta } of snap.images) {
    // The original's sha256 was taken when the photo was saved; thumbnails have none stored.
    const thumbSha = await sha256Hex(thumbnail);
    blobs.set(meta.sha256, original);
    blobs.set(thumbSha, thumbnail);
    images.push({ ...meta, original: meta.sha256, thumbnail: thumbSha, thumbnailType: thumbnail.type });
  }
  let profile: ProfileEntry | null = null;
  const stored = snap.records.profile[0];
  if (stored) {
    const { selfie, ...rest } = stored;
    profile = rest;
    if (selfie) {
      const { blob, ...meta } = selfie;
      const sha256 = await sha256Hex(blob);
      blobs.set(sha256, blob);
      profile.selfie = { ...meta, file: sha256, type: blob.type, size: blob.size, sha256 };
    } else if (selfie === null) profile.selfie = null;
  }
  const records: SyncRecords = {
    format: RECORDS_FORMAT,
    version: RECORDS_VERSION,
    ...writeKinds(snap.records),
    images,
    profile,
  };
  return { records, blobs };
}

/** Every photo hash a records document refers to. */
export function blobHashes(r: Pick<SyncRecords, "images" | "profile">): Set<string> {
  const out = new Set<string>();
  for (const img of r.images) out.add(img.original).add(img.thumbnail);
  if (r.profile?.selfie) out.add(r.profile.selfie.file);
  return out;
}

/**
 * What a records document holds, as versions: every record's identity and updatedAt
 * as its kind says (merges go by newer updatedAt, so equal versions mean nothing to
 * bring either way), and every photo's bytes.
 */
export function versionsOf(r: SyncRecords): string {
  const lines = [...documentVersions(r), ...r.images.map((i) => `p ${i.id} ${i.sha256} ${i.updatedAt}`)];
  return lines.sort().join("\n");
}
