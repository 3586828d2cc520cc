import { strFromU8, unzip, type Unzipped } from "fflate";
import { outfitKey } from "../domain/outfits";
import type { PredictionLog } from "../domain/vision/predictionLog";
import type { Item, Profile, StoredImage } from "../domain/wardrobe/types";
import { parseItem } from "../domain/wardrobe/validate";
import { BadRecord, parseLearner, parseOutfit, parsePrediction, parseProfile, parseSetting, parseWear } from "./backupRecords";
import { db as appDb, type CuratorDB, type SettingRecord } from "./db";
import { asStorageError } from "./errors";
import { DATA_FILE, EXPORT_FORMAT, EXPORT_VERSION } from "./exportFormat";
import { sha256Hex } from "./hash";
import { isLive, unlinkWears, type LearnerRecord, type SavedOutfit, type WearLogEntry } from "./outfits";
import { isDeviceSetting } from "./settings";

/** How one kind of record fared: new here, replaced by a newer copy, or kept (same or newer copy already here). */
export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Saved outfits and wear records can come deleted (tombstones, deletedAt). Their
 * `added` and `updated` count only live copies brought in (a new record, a newer
 * copy, or one brought back); a tombstone written is never one of them, but one of:
 */
export interface RecordCounts extends ImportCounts {
  /** Records that were live here and are deleted now (the file's tombstone was newer). */
  deleted: number;
  /** Tombstones kept for records not live here (unknown here, or deleted here too): nothing you see changes. */
  tombstones: number;
}

/** The top-level counts are the items (deleted ones travel as tombstones too); each other kind has its own. */
export interface ImportSummary extends RecordCounts {
  outfits: RecordCounts;
  wearLog: RecordCounts;
  predictions: ImportCounts;
  settings: ImportCounts;
  profile: ImportCounts;
  learner: ImportCounts;
}

/** A refused file: the message says why; nothing was written. */
export class ImportFileError extends Error {
  override name = "ImportFileError";
}

/** Everything in an export file, checked. A version 1 file has only items and images. */
export interface Backup {
  items: Item[];
  images: Map<string, StoredImage>;
  profile: Profile | null;
  predictions: PredictionLog[];
  settings: SettingRecord[];
  outfits: SavedOutfit[];
  wearLog: WearLogEntry[];
  learner: LearnerRecord | null;
}

const NOT_EXPORT = "This file is not a Curator wardrobe export.";
const NOTHING = "Nothing was imported.";

function unzipAsync(bytes: Uint8Array): Promise<Unzipped> {
  return new Promise((resolve, reject) => unzip(bytes, (err, files) => (err ? reject(err) : resolve(files))));
}

const isRec = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

async function parseImage(raw: unknown, files: Unzipped, index: number): Promise<StoredImage> {
  const bad = (why: string) => new ImportFileError(`Photo ${index + 1} in the file is damaged (${why}). ${NOTHING}`);
  if (!isRec(raw)) throw bad("not described");
  const { id, itemId, createdAt, updatedAt, width, height, mimeType, sha256, original, thumbnail, thumbnailType } = raw;
  if (typeof id !== "string" || typeof itemId !== "string") throw bad("missing id");
  if (typeof createdAt !== "number" || typeof updatedAt !== "number") throw bad("missing dates");
  if (typeof width !== "number" || typeof height !== "number" || width < 1 || height < 1) throw bad("bad size");
  if (typeof mimeType !== "string" || !mimeType.startsWith("image/")) throw bad("not an image type");
  if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) throw bad("missing checksum");
  if (typeof original !== "string" || typeof thumbnail !== "string") throw bad("missing file names");
  const originalBytes = files[original];
  const thumbBytes = files[thumbnail];
  if (!originalBytes || !thumbBytes) throw bad("image bytes missing");
  // The checksum proves the photo is exactly the one that was exported.
  if ((await sha256Hex(originalBytes as Uint8Array<ArrayBuffer>)) !== sha256) throw bad("checksum mismatch");
  return {
    id,
    itemId,
    createdAt,
    updatedAt,
    width,
    height,
    mimeType,
    sha256,
    original: new Blob([originalBytes as Uint8Array<ArrayBuffer>], { type: mimeType }),
    thumbnail: new Blob([thumbBytes as Uint8Array<ArrayBuffer>], { type: typeof thumbnailType === "string" ? thumbnailType : "image/webp" }),
  };
}

