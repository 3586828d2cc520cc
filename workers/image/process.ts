import { sha256Hex } from "@data/hash";
import type { NewPhoto } from "@data/items";
import { MAX_BYTES, MAX_PIXELS, MAX_STORED_SIDE, MIN_SIDE, ORIGINAL_QUALITY, THUMB_QUALITY, THUMB_SIDE } from "./limits";
import { Refusal, sniff, type Sniffed } from "./sniff";
import { stripJpegMetadata } from "./strip";

/** A photo ready to store (metadata-free original + thumbnail), plus what the import needs. */
export interface ProcessedPhoto extends NewPhoto {
  /** Things the user should know, e.g. "downscaled from 8000×6250". */
  notes: string[];
  /** Optional small bitmap for on-device analysis (vision issue); transferred, not copied. */
  analysis: ImageBitmap | null;
  /** Where the worker's time went, in ms (bench and diagnostics; not stored). */
  timings: PhotoTimings;
}

export interface PhotoTimings {
  read: number;
  sniff: number;
  decode: number;
  thumbnail: number;
  /** The stored original: a re-encode, or the lossless metadata strip (fast path). */
  encode: number;
  analysis: number;
  hash: number;
}

export type ProcessResult = { ok: true; photo: ProcessedPhoto } | { ok: false; message: string };

export interface ProcessOptions {
  /** Also return a bitmap of this longer side for analysis (classifier, colours). */
  analysisSide?: number;
}

const HEIC_MESSAGE = "HEIC photos can't be read by this browser — export the photo as JPEG and try again.";

export function fit(w: number, h: number, side: number): { w: number; h: number } {
  const s = Math.min(1, side / Math.max(w, h));
  return { w: Math.max(1, Math.round(w * s)), h: Math.max(1, Math.round(h * s)) };
}

/**
 * Refuses, before any decoder runs, an image too large to decode safely, too small to
 * show a garment, or whose header does not say its size (every valid JPEG, PNG, GIF,
 * WebP, AVIF/HEIF and BMP does: one that does not could decode to any size).
 */
export function checkHeader(info: Sniffed) {
  const { width: w, height: h } = info;
  if (w === null || h === null)
    throw new Refusal(
      "The image does not say its size in its header, so it cannot be checked before opening. Save the photo again as JPEG or PNG and try again.",
    );
  if (w === 0 || h === 0) throw new Refusal("The image has no pixels (0 × 0).");
  if (w * h > MAX_PIXELS)
    throw new Refusal(`The image is too large to import (${w} × ${h} pixels, ${Math.round((w * h) / 1e6)} MP). Use a photo under ${MAX_PIXELS / 1e6} MP.`);
  if (Math.max(w, h) < MIN_SIDE || Math.min(w, h) < 16)
    throw new Refusal(`The image is too small (${w} × ${h} pixels) to show a garment. Use a photo at least ${MIN_SIDE} pixels wide.`);
}

/**
 * Decodes once, downscaling in the decoder when the photo is bigger than we store,
 * so a 50 MP image never becomes a 200 MB canvas. EXIF orientation is applied by
 * the decoder ("from-image"); afterwards the pixels are upright and metadata-free.
 */
export async function decode(blob: Blob, info: Sniffed): Promise<ImageBitmap> {
  const base: ImageBitmapOptions = { imageOrientation: "from-image", premultiplyAlpha: "default", colorSpaceConversion: "default" };
  const { width: w, height: h } = info;
  if (w !== null && h !== null && Math.max(w, h) > MAX_STORED_SIDE) {
    // Resize options apply to the oriented image: swap for EXIF rotations (5–8).
    const swap = info.orientation >= 5;
    const t = fit(swap ? h : w, swap ? w : h, MAX_STORED_SIDE);
    return createImageBitmap(blob, { ...base, resizeWidth: t.w, resizeHeight: t.h, resizeQuality: "high" });
  }
  return createImageBitmap(blob, base);
}

