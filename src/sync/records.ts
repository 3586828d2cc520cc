import { isNum, isRec } from "@domain/json";
import type { Profile, SourcePhoto, StoredImage } from "@domain/wardrobe/types";
import { EXPORT_VERSION } from "@data/exportFormat";
import type { CuratorDB } from "@data/db";
import type { Backup } from "@data/merge";
import { itemWins } from "@data/schema/items";
import { BadRecord, SHA256 } from "@data/schema/fields";
import { readKinds, RecordProblem, rowsOf, writeKinds } from "@data/schema/document";
import {
  fitSourceBox,
  parseImageEntry,
  parseSourcePhotoEntry,
  photoFromEntry,
  sourceFromEntry,
  type ImageEntry,
  type SourcePhotoEntry,
} from "@data/schema/photos";
import { parseProfile } from "@data/schema/profile";
import { SyncError } from "./errors";
import { isObjectName, isSuffix } from "./photos";
import { emptyEnvelope, RECORDS_FORMAT, RECORDS_VERSION, type Envelope, type RecordsDocument, type SyncRecords } from "./snapshot";

/**
 * Reads the bucket's records document with the same record checks the backup import
 * uses (data/schema): one bad record refuses the whole document, so a damaged or
 * tampered bucket can never leave odd records on this device. Whatever the document
 * says, it is input from outside: every field is checked, nothing is taken on trust.
 */

const damaged = (problem: RecordProblem) =>
  new SyncError("corrupt", `The synced records in the bucket are damaged (${problem.message}). Nothing was changed on this device.`, {
    reason: "record",
    record: problem,
  });
const unreadable = (why: string) =>
  new SyncError("corrupt", `The synced records in the bucket are damaged (${why}). Nothing was changed on this device.`, { reason: "unreadable", detail: why });
const newer = () =>
  new SyncError("corrupt", "The bucket was last synced by a newer version of Curator. Update the app and sync again.", { reason: "newer-records" });

/** Generations count writes: far below this for any real bucket, and exact as a number. */
const MAX_GENERATION = 2 ** 48;

/** A photo's entry as sync writes it: both names are the sha256 of the bytes (the original's is its own). */
function parseSyncedImage(raw: unknown): ImageEntry {
  const entry = parseImageEntry(raw);
  if (entry.original !== entry.sha256) throw new BadRecord("bad checksum");
  if (!SHA256.test(entry.thumbnail)) throw new BadRecord("bad thumbnail");
  return entry;
}

function readImages(raw: unknown): ImageEntry[] {
  if (!Array.isArray(raw)) throw damaged(new RecordProblem("images", null, "missing"));
  const seen = new Set<string>();
  return raw.map((one, i) => {
    try {
      const entry = parseSyncedImage(one);
      if (seen.has(entry.id)) throw damaged(new RecordProblem("images", i + 1, "twice"));
      seen.add(entry.id);
      return entry;
    } catch (e) {
      if (e instanceof BadRecord) throw damaged(new RecordProblem("images", i + 1, "invalid", e.message));
      throw e;
    }
  });
}

/**
 * The shared photos pieces were cut from, as sync writes them (`file` is the sha256 of
 * the bytes), each id once; documents from before pieces have none.
 */
function readSources(raw: unknown): SourcePhotoEntry[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw unreadable("bad list of shared photos");
  const seen = new Set<string>();
  return raw.map((one, i) => {
    try {
      const entry = parseSourcePhotoEntry(one);
      if (entry.file !== entry.sha256) throw new BadRecord("bad checksum");
      if (seen.has(entry.id)) throw new BadRecord("described twice");
      seen.add(entry.id);
      return entry;
    } catch (e) {
      if (e instanceof BadRecord) throw damaged(new RecordProblem("images", null, "invalid", `shared photo ${i + 1}: ${e.message}`));
      throw e;
    }
  });
}

function readEnvelope(d: Record<string, unknown>): Envelope {
  if (d.version === 1) return emptyEnvelope();
  const { generation, condemned, renamed } = d;
  if (!isNum(generation) || !Number.isInteger(generation) || generation < 1 || generation > MAX_GENERATION) throw unreadable("bad generation");
  if (!isRec(condemned) || !Object.entries(condemned).every(([name, at]) => isObjectName(name) && isNum(at) && at >= 0))
    throw unreadable("bad list of photos to remove");
  if (!isRec(renamed) || !Object.entries(renamed).every(([sha, suffix]) => SHA256.test(sha) && typeof suffix === "string" && isSuffix(suffix)))
    throw unreadable("bad list of renamed photos");
  // (A mark's time only says when it may be forgotten: one dated ahead by a wrong clock is simply kept longer.)
  return { generation, condemned: condemned as Record<string, number>, renamed: renamed as Record<string, string> };
}