/** Runs a record check, turning its complaint into a refusal that names the record. */
async function checked<T>(label: string, parse: () => T | Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (e) {
    if (e instanceof BadRecord) throw new ImportFileError(`${label} in the file is invalid: ${e.message}. ${NOTHING}`);
    throw e;
  }
}

/** Every record of one kind, each checked and each key at most once. */
async function parseList<T>(list: unknown, label: string, parse: (raw: unknown) => T, keyOf: (t: T) => string): Promise<T[]> {
  if (!Array.isArray(list)) throw new ImportFileError(NOT_EXPORT);
  const out: T[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of list.entries()) {
    const rec = await checked(`${label} ${i + 1}`, () => parse(raw));
    if (seen.has(keyOf(rec))) throw new ImportFileError(`${label} ${i + 1} appears twice in the file. ${NOTHING}`);
    seen.add(keyOf(rec));
    out.push(rec);
  }
  return out;
}

/** Reads and fully validates an export before anything touches the database. */
export async function readExport(file: Blob): Promise<Backup> {
  if (file.size === 0) throw new ImportFileError("The file is empty.");
  let files: Unzipped;
  try {
    files = await unzipAsync(new Uint8Array(await file.arrayBuffer()));
  } catch {
    throw new ImportFileError(`${NOT_EXPORT} (It isn't a zip archive.)`);
  }
  const dataBytes = files[DATA_FILE];
  if (!dataBytes) throw new ImportFileError(`${NOT_EXPORT} (data.json is missing.)`);
  let data: unknown;
  try {
    data = JSON.parse(strFromU8(dataBytes));
  } catch {
    throw new ImportFileError(`${NOT_EXPORT} (data.json is not readable.)`);
  }
  if (!isRec(data) || data.format !== EXPORT_FORMAT) throw new ImportFileError(NOT_EXPORT);
  if (typeof data.version !== "number" || data.version > EXPORT_VERSION)
    throw new ImportFileError("This export was made by a newer version of Curator. Update the app and try again.");
  if (!Array.isArray(data.items) || !Array.isArray(data.images)) throw new ImportFileError(NOT_EXPORT);

  const items: Item[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of data.items.entries()) {
    const parsed = parseItem(raw);
    if (!parsed.ok) throw new ImportFileError(`Item ${i + 1} in the file is invalid: ${parsed.error}. ${NOTHING}`);
    if (seen.has(parsed.value.id)) throw new ImportFileError(`Item ${i + 1} appears twice in the file. ${NOTHING}`);
    seen.add(parsed.value.id);
    items.push(parsed.value);
  }
  const images = new Map<string, StoredImage>();
  for (const [i, raw] of data.images.entries()) {
    const img = await parseImage(raw, files, i);
    images.set(img.id, img);
  }
  for (const [i, item] of items.entries()) {
    const img = item.imageId ? images.get(item.imageId) : undefined;
    if (item.imageId && (!img || img.itemId !== item.id))
      throw new ImportFileError(`Item ${i + 1} refers to a photo that is not in the file. ${NOTHING}`);
  }
  const backup: Backup = { items, images, profile: null, predictions: [], settings: [], outfits: [], wearLog: [], learner: null };
  if (data.version < 2) return backup;

  const d: Record<string, unknown> = data; // a const, so the checks below keep its type
  backup.outfits = await parseList(d.outfits, "Saved outfit", parseOutfit, (o) => o.id);
  backup.wearLog = await parseList(d.wearLog, "Wear record", parseWear, (w) => w.id);
  backup.settings = await parseList(d.settings, "Setting", parseSetting, (s) => s.key);
  backup.predictions = await parseList(d.predictions, "Recognition record", parsePrediction, (p) => p.id);
  if (d.profile !== null) backup.profile = await checked("The profile", () => parseProfile(d.profile, files));
  if (d.learner !== null) backup.learner = await checked("The outfit learner", () => parseLearner(d.learner));
  return backup;
}

