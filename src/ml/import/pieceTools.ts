import { cutOutPiece, type ProcessedPhoto } from "../image-client";
import { detectPieces } from "../vision-client";
import type { PieceTools } from "./pieces";

/**
 * The app's own detector and cut-out (the vision and image workers), used by the import
 * unless it is given others. With no detector in the build `detect` resolves null and no
 * worker is started: every photo is one item, as before detection.
 */
export function devicePieceTools(analysisSide: number | undefined): Required<Pick<PieceTools, "detect" | "cutOut">> {
  return {
    detect: (photo, signal) => detectPieces({ analysis: photo.analysis, original: photo.original, width: photo.width, height: photo.height }, { signal }),
    async cutOut(photo, piece, signal): Promise<ProcessedPhoto> {
      const started = performance.now();
      const cut = await cutOutPiece(photo.original, piece, { width: photo.width, height: photo.height }, signal);
      const { image: _same, ...stored } = cut;
      // The steps analyse the cut-out at the side they asked for, as they do a whole photo (transparent around the garment).
      const s = analysisSide ? Math.min(1, analysisSide / Math.max(cut.width, cut.height)) : 0;
      const analysis = s
        ? await createImageBitmap(cut.original, {
            resizeWidth: Math.max(1, Math.round(cut.width * s)),
            resizeHeight: Math.max(1, Math.round(cut.height * s)),
            resizeQuality: "high",
          })
        : null;
      const timings = { read: 0, sniff: 0, decode: 0, thumbnail: 0, encode: performance.now() - started, analysis: 0, hash: 0 };
      return { ...stored, notes: [], analysis, timings };
    },
  };
}
