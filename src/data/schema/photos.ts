import { MAX_PIXELS, MAX_SIDE } from "@domain/image/limits";
import { Refusal, sniff } from "@domain/image/sniff";
import { sourceBoxOrNull } from "@domain/wardrobe/sourceBox";
import type { SourcePhoto, StoredImage } from "@domain/wardrobe/types";
import { BadRecord, id, isRec, SHA256, time } from "./fields";

/**
 * Item photos: their own table (the original, location metadata stripped, and a
 * thumbnail), always travelling with their item. In a file or a bucket a photo is
 * described by an entry; its bytes travel apart, named by the transport (a path in
 * the zip, a hash in the bucket). Bytes from outside are an image only if they look
 * like one (the photo import's own sniffing): a "photo" that is SVG or HTML would
 * run script in the app's origin when opened from a blob: URL.
 */
/** A photo as described in data.json or the records document; `original`/`thumbnail` name its bytes. */
export type ImageEntry = Omit<StoredImage, "original" | "thumbnail"> & {
  original: string;
  thumbnail: string;
  thumbnailType: string;
};

/** The raster types a stored photo or thumbnail can have (what the photo import writes, and what browsers show as images only). */
export const PHOTO_TYPES: ReadonlySet<string> = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif", "image/bmp"]);

function photoType(v: unknown, field: string): string {
  if (typeof v !== "string" || !PHOTO_TYPES.has(v)) throw new BadRecord(`${field} is not a photo type`);
  return v;
}

function side(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_SIDE)
    throw new BadRecord(`${field} must be a whole number of pixels from 1 to ${MAX_SIDE}`);
  return v;
}

/** Checks a photo's description (not its bytes: the transport checks those against `sha256`, then photoFromEntry). */
export function parseImageEntry(raw: unknown): ImageEntry {
  if (!isRec(raw)) throw new BadRecord("not described");
  const { width, height, sha256, original, thumbnail, thumbnailType } = raw;
  if (typeof raw.id !== "string" || typeof raw.itemId !== "string") throw new BadRecord("missing id");
  if (typeof raw.createdAt !== "number" || typeof raw.updatedAt !== "number") throw new BadRecord("missing dates");
  const w = side(width, "width");
  const h = side(height, "height");
  if (w * h > MAX_PIXELS) throw new BadRecord(`${w} × ${h} is more than ${MAX_PIXELS / 1e6} megapixels`);
  const mimeType = photoType(raw.mimeType, "mimeType");
  if (typeof sha256 !== "string" || !SHA256.test(sha256)) throw new BadRecord("missing checksum");
  if (typeof original !== "string" || typeof thumbnail !== "string") throw new BadRecord("missing file names");
  // A piece cut out of a shared photo names it (checked against the file's shared photos by the reader); older files have none.
  const source = raw.sourcePhotoId === undefined || raw.sourcePhotoId === null ? {} : { sourcePhotoId: id(raw.sourcePhotoId, "sourcePhotoId") };
  // Where the piece lay in that photo: optional and a nicety, so a bad one is dropped, never refused (fitted to its photo by fitSourceBox).
  const box = "sourcePhotoId" in source ? sourceBoxOrNull(raw.sourceBox) : null;
  return {
    ...source,
    ...(box && { sourceBox: box }),
    id: id(raw.id, "id"),
    itemId: id(raw.itemId, "itemId"),
    createdAt: time(raw.createdAt, "createdAt"),
    updatedAt: time(raw.updatedAt, "updatedAt"),
    width: w,
    height: h,
    mimeType,
    sha256,
    original,
    thumbnail,
    // Files from before the thumbnail's type was written had WebP thumbnails.
    thumbnailType: thumbnailType === undefined ? "image/webp" : photoType(thumbnailType, "thumbnailType"),
  };
}

/** The image type `bytes` really are; refuses anything that is not a raster image the app shows. */
export function photoBytesType(bytes: Uint8Array, what: string): string {
  let mime: string;
  try {
    mime = sniff(bytes).mime;
  } catch (e) {
    if (e instanceof Refusal) throw new BadRecord(`the ${what} is not an image: ${e.message}`);
    throw e;
  }
  if (!PHOTO_TYPES.has(mime)) throw new BadRecord(`the ${what} is not a photo type Curator stores (${mime})`);
  return mime;
}

/**
 * A photo's entry with its bytes, checked: the stored form. Each blob gets the type
 * its bytes have (never the type the file claims), so a browser can only ever show it
 * as an image.
 */
export function photoFromEntry(entry: ImageEntry, original: Uint8Array<ArrayBuffer>, thumbnail: Uint8Array<ArrayBuffer>): StoredImage {
  const originalType = photoBytesType(original, "original");
  const thumbnailType = photoBytesType(thumbnail, "thumbnail");
  const { original: _original, thumbnail: _thumbnail, thumbnailType: _declared, ...meta } = entry;
  return { ...meta, original: new Blob([original], { type: originalType }), thumbnail: new Blob([thumbnail], { type: thumbnailType }) };
}

/**
 * A shared photo (one several items were cut out of) as a file or the records document
 * describes it: stored once, whatever number of pieces' images refer to it; `file` names
 * its bytes (a path in the zip, the sha256 in the bucket).
 */
export type SourcePhotoEntry = Omit<SourcePhoto, "blob"> & { file: string };

/** Checks a shared photo's description (its bytes are checked by the transport against `sha256`, then sourceFromEntry). */
export function parseSourcePhotoEntry(raw: unknown): SourcePhotoEntry {
  if (!isRec(raw)) throw new BadRecord("not described");
  const w = side(raw.width, "width");
  const h = side(raw.height, "height");
  if (w * h > MAX_PIXELS) throw new BadRecord(`${w} × ${h} is more than ${MAX_PIXELS / 1e6} megapixels`);
  if (typeof raw.sha256 !== "string" || !SHA256.test(raw.sha256)) throw new BadRecord("missing checksum");
  if (typeof raw.file !== "string" || !raw.file) throw new BadRecord("missing file name");
  return {
    id: id(raw.id, "id"),
    createdAt: time(raw.createdAt, "createdAt"),
    width: w,
    height: h,
    mimeType: photoType(raw.mimeType, "mimeType"),
    sha256: raw.sha256,
    file: raw.file,
  };
}

/** A shared photo's entry with its bytes, checked to be an image (its blob typed by its bytes, as photoFromEntry does). */
export function sourceFromEntry(entry: SourcePhotoEntry, bytes: Uint8Array<ArrayBuffer>): SourcePhoto {
  const type = photoBytesType(bytes, "original photo");
  const { file: _file, ...meta } = entry;
  return { ...meta, blob: new Blob([bytes], { type }) };
}

/**
 * A piece's photo with its sourceBox kept only if it lies inside the photo it was cut
 * out of (`sources`: their sizes by id, as described next to it). A box that does not
 * fit is dropped (the piece then shows its whole photo), never refusing the rest.
 */
export function fitSourceBox<T extends Pick<StoredImage, "sourcePhotoId" | "sourceBox">>(
  img: T,
  sources: ReadonlyMap<string, { width: number; height: number }>,
): T {
  if (img.sourceBox == null) return img;
  const source = img.sourcePhotoId ? sources.get(img.sourcePhotoId) : undefined;
  if (source && sourceBoxOrNull(img.sourceBox, source)) return img;
  const { sourceBox: _dropped, ...rest } = img;
  return rest as T;
}
