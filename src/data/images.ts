import { db } from "./db";
import type { StoredImage } from "@domain/wardrobe/types";

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
