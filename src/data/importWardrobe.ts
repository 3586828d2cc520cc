import { strFromU8, unzip, type Unzipped } from "fflate";
import { db } from "./db";
import { asStorageError } from "./errors";
import { DATA_FILE, EXPORT_FORMAT, EXPORT_VERSION } from "./exportFormat";
import { sha256Hex } from "./hash";
import { parseItem } from "../domain/wardrobe/validate";
import type { Item, StoredImage } from "../domain/wardrobe/types";

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number; // already here, same or newer copy kept
}

/** A refused file: the message says why; nothing was written. */
export class ImportFileError extends Error {
  override name = "ImportFileError";
}

const NOT_EXPORT = "This file is not a Curator wardrobe export.";

function unzipAsync(bytes: Uint8Array): Promise<Unzipped> {
  return new Promise((resolve, reject) => unzip(bytes, (err, files) => (err ? reject(err) : resolve(files))));
}

const isRec = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

async function parseImage(raw: unknown, files: Unzipped, index: number): Promise<StoredImage> {
  const bad = (why: string) => new ImportFileError(`Photo ${index + 1} in the file is damaged (${why}). Nothing was imported.`);
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

/** Reads and fully validates an export before anything touches the database. */
export async function readExport(file: Blob): Promise<{ items: Item[]; images: Map<string, StoredImage> }> {
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
    if (!parsed.ok) throw new ImportFileError(`Item ${i + 1} in the file is invalid: ${parsed.error}. Nothing was imported.`);
    if (seen.has(parsed.value.id)) throw new ImportFileError(`Item ${i + 1} appears twice in the file. Nothing was imported.`);
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
      throw new ImportFileError(`Item ${i + 1} refers to a photo that is not in the file. Nothing was imported.`);
  }
  return { items, images };
}

/**
 * Merges an export into the wardrobe by item id: a record is written only when the
 * file's copy is newer (updatedAt), so importing the same file twice changes
 * nothing and never duplicates. All writes happen in one transaction.
 */
export async function importWardrobe(file: Blob): Promise<ImportSummary> {
  const { items, images } = await readExport(file);
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
  try {
    await db.transaction("rw", db.items, db.images, async () => {
      for (const incoming of items) {
        const existing = await db.items.get(incoming.id);
        if (existing && existing.updatedAt >= incoming.updatedAt) {
          summary.unchanged++;
          continue;
        }
        if (existing?.imageId && existing.imageId !== incoming.imageId) await db.images.delete(existing.imageId);
        const img = incoming.imageId ? images.get(incoming.imageId) : undefined;
        if (img) await db.images.put(img);
        await db.items.put(incoming);
        if (existing) summary.updated++;
        else summary.added++;
      }
    });
  } catch (e) {
    throw asStorageError(e);
  }
  return summary;
}
