import { strFromU8, unzip, type Unzipped } from "fflate";
import { isRec } from "@domain/json";
import type { StoredImage } from "@domain/wardrobe/types";
import { DATA_FILE, EXPORT_FORMAT, EXPORT_VERSION } from "./exportFormat";
import { sha256Hex } from "./hash";
import { ImportFileError } from "./importErrors";
import type { Backup } from "./merge";
import { BadRecord } from "./schema/fields";
import { readKinds, RecordProblem } from "./schema/document";
import { imageFromEntry, parseImageEntry } from "./schema/photos";

/**
 * Reading an export file: the zip, its data.json and the photo bytes, every record
 * checked by its kind's rules (schema/) before anything touches the database. A
 * version 1 file has only items and photos.
 */

function unzipAsync(bytes: Uint8Array): Promise<Unzipped> {
  return new Promise((resolve, reject) => unzip(bytes, (err, files) => (err ? reject(err) : resolve(files))));
}

const refuse = (failure: ConstructorParameters<typeof ImportFileError>[0]) => new ImportFileError(failure);

async function readImage(raw: unknown, files: Unzipped, index: number): Promise<StoredImage> {
  try {
    const entry = parseImageEntry(raw);
    const original = files[entry.original] as Uint8Array<ArrayBuffer> | undefined;
    const thumbnail = files[entry.thumbnail] as Uint8Array<ArrayBuffer> | undefined;
    if (!original || !thumbnail) throw new BadRecord("image bytes missing");
    // The checksum proves the photo is exactly the one that was exported.
    if ((await sha256Hex(original)) !== entry.sha256) throw new BadRecord("checksum mismatch");
    return imageFromEntry(entry, original, thumbnail);
  } catch (e) {
    if (e instanceof BadRecord) throw refuse({ code: "bad-photo", index, why: e.message });
    throw e;
  }
}

async function readData(file: Blob): Promise<{ data: Record<string, unknown>; files: Unzipped }> {
  if (file.size === 0) throw refuse({ code: "empty" });
  let files: Unzipped;
  try {
    files = await unzipAsync(new Uint8Array(await file.arrayBuffer()));
  } catch {
    throw refuse({ code: "not-zip" });
  }
  const dataBytes = files[DATA_FILE];
  if (!dataBytes) throw refuse({ code: "no-data" });
  let data: unknown;
  try {
    data = JSON.parse(strFromU8(dataBytes));
  } catch {
    throw refuse({ code: "unreadable-data" });
  }
  if (!isRec(data) || data.format !== EXPORT_FORMAT) throw refuse({ code: "not-export" });
  return { data, files };
}

/** Reads and fully validates an export; throws ImportFileError saying why a file is refused. */
export async function readBackup(file: Blob): Promise<Backup> {
  const { data, files } = await readData(file);
  if (typeof data.version !== "number" || data.version > EXPORT_VERSION) throw refuse({ code: "newer-version" });
  if (!Array.isArray(data.items) || !Array.isArray(data.images)) throw refuse({ code: "not-export" });
  let records;
  try {
    records = await readKinds(data, files, data.version);
  } catch (e) {
    if (!(e instanceof RecordProblem)) throw e;
    if (e.code === "missing") throw refuse({ code: "not-export" });
    if (e.code === "twice") throw refuse({ code: "twice", kind: e.kind, index: e.index ?? 1 });
    throw refuse({ code: "bad-record", kind: e.kind, index: e.index, why: e.why });
  }
  const images = new Map<string, StoredImage>();
  for (const [i, raw] of data.images.entries()) {
    const img = await readImage(raw, files, i + 1);
    images.set(img.id, img);
  }
  for (const [i, item] of records.items.entries()) {
    if (item.imageId && images.get(item.imageId)?.itemId !== item.id) throw refuse({ code: "photo-missing", index: i + 1 });
  }
  return { ...records, images };
}
