import type { Detection } from "@domain/detection/types";
import type { PieceReviewOutcome, ReviewPieces } from "../usePieceReview";

/** A Detection as a test sends it through page.evaluate: mask alphas as plain arrays. */
type PlainDetection = Omit<Detection, "pieces"> & {
  pieces: { box: Detection["pieces"][number]["box"]; score: number; mask: { width: number; height: number; alpha: number[] } | null }[];
};

/** The outcome with each mask summed, so a test can tell the detector's mask from none without copying arrays. */
type PlainOutcome =
  | { kind: "whole" }
  | { kind: "pieces"; pieces: { box: Detection["pieces"][number]["box"]; score: number; added: boolean; adjusted: boolean; maskSum: number | null }[] };

/**
 * Test hook (loaded with ?curator-debug, in dev and test builds only, like src/data/debug.ts):
 * `curatorDebug.reviewPieces(photo, detection)` opens the real review screen in the running
 * app, as the import does, and resolves with what the user chose.
 */
export function install(review: ReviewPieces) {
  const w = window as unknown as { curatorDebug?: Record<string, unknown> };
  w.curatorDebug = {
    ...w.curatorDebug,
    async reviewPieces(photo: Blob, detection: PlainDetection): Promise<PlainOutcome> {
      const real: Detection = {
        ...detection,
        pieces: detection.pieces.map((p) => ({ ...p, mask: p.mask && { ...p.mask, alpha: Uint8Array.from(p.mask.alpha) } })),
      };
      const out: PieceReviewOutcome = await review(photo, real);
      if (out.kind === "whole") return out;
      return {
        kind: "pieces",
        pieces: out.pieces.map(({ box, score, added, adjusted, mask }) => ({
          box,
          score,
          added,
          adjusted,
          maskSum: mask && mask.alpha.reduce((a, b) => a + b, 0),
        })),
      };
    },
  };
}
