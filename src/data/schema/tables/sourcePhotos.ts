import type { Dexie } from "dexie";
import type { SourcePhoto } from "@domain/wardrobe/types";
import { imagesTable } from "./images";
import { table } from "./table";

/**
 * Whole photos that several items were cut out of (issue 16), stored once: each
 * piece's image refers to one by `sourcePhotoId`. Why the reference is on the image
 * and not on the item: the image is the item's photo, and it already travels with the
 * item (a winning copy brings its image, a purge removes it), so "the last piece's
 * image is gone" is exactly "nobody shows this photo any more"; the item's own record
 * (and its checks, shared by every device) stays as it was.
 */
export const sourcePhotosTable = table<SourcePhoto>()("sourcePhotos", "id", { 7: "id, sha256" });

/**
 * Inside a transaction on images and sourcePhotos: removes those of `ids` that no
 * image refers to any more (after images were deleted or replaced). Returns how many.
 */
export async function dropUnusedSources(db: Dexie, ids: Iterable<string | null | undefined>): Promise<number> {
  const images = imagesTable.of(db);
  const sources = sourcePhotosTable.of(db);
  let dropped = 0;
  for (const id of new Set([...ids].filter((x): x is string => !!x))) {
    if ((await images.where("sourcePhotoId").equals(id).count()) > 0) continue;
    if (await sources.get(id)) {
      await sources.delete(id);
      dropped++;
    }
  }
  return dropped;
}
