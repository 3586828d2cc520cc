import type { StoredImage } from "@domain/wardrobe/types";
import { table } from "./table";

/**
 * Item photos: their own table (the original, location metadata stripped, and a thumbnail), always travelling with their item.
 * v7: indexed by the shared photo a piece was cut out of (sourcePhotos.ts), to know when the last piece is gone.
 */
export const imagesTable = table<StoredImage>()("images", "id", { 1: "id, itemId, sha256", 7: "id, itemId, sha256, sourcePhotoId" });
