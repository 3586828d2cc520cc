import { isRec } from "@domain/json";
import type { SourcePhoto, StoredImage } from "@domain/wardrobe/types";
import { BackupZip, ZIP_LIMITS, ZipProblem, type ZipLimits } from "./backupZip";
import { DATA_FILE, EXPORT_FORMAT, EXPORT_VERSION } from "./exportFormat";
import { sha256Hex } from "./hash";
import { ImportFileError } from "./importErrors";
import type { Backup } from "./merge";
import { BadRecord } from "./schema/fields";
import { readKinds, RecordProblem } from "./schema/document";
import { fitSourceBox, parseImageEntry, parseSourcePhotoEntry, photoFromEntry, sourceFromEntry } from "./schema/photos";

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

/**
 * The shared photos the file's pieces were cut from, each read once (however many
 * pieces refer to it) and checked like a photo. A piece whose shared photo is not
 * described, described twice, or damaged refuses the file as that piece's photo
 * ("bad-photo", its index). Entries no photo refers to are never read (nothing
 * would show them). Files from before pieces have no list: none.
 */
async function readSources(raw: unknown, images: readonly StoredImage[], zip: BackupZip): Promise<Map<string, SourcePhoto>> {
  const out = new Map<string, SourcePhoto>();
  const list = Array.isArray(raw) ? raw : [];
  for (const [i, img] of images.entries()) {
    const id = img.sourcePhotoId;
    if (!id || out.has(id)) continue;
    try {
      const described = list.filter((e) => isRec(e) && e.id === id);
      if (described.length === 0) throw new BadRecord("it was not described");
      if (described.length > 1) throw new BadRecord("it was described twice");
      const source = parseSourcePhotoEntry(described[0]);
      const bytes = await entry(zip, source.file);
      if (!bytes) throw new BadRecord("its bytes are missing");
      if ((await sha256Hex(bytes)) !== source.sha256) throw new BadRecord("checksum mismatch");
      out.set(id, sourceFromEntry(source, bytes));
    } catch (e) {
      if (e instanceof BadRecord) throw refuse({ code: "bad-photo", index: i + 1, why: `the photo it was cut out of: ${e.message}` });
      throw e;
    }
  }
  return out;
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
  const inOrder: StoredImage[] = [];
  for (const [i, raw] of data.images.entries()) {
    const img = await readImage(raw, zip, i + 1);
    images.set(img.id, img);
    inOrder.push(img);
  }
  for (const [i, item] of records.items.entries()) {
    if (item.imageId && images.get(item.imageId)?.itemId !== item.id) throw refuse({ code: "photo-missing", index: i + 1 });
  }
  if (data.sourcePhotos !== undefined && !Array.isArray(data.sourcePhotos)) throw refuse({ code: "not-export" });
  const sources = await readSources(data.sourcePhotos, inOrder, zip);
  for (const [id, img] of images) images.set(id, fitSourceBox(img, sources));
  return { ...records, images, sources };
}
