import type { StoredImage } from "../domain/wardrobe/types";
import { parseItem } from "../domain/wardrobe/validate";
import { BadRecord, parseLearner, parseOutfit, parsePrediction, parseProfile, parseSetting, parseWear } from "../data/backupRecords";
import type { ImageEntry } from "../data/exportFormat";
import type { Backup } from "../data/importWardrobe";
import { SyncError } from "./errors";
import { RECORDS_FORMAT, RECORDS_VERSION, type SyncRecords } from "./snapshot";

/**
 * Reads the bucket's records document with the same record checks the backup import
 * uses: one bad record refuses the whole document, so a damaged or tampered bucket
 * can never leave odd records on this device.
 */

const corrupt = (why: string) => new SyncError("corrupt", `The synced records in the bucket are damaged (${why}). Nothing was changed on this device.`);
const isRec = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const SHA = /^[0-9a-f]{64}$/;

async function checkAsync<T>(label: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (e) {
    if (e instanceof BadRecord) throw corrupt(`${label}: ${e.message}`);
    throw e;
  }
}

function check<T>(label: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof BadRecord) throw corrupt(`${label}: ${e.message}`);
    throw e;
  }
}

function list<T>(v: unknown, label: string, parse: (raw: unknown) => T, keyOf: (t: T) => string): T[] {
  if (!Array.isArray(v)) throw corrupt(`${label}s are missing`);
  const seen = new Set<string>();
  return v.map((raw, i) => {
    const rec = check(`${label} ${i + 1}`, () => parse(raw));
    if (seen.has(keyOf(rec))) throw corrupt(`${label} ${i + 1} appears twice`);
    seen.add(keyOf(rec));
    return rec;
  });
}

function parseImageEntry(raw: unknown): ImageEntry {
  if (!isRec(raw)) throw new BadRecord("not an object");
  const { id, itemId, createdAt, updatedAt, width, height, mimeType, sha256, original, thumbnail, thumbnailType } = raw;
  if (typeof id !== "string" || typeof itemId !== "string") throw new BadRecord("missing id");
  if (typeof createdAt !== "number" || typeof updatedAt !== "number") throw new BadRecord("missing dates");
  if (typeof width !== "number" || typeof height !== "number" || width < 1 || height < 1) throw new BadRecord("bad size");
  if (typeof mimeType !== "string" || !mimeType.startsWith("image/")) throw new BadRecord("not an image type");
  if (typeof sha256 !== "string" || !SHA.test(sha256) || original !== sha256) throw new BadRecord("bad checksum");
  if (typeof thumbnail !== "string" || !SHA.test(thumbnail) || typeof thumbnailType !== "string") throw new BadRecord("bad thumbnail");
  return { id, itemId, createdAt, updatedAt, width, height, mimeType, sha256, original, thumbnail, thumbnailType };
}

/** Parses and checks a decrypted records document. The profile's selfie bytes are checked later, in toBackup. */
export async function parseRecords(plain: Uint8Array): Promise<SyncRecords> {
  let d: unknown;
  try {
    d = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plain));
  } catch {
    throw corrupt("not readable JSON");
  }
  if (!isRec(d) || d.format !== RECORDS_FORMAT) throw corrupt("not a Curator records document");
  if (typeof d.version !== "number" || d.version > RECORDS_VERSION)
    throw new SyncError("corrupt", "The bucket was last synced by a newer version of Curator. Update the app and sync again.");
  const items = list(d.items, "Item", (raw) => {
    const parsed = parseItem(raw);
    if (!parsed.ok) throw new BadRecord(parsed.error);
    return parsed.value;
  }, (i) => i.id);
  const images = list(d.images, "Photo", parseImageEntry, (i) => i.id);
  const imageIds = new Map(images.map((i) => [i.id, i]));
  for (const [i, item] of items.entries())
    if (item.imageId && imageIds.get(item.imageId)?.itemId !== item.id) throw corrupt(`item ${i + 1} refers to a photo that is not listed`);
  const profile = d.profile;
  if (profile !== null) {
    // Everything but the selfie's bytes, which are not here yet.
    const selfie = isRec(profile) ? profile.selfie : undefined;
    if (selfie !== undefined && selfie !== null && !(isRec(selfie) && typeof selfie.file === "string" && SHA.test(selfie.file) && selfie.file === selfie.sha256))
      throw corrupt("the profile's selfie is not described");
    await checkAsync("The profile", () => parseProfile(isRec(profile) ? { ...profile, selfie: null } : profile, {}));
  }
  return {
    format: RECORDS_FORMAT,
    version: RECORDS_VERSION,
    items,
    images,
    profile: profile as SyncRecords["profile"],
    outfits: list(d.outfits, "Saved outfit", parseOutfit, (o) => o.id),
    wearLog: list(d.wearLog, "Wear record", parseWear, (w) => w.id),
    settings: list(d.settings, "Setting", parseSetting, (s) => s.key),
    predictions: list(d.predictions, "Recognition record", parsePrediction, (p) => p.id),
    learner: d.learner === null ? null : check("The outfit learner", () => parseLearner(d.learner)),
  };
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

/** The records as the import's Backup, with bytes for every photo this device lacks (`blobs`: hash → bytes). */
export async function toBackup(records: SyncRecords, localImages: ReadonlyMap<string, string>, blobs: ReadonlyMap<string, Blob>): Promise<Backup> {
  const images = new Map<string, StoredImage>();
  for (const { original, thumbnail, thumbnailType, ...meta } of records.images) {
    if (localImages.get(meta.id) === meta.sha256) continue;
    const o = blobs.get(original);
    const t = blobs.get(thumbnail);
    if (!o || !t) throw corrupt(`photo ${meta.id} is missing its bytes`);
    images.set(meta.id, { ...meta, original: new Blob([o], { type: meta.mimeType }), thumbnail: new Blob([t], { type: thumbnailType }) });
  }
  let profile = null;
  if (records.profile) {
    const file = records.profile.selfie?.file;
    const bytes = file ? blobs.get(file) : undefined;
    const files = file && bytes ? { [file]: new Uint8Array(await bytes.arrayBuffer()) } : {};
    profile = await checkAsync("The profile", () => parseProfile(records.profile, files));
  }
  const { items, outfits, wearLog, settings, predictions, learner } = records;
  return { items, images, profile, outfits, wearLog, settings, predictions, learner };
}