async function encode(source: CanvasImageSource, w: number, h: number, type: string, quality: number): Promise<{ blob: Blob; canvas: OffscreenCanvas }> {
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("No 2D canvas in this browser.");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  if (type === "image/jpeg") {
    // JPEG has no transparency: put transparent areas on white, not black.
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, w, h);
  }
  ctx.drawImage(source, 0, 0, w, h);
  return { blob: await canvas.convertToBlob({ type, quality }), canvas };
}

/** A JPEG whose pixels need no change (upright, RGB or grey, not above MAX_STORED_SIDE). */
export function keepsPixels(info: Sniffed): info is Sniffed & { width: number; height: number } {
  const { width: w, height: h, components: c } = info;
  return info.kind === "jpeg" && info.orientation === 1 && (c === 1 || c === 3) && w !== null && h !== null && Math.max(w, h) <= MAX_STORED_SIDE;
}

/**
 * Decodes a JPEG at the smallest n/8 scale whose longer side still covers `side`:
 * libjpeg scales inside the DCT, so a 12 MP photo decodes to 500 × 375 in a fraction
 * of a full decode (WebCodecs ImageDecoder exposes this; createImageBitmap's resize
 * options decode at full size first).
 */
export async function decodeScaled(bytes: Uint8Array<ArrayBuffer>, w: number, h: number, side: number): Promise<VideoFrame | ImageBitmap> {
  // Browsers without WebCodecs' ImageDecoder: a full decode (still no re-encode).
  if (typeof ImageDecoder !== "function") return createImageBitmap(new Blob([bytes], { type: "image/jpeg" }));
  const n = Math.min(8, Math.ceil((8 * side) / Math.max(w, h)));
  // +1: the decoder rounds the requested area down to a scale; never let it pick n − 1.
  const decoder = new ImageDecoder({ data: bytes, type: "image/jpeg", desiredWidth: Math.ceil((w * n) / 8) + 1, desiredHeight: Math.ceil((h * n) / 8) + 1 });
  try {
    const { image } = await decoder.decode();
    if (Math.max(image.displayWidth, image.displayHeight) < Math.min(side, Math.max(w, h))) {
      image.close();
      throw new Error("the decoder scaled below the thumbnail size");
    }
    return image;
  } finally {
    decoder.close();
  }
}

/**
 * The common case, a phone's JPEG (see keepsPixels), without the two costly steps
 * of the general path (full 12 MP decode, ~0.2 s, and JPEG re-encode, ~0.5 s here):
 * the stored original is the photo's own bytes minus metadata (strip.ts, lossless),
 * and one (reduced-scale) decode feeds both the thumbnail and the analysis bitmap.
 * Null means "use the general path" (which also words any error for the user).
 */
async function keepJpeg(
  bytes: Uint8Array,
  info: Sniffed & { width: number; height: number },
  options: ProcessOptions,
  lap: (stage: keyof PhotoTimings) => void,
): Promise<Omit<ProcessedPhoto, "timings"> | null> {
  const stripped = stripJpegMetadata(bytes);
  if (!stripped) return null;
  lap("encode");
  const { width, height } = info;
  let analysis: ImageBitmap | null = null;
  try {
    const frame = await decodeScaled(stripped, width, height, Math.max(THUMB_SIDE, options.analysisSide ?? 0));
    let thumbnail: Blob;
    try {
      lap("decode");
      const t = fit(width, height, THUMB_SIDE);
      thumbnail = (await encode(frame, t.w, t.h, "image/webp", THUMB_QUALITY)).blob;
      lap("thumbnail");
      if (options.analysisSide) {
        const a = fit(width, height, options.analysisSide);
        analysis = await createImageBitmap(frame, { resizeWidth: a.w, resizeHeight: a.h, resizeQuality: "high" });
      }
      lap("analysis");
    } finally {
      frame.close();
    }
    const sha256 = await sha256Hex(stripped);
    lap("hash");
    const original = new Blob([stripped], { type: "image/jpeg" });
    return { original, thumbnail, width, height, mimeType: "image/jpeg", sha256, notes: [], analysis };
  } catch {
    analysis?.close();
    return null;
  }
}

