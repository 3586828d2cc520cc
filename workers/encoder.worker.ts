/// <reference lib="webworker" />
import { expose } from "comlink";
import { context, encodePiece } from "./image/encodePiece";

/**
 * The image worker's helper thread for pieces (issue 16): a piece's WebP encode is the
 * longest step of a multi-garment import, and one thread encodes one image at a time, so
 * the image worker hands every other masked piece here (workers/image/cutout.ts) and
 * encodes the rest itself. Receives the masked pixels as a transferred ImageBitmap.
 */
const api = {
  async encode(bitmap: ImageBitmap) {
    try {
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      context(canvas).drawImage(bitmap, 0, 0);
      return await encodePiece(canvas);
    } finally {
      bitmap.close();
    }
  },
};

export type EncoderApi = typeof api;
expose(api);
