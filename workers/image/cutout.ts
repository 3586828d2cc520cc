/**
 * Detected pieces' cut-outs (models/DETECTION.md, `cutOut`): each piece's box cut from
 * the full-resolution photo (EXIF orientation applied, re-encoded so no metadata
 * travels), transparent outside its mask, as WebP with alpha (PNG where the browser
 * cannot encode WebP), plus a grid thumbnail made by the same rules as a photo's.
 * The photo is decoded once for all the pieces of a photo (cutOutPieces).
 */
import type { Box, DetectedPiece, PieceMask } from "@domain/detection/types";
import { context, encodePiece, type CutOut } from "./encodePiece";
import { encoderHelper, type EncoderHelper } from "./encoderHelper";
import { MAX_BYTES, MAX_CUTOUT_SIDE } from "./limits";
import { checkHeader, decode, decodeScaled, fit, keepsPixels, type PhotoTimings } from "./process";
import { Refusal, sniff } from "./sniff";

export { MAX_CUTOUT_SIDE, type CutOut };

/** A cut-out with the small bitmap the import's analysis steps need (transferred, not copied). */
export interface AnalysedCutOut extends CutOut {
  analysis: ImageBitmap | null;
  /** Where the worker's time went for this piece, in ms (the photo's one decode is counted on the first piece). */
  timings: PhotoTimings;
}

/** One piece of cutOutPieces: its cut-out, or why it could not be made (in the user's words). */
export type PieceCutOut = { ok: true; cut: AnalysedCutOut } | { ok: false; message: string };

export interface CutOutOptions {
  /** Also make a bitmap of this longer side for analysis (from the masked pixels, not a re-decode). */
  analysisSide?: number;
  /** Longer side of the stored cut-out (default MAX_CUTOUT_SIDE; never enlarged). */
  maxSide?: number;
}

/** The crop, in the decoded photo's pixels, that holds `box` (a box given in a photo of `photoSize`). */
export function cropOf(box: Box, decoded: { width: number; height: number }, photoSize?: { width: number; height: number }) {
  const kx = photoSize ? decoded.width / photoSize.width : 1;
  const ky = photoSize ? decoded.height / photoSize.height : 1;
  const bx = box.x * kx;
  const by = box.y * ky;
  const x0 = Math.min(decoded.width - 1, Math.max(0, Math.floor(bx)));
  const y0 = Math.min(decoded.height - 1, Math.max(0, Math.floor(by)));
  const x1 = Math.max(x0 + 1, Math.min(decoded.width, Math.ceil(bx + box.width * kx)));
  const y1 = Math.max(y0 + 1, Math.min(decoded.height, Math.ceil(by + box.height * ky)));
  // Where the box (which the mask covers) lies inside the crop, in crop pixels.
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, box: { x: bx - x0, y: by - y0, width: box.width * kx, height: box.height * ky } };
}

/** A mask with no garment pixel at all would cut out nothing: the box is used instead. */
const usable = (mask: PieceMask | null): mask is PieceMask =>
  mask != null && mask.width > 0 && mask.height > 0 && mask.alpha.length === mask.width * mask.height && mask.alpha.some((a) => a > 0);