function hasTransparency(canvas: OffscreenCanvas): boolean {
  const ctx = canvas.getContext("2d");
  if (!ctx) return false;
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 255) < 255) return true;
  return false;
}

export async function processPhoto(file: Blob, options: ProcessOptions = {}): Promise<ProcessResult> {
  let bitmap: ImageBitmap | null = null;
  const timings: PhotoTimings = { read: 0, sniff: 0, decode: 0, thumbnail: 0, encode: 0, analysis: 0, hash: 0 };
  let t0 = performance.now();
  const lap = (stage: keyof PhotoTimings) => {
    const t = performance.now();
    timings[stage] = t - t0;
    t0 = t;
  };
  try {
    if (file.size > MAX_BYTES) throw new Refusal(`The file is too big (${Math.round(file.size / 1048576)} MB). Use a photo under ${MAX_BYTES / 1048576} MB.`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    lap("read");
    const info = sniff(bytes);
    checkHeader(info);
    lap("sniff");
    const kept = keepsPixels(info) ? await keepJpeg(bytes, info, options, lap) : null;
    if (kept) return { ok: true, photo: { ...kept, timings } };
    const blob = new Blob([bytes], { type: info.mime });
    try {
      bitmap = await decode(blob, info);
      lap("decode");
    } catch {
      if (info.kind === "heif") throw new Refusal(HEIC_MESSAGE);
      throw new Refusal("The photo could not be decoded; the file may be damaged.");
    }
    const notes: string[] = [];
    const { width, height } = bitmap;
    // The decoder's own answer too: a header could understate the size.
    if (width * height > MAX_PIXELS)
      throw new Refusal(`The image is too large to import (${width} × ${height} pixels). Use a photo under ${MAX_PIXELS / 1e6} MP.`);
    if (Math.max(width, height) < MIN_SIDE) throw new Refusal(`The image is too small (${width} × ${height} pixels) to show a garment.`);
    if (info.width !== null && info.height !== null && Math.max(info.width, info.height) > MAX_STORED_SIDE)
      notes.push(`Downscaled from ${info.width} × ${info.height} to ${width} × ${height} pixels.`);
    if (info.frames > 1) notes.push("Animated image: the first frame was kept.");
    if (info.components === 4) notes.push("CMYK colours were converted to RGB.");

    // The thumbnail doubles as the transparency probe: cheap to scan, and it
    // decides whether the original must keep an alpha channel (WebP) or not (JPEG).
    const t = fit(width, height, THUMB_SIDE);
    const thumb = await encode(bitmap, t.w, t.h, "image/webp", THUMB_QUALITY);
    const mayHaveAlpha = info.kind !== "jpeg";
    const mimeType = mayHaveAlpha && hasTransparency(thumb.canvas) ? "image/webp" : "image/jpeg";
    lap("thumbnail");
    const original = await encode(bitmap, width, height, mimeType, ORIGINAL_QUALITY);
    lap("encode");

    let analysis: ImageBitmap | null = null;
    if (options.analysisSide) {
      const a = fit(width, height, options.analysisSide);
      analysis = await createImageBitmap(bitmap, { resizeWidth: a.w, resizeHeight: a.h, resizeQuality: "high" });
    }
    lap("analysis");
    const sha256 = await sha256Hex(await original.blob.arrayBuffer());
    lap("hash");
    return { ok: true, photo: { original: original.blob, thumbnail: thumb.blob, width, height, mimeType, sha256, notes, analysis, timings } };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message };
    const what = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `The photo could not be processed (${what}).` };
  } finally {
    bitmap?.close();
  }
}