/** Parses and checks a decrypted records document: its records and its envelope. */
export async function parseRecords(plain: Uint8Array): Promise<{ records: SyncRecords; envelope: Envelope }> {
  let d: unknown;
  try {
    d = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plain));
  } catch {
    throw unreadable("not readable JSON");
  }
  if (!isRec(d) || d.format !== RECORDS_FORMAT) throw unreadable("not a Curator records document");
  if (!isNum(d.version) || !Number.isInteger(d.version) || d.version < 1) throw unreadable("no version");
  if (d.version > RECORDS_VERSION) throw newer();
  // Version 1 was data.json of export format 2; later documents say which export format their records follow.
  const kinds = d.version === 1 ? 2 : d.kinds;
  if (!isNum(kinds) || !Number.isInteger(kinds) || kinds < 2) throw unreadable("no record format");
  if (kinds > EXPORT_VERSION) throw newer();
  const envelope = readEnvelope(d);
  let records;
  try {
    // A kept selfie (in documents from earlier versions) is ignored: it belongs to the device that kept it.
    records = await readKinds(d, {}, kinds);
  } catch (e) {
    if (e instanceof RecordProblem) throw damaged(e);
    throw e;
  }
  const described = readImages(d.images);
  const sourcePhotos = readSources(d.sourcePhotos);
  // A piece's place in its photo must lie inside it: one that does not is dropped (the piece shows its whole photo).
  const sizes = new Map(sourcePhotos.map((s) => [s.id, s]));
  const images = described.map((img) => fitSourceBox(img, sizes));
  const byId = new Map(images.map((i) => [i.id, i]));
  for (const [i, item] of records.items.entries())
    if (item.imageId && byId.get(item.imageId)?.itemId !== item.id) throw damaged(new RecordProblem("items", i + 1, "no-photo"));
  const sourceIds = new Set(sourcePhotos.map((s) => s.id));
  for (const [i, img] of images.entries())
    if (img.sourcePhotoId && !sourceIds.has(img.sourcePhotoId))
      throw damaged(new RecordProblem("images", i + 1, "invalid", "the photo it was cut out of is not described"));
  return { records: { ...writeKinds(records), images, sourcePhotos }, envelope };
}

/** The document this device writes: its records in the envelope. */
export function recordsDocument(records: SyncRecords, envelope: Envelope): RecordsDocument {
  return { format: RECORDS_FORMAT, version: RECORDS_VERSION, kinds: EXPORT_VERSION, ...envelope, ...records };
}

/**
 * The photos merging `records` needs (by image id): those of item copies that will
 * replace this device's (the merge's own rule), which it does not already hold under
 * the same id and bytes. A photo of a copy that loses here is never fetched: it may
 * well be gone from the bucket, and it must not stop the sync.
 */
export async function photosToMerge(records: SyncRecords, db: CuratorDB, localImages: ReadonlyMap<string, string>): Promise<Set<string>> {
  const incoming = records.items;
  const here = await db.items.bulkGet(incoming.map((i) => i.id));
  const winning = new Set(incoming.filter((item, i) => itemWins(item, here[i])).map((i) => i.id));
  return new Set(records.images.filter((img) => winning.has(img.itemId) && localImages.get(img.id) !== img.sha256).map((img) => img.id));
}

/** The photo hashes to download for those photos, minus any bytes this device already has. */
export function hashesToFetch(records: SyncRecords, needed: ReadonlySet<string>, localBlobs: ReadonlyMap<string, Blob>): string[] {
  const need = new Set<string>();
  const sources = new Map(records.sourcePhotos.map((s) => [s.id, s.file]));
  for (const img of records.images) {
    if (!needed.has(img.id)) continue;
    need.add(img.original).add(img.thumbnail);
    const source = img.sourcePhotoId ? sources.get(img.sourcePhotoId) : undefined;
    if (source) need.add(source);
  }
  return [...need].filter((h) => !localBlobs.has(h));
}

/** The records as a Backup to merge, with bytes for the photos it needs (`needed`, by id; `blobs`: hash → bytes), each checked to be an image. */
export async function toBackup(records: SyncRecords, needed: ReadonlySet<string>, blobs: ReadonlyMap<string, Blob>): Promise<Backup> {
  const images = new Map<string, StoredImage>();
  for (const [i, entry] of records.images.entries()) {
    if (!needed.has(entry.id)) continue;
    const o = blobs.get(entry.original);
    const t = blobs.get(entry.thumbnail);
    if (!o || !t) throw damaged(new RecordProblem("images", null, "invalid", `photo ${entry.id} is missing its bytes`));
    try {
      images.set(entry.id, photoFromEntry(entry, new Uint8Array(await o.arrayBuffer()), new Uint8Array(await t.arrayBuffer())));
    } catch (e) {
      if (e instanceof BadRecord) throw damaged(new RecordProblem("images", i + 1, "invalid", e.message));
      throw e;
    }
  }
  // The shared photos those were cut from (parseRecords checked that each is described).
  const sources = new Map<string, SourcePhoto>();
  const described = new Map(records.sourcePhotos.map((s) => [s.id, s]));
  for (const entry of records.images) {
    const source = needed.has(entry.id) && entry.sourcePhotoId ? described.get(entry.sourcePhotoId) : undefined;
    if (!source || sources.has(source.id)) continue;
    const bytes = blobs.get(source.file);
    if (!bytes) throw damaged(new RecordProblem("images", null, "invalid", `shared photo ${source.id} is missing its bytes`));
    try {
      sources.set(source.id, sourceFromEntry(source, new Uint8Array(await bytes.arrayBuffer())));
    } catch (e) {
      if (e instanceof BadRecord) throw damaged(new RecordProblem("images", null, "invalid", `shared photo ${source.id}: ${e.message}`));
      throw e;
    }
  }
  const profile: Profile[] = [];
  if (records.profile) {
    try {
      profile.push(parseProfile(records.profile));
    } catch (e) {
      if (e instanceof BadRecord) throw damaged(new RecordProblem("profile", null, "invalid", e.message));
      throw e;
    }
  }
  return { ...rowsOf({ ...records, profile: null }), profile, images, sources };
}
