import type { CuratorDB } from "@data/db";
import { type ExportData } from "@data/exportFormat";
import { sha256Hex } from "@data/hash";
import { readShared } from "@data/schema";
import { documentVersions, writeKinds } from "@data/schema/document";
import type { ImageEntry, SourcePhotoEntry } from "@data/schema/photos";
import type { ProfileEntry } from "@data/schema/profile";

/**
 * The records document: the whole user state as the export's data.json has it
 * (every photo named by the sha256 of its bytes, which is also, keyed, the name of
 * its object in the bucket), in an envelope that only sync reads.
 */
export const RECORDS_FORMAT = "curator-sync-records";
/**
 * Version 1 was the export's data.json (format 2) alone. Version 2 adds the envelope
 * (generation, photos awaiting deletion, renamed photos) and says which export format
 * its records follow (`kinds`), so a new record kind no longer needs a new version
 * here. An app that knows only version 1 refuses version 2 with "update the app".
 */
export const RECORDS_VERSION = 2;

/** The export's data.json without its stamp: the records and the photos' entries (`original` === `sha256`; `thumbnail`: its sha256). */
export type SyncRecords = Omit<ExportData, "format" | "version" | "exportedAt">;

/** What only sync reads, around the records. */
export interface Envelope {
  /**
   * Counts every write of the records (encrypted with them): a device refuses a
   * document older than one it has seen (an old copy put back, or replayed).
   */
  generation: number;
  /**
   * Photo objects nothing refers to, by object name → when they were marked: deleted
   * by any later sync, and never referred to again (a photo needed again goes up
   * under a new name; see photos.ts).
   */
  condemned: Record<string, number>;
  /** Photos stored under a name other than their keyed hash (sha256 → suffix): brought back after being marked. */
  renamed: Record<string, string>;
}

export type RecordsDocument = SyncRecords & Envelope & { format: typeof RECORDS_FORMAT; version: number; kinds: number };

export const emptyEnvelope = (): Envelope => ({ generation: 0, condemned: {}, renamed: {} });

/** This device's state as records, plus the bytes each photo hash names (Blobs: read only when uploaded). */
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
  // Shared photos pieces were cut from: one object each, named by its hash like any photo.
  const sourcePhotos: SourcePhotoEntry[] = [];
  for (const { blob, ...meta } of snap.sources) {
    blobs.set(meta.sha256, blob);
    sourcePhotos.push({ ...meta, file: meta.sha256 });
  }
  // The profile's record kind leaves a kept selfie out: it stays on this device.
  const profile: ProfileEntry | null = snap.records.profile[0] ?? null;
  return { records: { ...writeKinds(snap.records), images, sourcePhotos, profile }, blobs };
}

/** Every photo hash the records refer to (the shared photos pieces were cut from too: an unlisted one would be removed from the bucket). */
export function blobHashes(r: Pick<SyncRecords, "images" | "sourcePhotos">): Set<string> {
  const out = new Set<string>();
  for (const img of r.images) out.add(img.original).add(img.thumbnail);
  for (const source of r.sourcePhotos) out.add(source.file);
  return out;
}

/**
 * What the records hold, as versions: every record's identity and updatedAt as its
 * kind says (merges go by newer updatedAt, so equal versions mean nothing to bring
 * either way), and every photo's bytes.
 */
export function versionsOf(r: SyncRecords): string {
  const lines = [...documentVersions(r), ...r.images.map((i) => `p ${i.id} ${i.sha256} ${i.updatedAt}`), ...r.sourcePhotos.map((s) => `s ${s.id} ${s.sha256}`)];
  return lines.sort().join("\n");
}
