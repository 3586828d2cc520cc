import type { StoredImage } from "@domain/wardrobe/types";
import { BadRecord, isRec, SHA256 } from "./fields";

/**
 * Item photos: their own table (the original, location metadata stripped, and a
 * thumbnail), always travelling with their item. In a file or a bucket a photo is
 * described by an entry; its bytes travel apart, named by the transport (a path in
 * the zip, a hash in the bucket).
 */
/** A photo as described in data.json or the records document; `original`/`thumbnail` name its bytes. */
export type ImageEntry = Omit<StoredImage, "original" | "thumbnail"> & {
  original: string;
  thumbnail: string;
  thumbnailType: string;
};

/** Checks a photo's description (not its bytes: the transport checks those against `sha256`). */
export function parseImageEntry(raw: unknown): ImageEntry {
  if (!isRec(raw)) throw new BadRecord("not described");
  const { id, itemId, createdAt, updatedAt, width, height, mimeType, sha256, original, thumbnail, thumbnailType } = raw;
  if (typeof id !== "string" || typeof itemId !== "string") throw new BadRecord("missing id");
  if (typeof createdAt !== "number" || typeof updatedAt !== "number") throw new BadRecord("missing dates");
  if (typeof width !== "number" || typeof height !== "number" || width < 1 || height < 1) throw new BadRecord("bad size");
  if (typeof mimeType !== "string" || !mimeType.startsWith("image/")) throw new BadRecord("not an image type");
  if (typeof sha256 !== "string" || !SHA256.test(sha256)) throw new BadRecord("missing checksum");
  if (typeof original !== "string" || typeof thumbnail !== "string") throw new BadRecord("missing file names");
  // Files from before the thumbnail's type was written had WebP thumbnails.
  return { id, itemId, createdAt, updatedAt, width, height, mimeType, sha256, original, thumbnail, thumbnailType: typeof thumbnailType === "string" ? thumbnailType : "image/webp" };
}

/** A photo's entry with its bytes: the stored form. */
export function imageFromEntry(entry: ImageEntry, original: BlobPart, thumbnail: BlobPart): StoredImage {
  const { original: _original, thumbnail: _thumbnail, thumbnailType, ...meta } = entry;
  return { ...meta, original: new Blob([original], { type: meta.mimeType }), thumbnail: new Blob([thumbnail], { type: thumbnailType }) };
}
