import { db } from "./db";
import { asStorageError } from "./errors";
import { newId } from "./ids";
import { newItem } from "@domain/wardrobe/item";
import { boxToSourceBox } from "@domain/wardrobe/sourceBox";
import type { Box } from "@domain/detection/types";
import type { Item, SourcePhoto, StoredImage } from "@domain/wardrobe/types";
import { dropUnusedSources } from "./schema/tables/sourcePhotos";
import type { PredictionLog } from "@domain/vision/predictionLog";

/** Records derived from the photo, stored in the same transaction as the item (vision). */
export interface RelatedRecords {
  predictions?: Omit<PredictionLog, "itemId">[];
}

/** The photo half of a new item, as the image worker produced it. */
export interface NewPhoto {
  original: Blob;
  thumbnail: Blob;
  width: number;
  height: number;
  mimeType: string;
  sha256: string;
}

/** How long a deleted item can be brought back before its photo is purged. */
export const UNDO_WINDOW_MS = 10_000;

/** Fields a person edits; ids, timestamps and the image link are the repository's. */
export type ItemPatch = Partial<Omit<Item, "id" | "createdAt" | "updatedAt" | "imageId" | "deletedAt">>;

/**
 * Creates an item and its image in ONE transaction: if either write fails
 * (quota, crash, a hook) neither is stored, so the wardrobe never shows an
 * item without a photo or keeps an orphaned photo.
 */
export async function addItemWithPhoto(photo: NewPhoto, init: Partial<Item> = {}, now = Date.now(), related: RelatedRecords = {}): Promise<Item> {
  const itemId = newId();
  const imageId = newId();
  const item = newItem(itemId, now, { ...init, imageId });
  const image: StoredImage = { id: imageId, itemId, createdAt: now, updatedAt: now, ...photo };
  const predictions = (related.predictions ?? []).map((p) => ({ ...p, itemId }));
  try {
    await db.transaction("rw", db.items, db.images, db.predictions, async () => {
      await db.items.add(item);
      await db.images.add(image);
      if (predictions.length) await db.predictions.bulkAdd(predictions);
    });
  } catch (e) {
    throw asStorageError(e);
  }
  return item;
}

/** One garment cut out of a shared photo: its cut-out as the item's photo, the item's fields and the records that go with it. */
export interface NewPiece {
  photo: NewPhoto;
  /** Where the piece lies in the shared photo (the detector's box as kept, photo pixels): stored as the image's sourceBox; a box that does not fit the photo is left out. */
  box?: Box;
  init?: Partial<Item>;
  related?: RelatedRecords;
}

/** The shared photo itself (what the photo import made of the file: location metadata stripped, hashed). */
export type NewSourcePhoto = Omit<SourcePhoto, "id" | "createdAt">;

/**
 * Several items cut out of one photo (issue 16), stored in ONE transaction with the
 * photo they came from, kept once and referred to by every piece's image: all of them
 * or none (a full disk stores nothing, so there is never a half-imported photo or an
 * original nobody shows). Returns the items in the pieces' order.
 */
export async function addItemsFromPieces(source: NewSourcePhoto, pieces: readonly NewPiece[], now = Date.now()): Promise<Item[]> {
  if (pieces.length === 0) throw new Error("No pieces to store.");
  const sourcePhoto: SourcePhoto = { ...source, id: newId(), createdAt: now };
  const rows = pieces.map((piece) => {
    const itemId = newId();
    const imageId = newId();
    const item = newItem(itemId, now, { ...piece.init, imageId });
    const sourceBox = piece.box ? boxToSourceBox(piece.box, source) : null;
    const image: StoredImage = {
      id: imageId,
      itemId,
      createdAt: now,
      updatedAt: now,
      ...piece.photo,
      sourcePhotoId: sourcePhoto.id,
      ...(sourceBox && { sourceBox }),
    };
    const predictions = (piece.related?.predictions ?? []).map((p) => ({ ...p, itemId }));
    return { item, image, predictions };
  });
  try {
    await db.transaction("rw", [db.items, db.images, db.sourcePhotos, db.predictions], async () => {
      await db.sourcePhotos.add(sourcePhoto);
      await db.items.bulkAdd(rows.map((r) => r.item));
      await db.images.bulkAdd(rows.map((r) => r.image));
      const predictions = rows.flatMap((r) => r.predictions);
      if (predictions.length) await db.predictions.bulkAdd(predictions);
    });
  } catch (e) {
    throw asStorageError(e);
  }
  return rows.map((r) => r.item);
}

