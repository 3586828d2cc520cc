import { outfitKey } from "../domain/outfits";
import type { CuratorDB } from "../data/db";
import type { ExportData, ImageEntry, ProfileEntry } from "../data/exportFormat";
import { sha256Hex } from "../data/hash";
import { readUserState, shareableRecords } from "../data/userState";

/**
 * The records document: the whole user state as the export's data.json has it,
 * except that every photo (original, thumbnail, kept selfie) is named by the sha256
 * of its bytes, which is also the (keyed) name of its object in the bucket.
 */
export const RECORDS_FORMAT = "curator-sync-records";
export const RECORDS_VERSION = 1;

/**
 * The export's data.json without its export stamp; `images[].original`/`thumbnail`
 * and a kept selfie's `file` are the sha256 of those bytes (original === sha256).
 */
export type SyncRecords = Omit<ExportData, "format" | "version" | "exportedAt"> & {
  format: typeof RECORDS_FORMAT;
  version: typeof RECORDS_VERSION;
};

/** This device's state as a records document, plus the bytes each photo hash names (Blobs: read only when uploaded). */
export interface LocalSnapshot {
  records: SyncRecords;
  blobs: Map<string, Blob>;
}

export async function readLocal(db: CuratorDB): Promise<LocalSnapshot> {
  const snap = await readUserState(db);
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
  if (snap.profile) {
    const { selfie, ...rest } = snap.profile;
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
    ...shareableRecords(snap),
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
 * (merges go by newer updatedAt, so equal versions mean nothing to bring either way).
 * Saved outfits and wear records are identified by their combination, not their id,
 * as the merge matches them: two devices may keep the same outfit under different
 * ids for ever, and must not push it back and forth on every sync.
 */
export function versionsOf(r: SyncRecords): string {
  const live = (x: { deletedAt?: number | null }) => (x.deletedAt == null ? "" : "†");
  const lines = [
    ...r.items.map((i) => `i ${i.id} ${i.updatedAt}`),
    ...r.images.map((i) => `p ${i.id} ${i.sha256} ${i.updatedAt}`),
    ...r.predictions.map((p) => `r ${p.id} ${p.updatedAt}`),
    ...r.settings.map((s) => `s ${s.key} ${s.updatedAt}`),
    ...r.outfits.map((o) => `o ${outfitKey(o.itemIds)} ${o.updatedAt}${live(o)}`),
    ...r.wearLog.map((w) => `w ${w.date} ${outfitKey(w.itemIds)} ${w.updatedAt}${live(w)}`),
    `f ${r.profile?.updatedAt ?? "-"}`,
    `l ${r.learner?.updatedAt ?? "-"}`,
  ];
  return lines.sort().join("\n");
}
