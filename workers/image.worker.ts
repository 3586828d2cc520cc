/// <reference lib="webworker" />
import { expose, transfer } from "comlink";
import { processPhoto, type ProcessOptions, type ProcessResult } from "./image/process";
import { cutOut, type CutOut } from "./image/cutout";
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
  /** Thumbnails of a shared photo cropped around pieces' boxes (a piece shown as photographed). */
  cropThumbnails(photo: Blob, photoSize: { width: number; height: number }, boxes: (SourceBox | null)[]): Promise<Blob[]> {
    return cropThumbnails(photo, photoSize, boxes);
  },
};

export type ImageWorkerApi = typeof api;
expose(api);