/** Many items at once (bench, seeding, import): one transaction, all or nothing. */
export async function bulkAddItems(pairs: { item: Item; image: StoredImage | null }[]): Promise<void> {
  try {
    await db.transaction("rw", db.items, db.images, async () => {
      await db.items.bulkAdd(pairs.map((p) => p.item));
      const images = pairs.flatMap((p) => (p.image ? [p.image] : []));
      if (images.length) await db.images.bulkAdd(images);
    });
  } catch (e) {
    throw asStorageError(e);
  }
}

export async function getItem(id: string): Promise<Item | undefined> {
  return db.items.get(id);
}

/** Every item that is not deleted. The grid filters and sorts these in memory. */
export async function listItems(): Promise<Item[]> {
  const all = await db.items.toArray();
  return all.filter((i) => i.deletedAt === null);
}

export { possibleTwins } from "./twins";

/**
 * The newest items only, via the createdAt index: enough to paint the first screen
 * of a large wardrobe while the full list loads.
 */
export async function listNewestItems(limit: number): Promise<Item[]> {
  return db.items
    .orderBy("createdAt")
    .reverse()
    .filter((i) => i.deletedAt === null)
    .limit(limit)
    .toArray();
}

export async function countItems(): Promise<number> {
  return (await listItems()).length;
}

export async function updateItem(id: string, patch: ItemPatch, now = Date.now()): Promise<Item> {
  try {
    return await db.transaction("rw", db.items, async () => {
      const current = await db.items.get(id);
      if (!current || current.deletedAt !== null) throw new Error("This item no longer exists.");
      const next: Item = { ...current, ...patch, id, updatedAt: Math.max(now, current.updatedAt + 1) };
      await db.items.put(next);
      return next;
    });
  } catch (e) {
    throw asStorageError(e);
  }
}

/** Soft delete: the item stays as a tombstone (Undo now, sync later). */
export async function deleteItem(id: string, now = Date.now()): Promise<void> {
  await db.transaction("rw", db.items, async () => {
    const current = await db.items.get(id);
    if (!current || current.deletedAt !== null) return;
    await db.items.put({ ...current, deletedAt: now, updatedAt: Math.max(now, current.updatedAt + 1) });
  });
}

/** Undo of a delete, as long as the photo has not been purged yet. */
export async function restoreItem(id: string, now = Date.now()): Promise<boolean> {
  return db.transaction("rw", db.items, db.images, async () => {
    const current = await db.items.get(id);
    if (!current || current.deletedAt === null) return false;
    if (now - current.deletedAt >= UNDO_WINDOW_MS) return false;
    if (current.imageId && !(await db.images.get(current.imageId))) return false;
    await db.items.put({ ...current, deletedAt: null, updatedAt: Math.max(now, current.updatedAt + 1) });
    return true;
  });
}

/**
 * Frees the photos of items deleted longer ago than the undo window. The item
 * record itself stays (without its photo) as a tombstone for sync and merges. A
 * shared photo pieces were cut from goes with the last image that refers to it
 * (a piece still in the wardrobe, or still within its undo window, keeps it).
 */
export async function purgeDeleted(now = Date.now(), windowMs = UNDO_WINDOW_MS): Promise<number> {
  return db.transaction("rw", [db.items, db.images, db.sourcePhotos], async () => {
    const gone = await db.items.filter((i) => i.deletedAt !== null && i.deletedAt <= now - windowMs && i.imageId !== null).toArray();
    const released: (string | null | undefined)[] = [];
    for (const item of gone) {
      if (item.imageId) {
        released.push((await db.images.get(item.imageId))?.sourcePhotoId);
        await db.images.delete(item.imageId);
      }
      await db.items.put({ ...item, imageId: null });
    }
    await dropUnusedSources(db, released);
    return gone.length;
  });
}
