/// <reference lib="webworker" />
import { expose, releaseProxy, transfer } from "comlink";
import { processPhoto, type ProcessOptions, type ProcessResult } from "./image/process";
import { cutOut, cutOutPieces, type CutOut, type CutOutOptions, type PieceCutOut } from "./image/cutout";
import { cropThumbnails } from "./image/crop";
import type { SourceBox } from "@domain/wardrobe/types";
import type { DetectedPiece } from "@domain/detection/types";

/**
 * The photo-import worker: sniffing, decoding, re-encoding and hashing happen
 * here so a batch of 12 MP photos never freezes the page. Files arrive as Blob
 * handles (no copy); results return Blobs, and the optional analysis bitmap is
 * transferred.
 */
const api = {
  async processPhoto(file: Blob, options: ProcessOptions = {}): Promise<ProcessResult> {
    const result = await processPhoto(file, options);
    if (result.ok && result.photo.analysis) return transfer(result, [result.photo.analysis]);
    return result;
  },
  /** One detected piece cut out of the full-resolution photo (transparent outside its mask). */
  cutOut(photo: Blob, piece: DetectedPiece, photoSize?: { width: number; height: number }): Promise<CutOut> {
    return cutOut(photo, piece, photoSize);
  },
  /**
   * Several pieces of one photo from one decode, each handed to `onPiece` (a Comlink
   * proxy on the main thread) as soon as it is encoded, its analysis bitmap transferred.
   */
  cutOutPieces(
    photo: Blob,
    pieces: DetectedPiece[],
    photoSize: { width: number; height: number } | undefined,
    options: CutOutOptions,
    onPiece: (index: number, result: PieceCutOut) => unknown,
  ): Promise<void> {
    return cutOutPieces(photo, pieces, photoSize, options, (k, r) => onPiece(k, r.ok && r.cut.analysis ? transfer(r, [r.cut.analysis]) : r)).finally(() =>
      // Every piece has been answered: close the callback's channel (it would stay open on the page otherwise).
      (onPiece as unknown as { [releaseProxy]: () => void })[releaseProxy](),
    );
  },
  /** Thumbnails of a shared photo cropped around pieces' boxes (a piece shown as photographed). */
  cropThumbnails(photo: Blob, photoSize: { width: number; height: number }, boxes: (SourceBox | null)[]): Promise<Blob[]> {
    return cropThumbnails(photo, photoSize, boxes);
  },
};

export type ImageWorkerApi = typeof api;
expose(api);
