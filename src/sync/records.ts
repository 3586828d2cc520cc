import { isNum, isRec } from "@domain/json";
import type { Profile, StoredImage } from "@domain/wardrobe/types";
import { EXPORT_VERSION } from "@data/exportFormat";
import type { Backup } from "@data/merge";
import { BadRecord, SHA256, time } from "@data/schema/fields";
import { readKinds, RecordProblem, rowsOf, writeKinds } from "@data/schema/document";
import { parseImageEntry, photoFromEntry, type ImageEntry } from "@data/schema/photos";
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

const damaged = (problem: RecordProblem) => new SyncError("corrupt", `The synced records in the bucket are damaged (${problem.message}). Nothing was changed on this device.`, { reason: "record", record: problem });
const unreadable = (why: string) => new SyncError("corrupt", `The synced records in the bucket are damaged (${why}). Nothing was changed on this device.`, { reason: "unreadable", detail: why });
const newer = () => new SyncError("corrupt", "The bucket was last synced by a newer version of Curator. Update the app and sync again.", { reason: "newer-records" });

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

function readEnvelope(d: Record<string, unknown>): Envelope {
  if (d.version === 1) return emptyEnvelope();
  const { generation, condemned, renamed } = d;
  if (!isNum(generation) || !Number.isInteger(generation) || generation < 1 || generation > MAX_GENERATION) throw unreadable("bad generation");
  if (!isRec(condemned) || !Object.entries(condemned).every(([name, at]) => isObjectName(name) && isNum(at) && at >= 0)) throw unreadable("bad list of photos to remove");
  if (!isRec(renamed) || !Object.entries(renamed).every(([sha, suffix]) => SHA256.test(sha) && typeof suffix === "string" && isSuffix(suffix))) throw unreadable("bad list of renamed photos");
  for (const at of Object.values(condemned) as number[]) {
    try {
      time(at, "a photo's removal time");
    } catch {
      throw unreadable("a photo's removal time is in the future");
    }
  }
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
  const images = readImages(d.images);
  const byId = new Map(images.map((i) => [i.id, i]));
  for (const [i, item] of records.items.entries())
    if (item.imageId && byId.get(item.imageId)?.itemId !== item.id) throw damaged(new RecordProblem("items", i + 1, "no-photo"));
  return { records: { ...writeKinds(records), images }, envelope };
}

/** The document this device writes: its records in the envelope. */
export function recordsDocument(records: SyncRecords, envelope: Envelope): RecordsDocument {
  return { format: RECORDS_FORMAT, version: RECORDS_VERSION, kinds: EXPORT_VERSION, ...envelope, ...records };
}

/** The photo hashes this device must download to merge `records`: those of photos it does not hold under the same id and bytes, minus any bytes it already has. */
export function hashesToFetch(records: SyncRecords, localImages: ReadonlyMap<string, string>, localBlobs: ReadonlyMap<string, Blob>): string[] {
  const need = new Set<string>();
  for (const img of records.images) if (localImages.get(img.id) !== img.sha256) need.add(img.original).add(img.thumbnail);
  return [...need].filter((h) => !localBlobs.has(h));
}

/** The records as a Backup to merge, with bytes for every photo this device lacks (`blobs`: hash → bytes), each checked to be an image. */
export async function toBackup(records: SyncRecords, localImages: ReadonlyMap<string, string>, blobs: ReadonlyMap<string, Blob>): Promise<Backup> {
  const images = new Map<string, StoredImage>();
  for (const [i, entry] of records.images.entries()) {
    if (localImages.get(entry.id) === entry.sha256) continue;
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
  const profile: Profile[] = [];
  if (records.profile) {
    try {
      profile.push(parseProfile(records.profile));
    } catch (e) {
      if (e instanceof BadRecord) throw damaged(new RecordProblem("profile", null, "invalid", e.message));
      throw e;
    }
  }
  return { ...rowsOf({ ...records, profile: null }), profile, images };
}