function maskCanvas(mask: PieceMask): OffscreenCanvas {
  const canvas = new OffscreenCanvas(mask.width, mask.height);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("No 2D canvas in this browser.");
  const img = ctx.createImageData(mask.width, mask.height);
  for (let i = 0; i < mask.alpha.length; i++) {
    img.data[i * 4 + 3] = mask.alpha[i]!;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** A stored photo decoded for crops: the pixels (maybe at a reduced scale) and the photo's own size. */
export interface DecodedPhoto {
  bitmap: ImageBitmap;
  /** The photo's size at full scale (what boxes given in stored-photo pixels refer to). */
  size: { width: number; height: number };
}

/**
 * A stored photo decoded for crops (size cap, sniffed type, header check), or a worded
 * Refusal. `scale(size)` says the smallest scale (≤ 1) at which every crop the caller will
 * make still has the pixels its output needs: a plain JPEG (the stored original of a
 * phone photo) is then decoded at the smallest n/8 scale at or above it (libjpeg scales
 * inside the DCT: a 12 MP photo whose pieces are all over 1024 px decodes at about half
 * the pixels and time); anything else is decoded whole.
 */
export async function decodeStored(photo: Blob, noun: "file" | "photo", scale?: (size: { width: number; height: number }) => number): Promise<DecodedPhoto> {
  if (photo.size > MAX_BYTES) throw new Refusal(`The ${noun} is too big (${Math.round(photo.size / 1048576)} MB).`);
  const bytes = new Uint8Array(await photo.arrayBuffer());
  const info = sniff(bytes);
  checkHeader(info);
  if (scale && keepsPixels(info)) {
    const size = { width: info.width, height: info.height };
    const s = scale(size);
    if (Number.isFinite(s) && s > 0 && s <= 7 / 8) {
      try {
        const frame = await decodeScaled(bytes, info.width, info.height, Math.ceil(Math.max(info.width, info.height) * s));
        try {
          return { bitmap: await createImageBitmap(frame), size };
        } finally {
          frame.close();
        }
      } catch {
        // A decoder that cannot scale: the whole photo, below.
      }
    }
  }
  try {
    const bitmap = await decode(new Blob([bytes], { type: info.mime }), info);
    return { bitmap, size: { width: bitmap.width, height: bitmap.height } };
  } catch {
    throw new Refusal("The photo could not be decoded; the file may be damaged.");
  }
}

/** The piece's pixels from the decoded photo, transparent outside its mask, at most `maxSide` on the longer side. */
function maskedPiece(bitmap: ImageBitmap, piece: DetectedPiece, maxSide: number, photoSize?: { width: number; height: number }): OffscreenCanvas {
  const { box } = piece;
  if (![box.x, box.y, box.width, box.height].every(Number.isFinite) || box.width <= 0 || box.height <= 0)
    throw new Refusal(`The piece's box is empty (${box.width} × ${box.height}).`);
  // A file above MAX_STORED_SIDE decodes at the stored size, the size detection saw: boxes fit as they are.
  const crop = cropOf(box, bitmap, photoSize);
  const out = fit(crop.width, crop.height, maxSide);
  const canvas = new OffscreenCanvas(out.w, out.h);
  const ctx = context(canvas);
  ctx.drawImage(bitmap, crop.x, crop.y, crop.width, crop.height, 0, 0, out.w, out.h);
  if (usable(piece.mask)) {
    // Keep the photo only where the mask is; scaling the mask softens its edge by a pixel or two.
    const k = out.w / crop.width;
    ctx.globalCompositeOperation = "destination-in";
    ctx.drawImage(maskCanvas(piece.mask), crop.box.x * k, crop.box.y * k, crop.box.width * k, crop.box.height * k);
    ctx.globalCompositeOperation = "source-over";
  }
  return canvas;
}

const worded = (e: unknown) => (e instanceof Error && e.message ? e.message : "Something went wrong.");

/** Encodes a masked piece in the helper thread; if the helper fails, here (the piece is masked again: its pixels went to the helper). */
async function encodeElsewhere(helper: EncoderHelper, canvas: OffscreenCanvas, again: () => OffscreenCanvas) {
  try {
    return await helper.encode(canvas.transferToImageBitmap());
  } catch {
    return encodePiece(again());
  }
}

/**
 * Cuts every piece out of `photo` from ONE decode: the stored original, or the file it
 * came from (decoded, like the import does, at the stored size the boxes refer to).
 * `photoSize` is the size the boxes refer to when it is neither (the boxes scale to the
 * decoded photo). The pieces are masked here and encoded here and, where the device has
 * a core to spare, in the encoder helper thread too (two at a time: the WebP encode is the
 * longest step). Each piece is handed to `onPiece` as soon as it and the ones before it
 * are encoded, in order, so the caller can analyse piece k while the next are encoded; a
 * piece that cannot be cut out is handed over as its worded failure and the others go on.
 * Rejects (a worded Refusal) only when the photo itself cannot be read. Resolves once
 * every piece's `onPiece` call has returned.
 */
export async function cutOutPieces(
  photo: Blob,
  pieces: readonly DetectedPiece[],
  photoSize: { width: number; height: number } | undefined,
  options: CutOutOptions,
  onPiece: (index: number, result: PieceCutOut) => unknown,
): Promise<void> {
  if (photo.size > MAX_BYTES) throw new Refusal(`The file is too big (${Math.round(photo.size / 1048576)} MB).`);
  const t0 = performance.now();
  const maxSide = options.maxSide ?? MAX_CUTOUT_SIDE;
  // Each cut-out needs its box's pixels up to maxSide on the longer side: decode no larger than that.
  const needed = (size: { width: number; height: number }) => {
    const k = photoSize ? size.width / photoSize.width : 1;
    return Math.max(...pieces.map(({ box }) => Math.min(1, maxSide / Math.max(box.width * k, box.height * k, 1))));
  };
  const decoded = await decodeStored(photo, "file", needed);
  const { bitmap } = decoded;
  // Boxes given in stored-photo pixels scale to a photo decoded smaller.
  const boxesIn = photoSize ?? decoded.size;
  const decodeMs = performance.now() - t0;
  const results: (PieceCutOut | undefined)[] = [];
  const handed: Promise<unknown>[] = [];
  let nextToHand = 0;
  const handReady = () => {
    for (let r = results[nextToHand]; r; r = results[++nextToHand]) {
      const k = nextToHand;
      handed.push(Promise.resolve(onPiece(k, r)).catch(() => {}));
    }
  };
  let nextPiece = 0;
  // One lane encodes here; with a helper, a second lane sends its pieces there. Lanes take the next piece when free.
  const lane = async (helper: EncoderHelper | null) => {
    for (let k = nextPiece++; k < pieces.length; k = nextPiece++) {
      const piece = pieces[k]!;
      const timings: PhotoTimings = { read: 0, sniff: 0, decode: k === 0 ? decodeMs : 0, thumbnail: 0, encode: 0, analysis: 0, hash: 0 };
      let analysis: ImageBitmap | null = null;
      try {
        const t = performance.now();
        const mask = () => maskedPiece(bitmap, piece, maxSide, boxesIn);
        const canvas = mask();
        if (options.analysisSide) {
          // Drawn small like the thumbnail, then handed over as a bitmap (no encode, no decode).
          const a = fit(canvas.width, canvas.height, options.analysisSide);
          const small = new OffscreenCanvas(a.w, a.h);
          context(small).drawImage(canvas, 0, 0, a.w, a.h);
          analysis = small.transferToImageBitmap();
        }
        timings.analysis = performance.now() - t;
        const encoded = helper ? await encodeElsewhere(helper, canvas, mask) : await encodePiece(canvas);
        Object.assign(timings, encoded.timings);
        results[k] = { ok: true, cut: { ...encoded.cut, analysis, timings } };
      } catch (e) {
        analysis?.close();
        results[k] = { ok: false, message: worded(e) };
      }
      handReady();
    }
  };
  try {
    const helper = pieces.length > 1 ? encoderHelper() : null;
    // The helper's lane starts first: its first piece is masked and sent before this thread starts encoding.
    await Promise.all(helper ? [lane(helper), lane(null)] : [lane(null)]);
  } finally {
    bitmap.close();
  }
  await Promise.all(handed);
}

/** One piece cut out of `photo` (see cutOutPieces), at most MAX_CUTOUT_SIDE; rejects with the worded reason when it cannot be. */
export async function cutOut(photo: Blob, piece: DetectedPiece, photoSize?: { width: number; height: number }): Promise<CutOut> {
  const results: PieceCutOut[] = [];
  await cutOutPieces(photo, [piece], photoSize, {}, (_k, r) => results.push(r));
  const result = results[0] ?? { ok: false, message: "The piece was not cut out." };
  if (!result.ok) throw new Refusal(result.message);
  const { analysis: _none, ...cut } = result.cut;
  return cut;
}