const counts = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0 });
const recordCounts = (): RecordCounts => ({ ...counts(), deleted: 0, tombstones: 0 });

/** Newer updatedAt wins: true when `incoming` should be written over `local` (a kept record is counted here). */
function wins(incoming: { updatedAt: number }, local: { updatedAt: number } | undefined, c: ImportCounts): boolean {
  if (local && local.updatedAt >= incoming.updatedAt) {
    c.unchanged++;
    return false;
  }
  return true;
}

/** As `wins`, counting a written record as added or updated too. */
function newer(incoming: { updatedAt: number }, local: { updatedAt: number } | undefined, c: ImportCounts): boolean {
  if (!wins(incoming, local, c)) return false;
  if (local) c.updated++;
  else c.added++;
  return true;
}

/** Items and their photos, by item id (a replaced item's old photo goes). Returns the ids of items the file's copy was written for. */
async function mergeItems(db: CuratorDB, { items, images }: Backup, c: RecordCounts): Promise<Set<string>> {
  const written = new Set<string>();
  for (const incoming of items) {
    const existing = await db.items.get(incoming.id);
    if (!wins(incoming, existing, c)) continue;
    countWrites([incoming], existing ? new Map([[existing.id, existing]]) : new Map(), c);
    if (existing?.imageId && existing.imageId !== incoming.imageId) await db.images.delete(existing.imageId);
    const img = incoming.imageId ? images.get(incoming.imageId) : undefined;
    if (img) await db.images.put(img);
    await db.items.put(incoming);
    written.add(incoming.id);
  }
  return written;
}

type Tombstoned = { id: string; updatedAt: number; deletedAt?: number | null };

/**
 * Counts the records an import wrote, each as it ends up against what was here
 * before: live ones as added or updated, tombstones as deletions or plain tombstones.
 */
function countWrites<T extends Tombstoned>(writes: Iterable<T>, before: ReadonlyMap<string, T>, c: RecordCounts): void {
  for (const rec of writes) {
    const was = before.get(rec.id);
    if (isLive(rec)) {
      if (was) c.updated++;
      else c.added++;
    } else if (was && isLive(was)) c.deleted++;
    else c.tombstones++;
  }
}

/**
 * Records by a key that identifies them across devices (an outfit's items; a wear's
 * day and items). The app keeps one record per key, live or deleted, but should two
 * meet, the live one stands for the key (a tombstone must never swallow a live
 * record's match and leave two live copies), else the newest tombstone.
 */
class ByKey<T extends Tombstoned> {
  private map = new Map<string, T>();
  constructor(
    private keyOf: (t: T) => string,
    rows: readonly T[],
  ) {
    for (const r of rows) this.offer(r);
  }
  get(t: T): T | undefined {
    return this.map.get(this.keyOf(t));
  }
  /** Records `rec` as written; `was` is the record it replaced. */
  offer(rec: T, was?: T): void {
    if (was && this.keyOf(was) !== this.keyOf(rec) && this.map.get(this.keyOf(was))?.id === was.id) this.map.delete(this.keyOf(was));
    const cur = this.map.get(this.keyOf(rec));
    const better = !cur || cur.id === rec.id || (isLive(rec) !== isLive(cur) ? isLive(rec) : rec.updatedAt > cur.updatedAt);
    if (better) this.map.set(this.keyOf(rec), rec);
  }
}

interface OutfitMerge {
  /** File id → local id, for outfits this device holds under its own id. */
  renamed: Map<string, string>;
  /** Every outfit here after the merge, by id. */
  byId: Map<string, SavedOutfit>;
  /** Outfits that were live here and are deleted now (a newer tombstone came in). */
  deleted: string[];
}

/**
 * Saved outfits by id, or by the same combination of items: the app never keeps two
 * saved outfits of the same items (saving one again renames it, or brings a deleted
 * one back), so one made on each device is the same outfit. Tombstones merge like
 * any record: a newer one deletes the outfit here, an older one loses to it.
 */
