import { db } from "./db";
import type { SourcePhoto, StoredImage } from "@domain/wardrobe/types";

export async function getImage(id: string): Promise<StoredImage | undefined> {
  return db.images.get(id);
}

/** Only the small blob the grid needs. IndexedDB reads Blob bodies lazily, so this stays cheap. */
export async function getThumbnail(id: string): Promise<Blob | undefined> {
  return (await db.images.get(id))?.thumbnail;
}

export async function getOriginal(id: string): Promise<Blob | undefined> {
  return (await db.images.get(id))?.original;
}

/** The whole photo an item's piece was cut out of (issue 16), or undefined for a photo of its own. */
export async function getSourcePhotoOf(imageId: string): Promise<SourcePhoto | undefined> {
  const sourceId = (await db.images.get(imageId))?.sourcePhotoId;
  return sourceId ? db.sourcePhotos.get(sourceId) : undefined;
}

/** A shared photo by id (issue 16: a piece shown as photographed is cropped from it). */
export async function getSourcePhoto(id: string): Promise<SourcePhoto | undefined> {
  return db.sourcePhotos.get(id);
}
