import type { StoredImage } from "@domain/wardrobe/types";
import { table } from "./table";

/** Item photos: their own table (the original, location metadata stripped, and a thumbnail), always travelling with their item. */
export const imagesTable = table<StoredImage>()("images", "id", { 1: "id, itemId, sha256" });
