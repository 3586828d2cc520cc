import { isRec } from "@domain/json";
import type { StoredImage } from "@domain/wardrobe/types";
import { BackupZip, ZIP_LIMITS, ZipProblem, type ZipLimits } from "./backupZip";
import { DATA_FILE, EXPORT_FORMAT, EXPORT_VERSION } from "./exportFormat";
import { sha256Hex } from "./hash";
import { ImportFileError } from "./importErrors";
import type { Backup } from "./merge";
import { BadRecord } from "./schema/fields";
import { readKinds, RecordProblem } from "./schema/document";
import { parseImageEntry, photoFromEntry } from "./schema/photos";

/**
 * Reading an export file: its data.json, then the photo bytes it names (and nothing
 * else in the zip), every record checked by its kind's rules (schema/) and every
 * photo by its bytes before anything touches the database. Decompression is bounded
 * (backupZip.ts). A version 1 file has only items and photos.
 */

const refuse = (failure: ConstructorParameters<typeof ImportFileError>[0]) => new ImportFileError(failure);

function zipRefusal(e: unknown): unknown {
  if (!(e instanceof ZipProblem)) return e;
  return e.code === "too-large" ? refuse({ code: "too-large", entry: e.entry, limit: e.limit }) : refuse({ code: "not-zip" });
}

async function entry(zip: BackupZip, name: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    return await zip.read(name);
  } catch (e) {
    throw zipRefusal(e);
  }
}

async function readImage(raw: unknown, zip: BackupZip, index: number): Promise<StoredImage> {
  try {
    const described = parseImageEntry(raw);
    const original = await entry(zip, described.original);
    const thumbnail = await entry(zip, described.thumbnail);
    if (!original || !thumbnail) throw new BadRecord("image bytes missing");
    // The checksum proves the photo is exactly the one that was exported.
    if ((await sha256Hex(original)) !== described.sha256) throw new BadRecord("checksum mismatch");
    return photoFromEntry(described, original, thumbnail);
  } catch (e) {
    if (e instanceof BadRecord) throw refuse({ code: "bad-photo", index, why: e.message });
    throw e;
  }
}

async function readData(file: Blob, limits: ZipLimits): Promise<{ data: Record<string, unknown>; zip: BackupZip }> {
  if (file.size === 0) throw refuse({ code: "empty" });
  let zip: BackupZip;
  try {
    zip = await BackupZip.open(file, limits);
  } catch (e) {
    throw zipRefusal(e);
  }
  const dataBytes = await entry(zip, DATA_FILE);
  if (!dataBytes) throw refuse({ code: "no-data" });
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(dataBytes));
  } catch {
    throw refuse({ code: "unreadable-data" });
  }
  if (!isRec(data) || data.format !== EXPORT_FORMAT) throw refuse({ code: "not-export" });
  return { data, zip };
}

/** Reads and fully validates an export; throws ImportFileError saying why a file is refused. */
export async function readBackup(file: Blob, limits: ZipLimits = ZIP_LIMITS): Promise<Backup> {
  const { data, zip } = await readData(file, limits);
  if (typeof data.version !== "number" || data.version > EXPORT_VERSION) throw refuse({ code: "newer-version" });
  if (!Array.isArray(data.items) || !Array.isArray(data.images)) throw refuse({ code: "not-export" });
  let records;
  try {
    // No record takes bytes from the file any more (a kept selfie stays on its device; see schema/profile.ts).
    records = await readKinds(data, {}, data.version);
  } catch (e) {
    if (!(e instanceof RecordProblem)) throw e;
    if (e.code === "missing") throw refuse({ code: "not-export" });
    if (e.code === "twice") throw refuse({ code: "twice", kind: e.kind, index: e.index ?? 1 });
    throw refuse({ code: "bad-record", kind: e.kind, index: e.index, why: e.why });
  }
  const images = new Map<string, StoredImage>();
  for (const [i, raw] of data.images.entries()) {
    const img = await readImage(raw, zip, i + 1);
    images.set(img.id, img);
  }
  for (const [i, item] of records.items.entries()) {
    if (item.imageId && images.get(item.imageId)?.itemId !== item.id) throw refuse({ code: "photo-missing", index: i + 1 });
  }
  return { ...records, images };
}