async function mergeOutfits(db: CuratorDB, outfits: SavedOutfit[], c: RecordCounts): Promise<OutfitMerge> {
  const local = await db.outfits.toArray();
  const before = new Map(local.map((o) => [o.id, o]));
  const byId = new Map(before);
  const byKey = new ByKey<SavedOutfit>((o) => outfitKey(o.itemIds), local);
  const renamed = new Map<string, string>();
  const writes = new Map<string, SavedOutfit>();
  for (const o of outfits) {
    const here = byId.get(o.id) ?? byKey.get(o);
    if (here && here.id !== o.id) renamed.set(o.id, here.id);
    const rec = here && here.id !== o.id ? { ...o, id: here.id, createdAt: here.createdAt } : o;
    if (!wins(rec, here, c)) continue;
    byKey.offer(rec, here);
    byId.set(rec.id, rec);
    writes.set(rec.id, rec);
  }
  await db.outfits.bulkPut([...writes.values()]);
  countWrites(writes.values(), before, c);
  const deleted = [...writes.values()].filter((o) => !isLive(o) && before.has(o.id) && isLive(before.get(o.id)!)).map((o) => o.id);
  return { renamed, byId, deleted };
}

/**
 * Wear records by id, or by the same items on the same day (the app logs an outfit
 * once a day, and brings a removed one back under its id when it is logged again).
 * `local` is this device's wear log before the merge. Items' wear counts are left to
 * recountWears, which runs on the merged log.
 */
async function mergeWearLog(db: CuratorDB, wearLog: WearLogEntry[], local: WearLogEntry[], outfits: OutfitMerge, c: RecordCounts, now: number): Promise<void> {
  const dayKey = (w: WearLogEntry) => `${w.date} ${outfitKey(w.itemIds)}`;
  const before = new Map(local.map((w) => [w.id, w]));
  const byId = new Map(before);
  const byKey = new ByKey<WearLogEntry>(dayKey, local);
  // A wear never points to a deleted outfit here (deleteSavedOutfit unlinks them).
  const outfitHere = (id: string | null) => {
    const localId = id && (outfits.renamed.get(id) ?? id);
    const outfit = localId ? outfits.byId.get(localId) : undefined;
    return outfit && !isLive(outfit) ? null : localId;
  };
  const writes = new Map<string, WearLogEntry>();
  for (const w of wearLog) {
    const here = byId.get(w.id) ?? byKey.get(w);
    const rec = { ...w, outfitId: outfitHere(w.outfitId), ...(here && here.id !== w.id ? { id: here.id, createdAt: here.createdAt } : {}) };
    if (!wins(rec, here, c)) continue;
    byKey.offer(rec, here);
    byId.set(rec.id, rec);
    writes.set(rec.id, rec);
  }
  await db.wearLog.bulkPut([...writes.values()]);
  countWrites(writes.values(), before, c);
  for (const id of outfits.deleted) await unlinkWears(id, now, db);
}

/** An item's live wear records in one wear log: how many, and the latest time worn. */
interface Worn {
  count: number;
  last: number | null;
}

const NOT_WORN: Worn = { count: 0, last: null };

function wornByItem(wears: readonly WearLogEntry[]): Map<string, Worn> {
  const out = new Map<string, Worn>();
  for (const w of wears) {
    if (!isLive(w)) continue;
    for (const id of w.itemIds) {
      const { count, last } = out.get(id) ?? NOT_WORN;
      out.set(id, { count: count + 1, last: Math.max(last ?? w.wornAt, w.wornAt) });
    }
  }
  return out;
}

/**
 * After the wear logs are merged: the wear count and last-worn time of every item
 * either log holds, or whose copy the file replaced, follow the merged log's live
 * records, not whichever copy of the item was newer. So wears logged on two devices
 * add up, a wear removed on one takes away only that wear, the same file imported
 * again changes nothing, and a restore onto an empty device gives the source's counts.
 *
 * An item's count is its live wear records plus wears marked by hand (the item
 * editor's "Marked as worn" logs no record). The hand-marked part travels with the
 * copy that won: what its count holds beyond the live records of the log it came
 * with (the file's, for a copy the file replaced; else this device's before the
 * merge). Likewise a last-worn time later than every wear of that log is a hand mark
 * and is kept if it is still the latest. An item is written (its updatedAt moved on,
 * as any change here) only when its count or last-worn time changes.
 */
