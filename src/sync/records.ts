import { isRec } from "@domain/json";
import type { Profile, StoredImage } from "@domain/wardrobe/types";
import type { Backup } from "@data/merge";
import { BadRecord, SHA256 } from "@data/schema/fields";
import { readKinds, RecordProblem, rowsOf, writeKinds } from "@data/schema/document";
import { imageFromEntry, parseImageEntry, type ImageEntry } from "@data/schema/photos";
import { parseProfile, type ProfileEntry } from "@data/schema/profile";
import { SyncError } from "./errors";
import { RECORDS_FORMAT, RECORDS_VERSION, type SyncRecords } from "./snapshot";

/**
 * Reads the bucket's records document with the same record checks the backup import
 * uses (data/schema): one bad record refuses the whole document, so a damaged or
 * tampered bucket can never leave odd records on this device.
 */

const damaged = (problem: RecordProblem) => new SyncError("corrupt", `The synced records in the bucket are damaged (${problem.message}). Nothing was changed on this device.`, { reason: "record", record: problem });

/** A photo's entry as sync writes it: both names are the sha256 of the bytes (the original's is its own). */
function parseSyncedImage(raw: unknown): ImageEntry {
  const entry = parseImageEntry(raw);
  if (entry.original !== entry.sha256) throw new BadRecord("bad checksum");
  if (!SHA256.test(entry.thumbnail)) throw new BadRecord("bad thumbnail");
  return entry;
}

function readImages(raw: unknown): ImageEntry[] {
  if (!Array.isArray(raw)) throw damaged(new RecordProblem("images", null, "missing"));
  return raw.map((one, i) => {
    try {
      return parseSyncedImage(one);
    } catch (e) {
      if (e instanceof BadRecord) throw damaged(new RecordProblem("images", i + 1, "invalid", e.message));
      throw e;
    }
  });
}

/** The profile's selfie must be named by its hash; its bytes are not here yet (toBackup checks them). */
function withoutSelfie(profile: unknown): unknown {
  if (!isRec(profile)) return profile;
  const selfie = profile.selfie;
  if (selfie !== undefined && selfie !== null && !(isRec(selfie) && typeof selfie.file === "string" && SHA256.test(selfie.file) && selfie.file === selfie.sha256))
    throw damaged(new RecordProblem("profile", null, "invalid", "the selfie is not described"));
  return { ...profile, selfie: null };
}

/** Parses and checks a decrypted records document. The profile's selfie bytes are checked later, in toBackup. */
export async function parseRecords(plain: Uint8Array): Promise<SyncRecords> {
  let d: unknown;
  try {
    d = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plain));
  } catch {
    throw new SyncError("corrupt", "The synced records in the bucket are damaged (not readable JSON). Nothing was changed on this device.", { reason: "unreadable", detail: "not readable JSON" });
  }
  if (!isRec(d) || d.format !== RECORDS_FORMAT) throw new SyncError("corrupt", "The synced records in the bucket are damaged (not a Curator records document). Nothing was changed on this device.", { reason: "unreadable", detail: "not a Curator records document" });
  if (typeof d.version !== "number" || d.version > RECORDS_VERSION) throw new SyncError("corrupt", "The bucket was last synced by a newer version of Curator. Update the app and sync again.", { reason: "newer-records" });
  let records;
  try {
    records = await readKinds({ ...d, profile: d.profile === null ? null : withoutSelfie(d.profile) }, {}, d.version + 1);
  } catch (e) {
    if (e instanceof RecordProblem) throw damaged(e);
    throw e;
  }
  const images = readImages(d.images);
  const byId = new Map(images.map((i) => [i.id, i]));
  for (const [i, item] of records.items.entries())
    if (item.imageId && byId.get(item.imageId)?.itemId !== item.id) throw damaged(new RecordProblem("items", i + 1, "no-photo"));
  return { format: RECORDS_FORMAT, version: RECORDS_VERSION, ...writeKinds(records), images, profile: d.profile as ProfileEntry | null };
}

/**
 * The photo hashes this device must download to merge `records`: those of photos it
 * does not hold under the same id and bytes, and of a kept selfie, minus any bytes it
 * already has under the same hash.
 */
export function hashesToFetch(records: SyncRecords, localImages: ReadonlyMap<string, string>, localBlobs: ReadonlyMap<string, Blob>): string[] {
  const need = new Set<string>();
  for (const img of records.images) if (localImages.get(img.id) !== img.sha256) need.add(img.original).add(img.thumbnail);
  if (records.profile?.selfie) need.add(records.profile.selfie.file);
  return [...need].filter((h) => !localBlobs.has(h));
}

/** The records as a Backup to merge, with bytes for every photo this device lacks (`blobs`: hash → bytes). */
export async function toBackup(records: SyncRecords, localImages: ReadonlyMap<string, string>, blobs: ReadonlyMap<string, Blob>): Promise<Backup> {
  const images = new Map<string, StoredImage>();
  for (const entry of records.images) {
    if (localImages.get(entry.id) === entry.sha256) continue;
    const o = blobs.get(entry.original);
    const t = blobs.get(entry.thumbnail);
    if (!o || !t) throw damaged(new RecordProblem("images", null, "invalid", `photo ${entry.id} is missing its bytes`));
    images.set(entry.id, imageFromEntry(entry, o, t));
  }
  const profile: Profile[] = [];
  if (records.profile) {
    const file = records.profile.selfie?.file;
    const bytes = file ? blobs.get(file) : undefined;
    const files = file && bytes ? { [file]: new Uint8Array(await bytes.arrayBuffer()) } : {};
    try {
      profile.push(await parseProfile(records.profile, files));
    } catch (e) {
      if (e instanceof BadRecord) throw damaged(new RecordProblem("profile", null, "invalid", e.message));
      throw e;
    }
  }
  return { ...rowsOf({ ...records, profile: null }), profile, images };
}