async function recountWears(db: CuratorDB, fileWears: readonly WearLogEntry[], localWears: readonly WearLogEntry[], itemsFromFile: ReadonlySet<string>, now: number): Promise<void> {
  const inFile = wornByItem(fileWears);
  const here = wornByItem(localWears);
  const merged = wornByItem(await db.wearLog.toArray());
  const ids = [...new Set([...inFile.keys(), ...here.keys(), ...itemsFromFile])];
  const changed: Item[] = [];
  for (const item of await db.items.bulkGet(ids)) {
    if (!item) continue;
    const cameWith = (itemsFromFile.has(item.id) ? inFile : here).get(item.id) ?? NOT_WORN;
    const { count, last } = merged.get(item.id) ?? NOT_WORN;
    const byHand = Math.max(0, item.wearCount - cameWith.count);
    const markedLater = item.lastWornAt !== null && (cameWith.last === null || item.lastWornAt > cameWith.last) ? item.lastWornAt : null;
    const wearCount = byHand + count;
    const lastWornAt = markedLater === null ? last : Math.max(markedLater, last ?? markedLater);
    if (wearCount !== item.wearCount || lastWornAt !== item.lastWornAt) changed.push({ ...item, wearCount, lastWornAt, updatedAt: Math.max(now, item.updatedAt + 1) });
  }
  await db.items.bulkPut(changed);
}

/**
 * Merges an export into this device: every record (item, outfit, wear record,
 * setting, profile, learner, recognition record) is written only when the file's
 * copy is newer (updatedAt), so importing the same file twice changes nothing and
 * never duplicates, and newer local data is never overwritten. Deletions travel as
 * tombstones (deletedAt): an older backup never brings back what was deleted here,
 * and a newer tombstone in the file deletes the record here. Items' wear counts and
 * last-worn times are then worked out from the merged wear log (see recountWears).
 * Everything is checked first and written in one transaction: a refused or failed
 * import writes nothing.
 */
export async function importWardrobe(file: Blob): Promise<ImportSummary> {
  return mergeBackup(await readExport(file));
}

/**
 * The merge importWardrobe does, for a backup already read and checked (sync merges
 * the bucket's snapshot through here, so the two can never disagree). Images only
 * need to be in `backup.images` when `db` lacks them. `db` is the app's database
 * unless a caller (sync's tests, as a second device) gives another.
 */
export async function mergeBackup(backup: Backup, db: CuratorDB = appDb): Promise<ImportSummary> {
  const summary: ImportSummary = { ...recordCounts(), outfits: recordCounts(), wearLog: recordCounts(), predictions: counts(), settings: counts(), profile: counts(), learner: counts() };
  const tables = [db.items, db.images, db.profile, db.predictions, db.settings, db.outfits, db.wearLog, db.learner];
  try {
    await db.transaction("rw", tables, async () => {
      const now = Date.now();
      const wearsHere = await db.wearLog.toArray();
      const itemsFromFile = await mergeItems(db, backup, summary);
      const outfits = await mergeOutfits(db, backup.outfits, summary.outfits);
      await mergeWearLog(db, backup.wearLog, wearsHere, outfits, summary.wearLog, now);
      await recountWears(db, backup.wearLog, wearsHere, itemsFromFile, now);

      // Device-only settings (the sync connection and its keys) never come from outside this device.
      const shared = backup.settings.filter((s) => !isDeviceSetting(s.key));
      const settingsHere = await db.settings.bulkGet(shared.map((s) => s.key));
      await db.settings.bulkPut(shared.filter((s, i) => newer(s, settingsHere[i], summary.settings)));
      const predictionsHere = await db.predictions.bulkGet(backup.predictions.map((p) => p.id));
      await db.predictions.bulkPut(backup.predictions.filter((p, i) => newer(p, predictionsHere[i], summary.predictions)));

      const { profile, learner } = backup;
      if (profile && newer(profile, await db.profile.get(profile.id), summary.profile)) await db.profile.put(profile);
      if (learner && newer(learner, await db.learner.get(learner.id), summary.learner)) await db.learner.put(learner);
    });
  } catch (e) {
    throw asStorageError(e);
  }
  return summary;
}
