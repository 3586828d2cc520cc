import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { DetectedPiece, Detection } from "@domain/detection/types";
import { CancelledError } from "@domain/errors";
import { PieceReview, type ReviewedPiece } from "./PieceReview";

/** The user's answer: these pieces as items, or the photo as one item (as before detection); "Stop the import" rejects as cancelled. */
export type PieceReviewOutcome = { kind: "pieces"; pieces: ReviewedPiece[] } | { kind: "whole" };

/** A photo as the import holds it (ProcessedPhoto has these), or just its bytes. */
export type ReviewPhoto = Blob | { original: Blob };

export type ReviewPieces = (photo: ReviewPhoto, detection: Detection, signal?: AbortSignal) => Promise<PieceReviewOutcome>;

interface Open {
  /** An object URL of the photo, revoked when the review closes. */
  photo: string;
  detection: Detection;
  resolve: (o: PieceReviewOutcome) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  key: number;
}

/**
 * The review as the import's `reviewPieces` option (src/ml/import/pieces.ts): resolves with
 * the kept pieces, or null for "Import as one item" (the import then takes today's one-photo
 * path: one item, the photo stored once, no cut-out); "Stop the import" rejects with a
 * CancelledError.
 */
export function importReviewer(review: ReviewPieces) {
  return async (photo: ReviewPhoto, detection: Detection): Promise<DetectedPiece[] | null> => {
    const out = await review(photo, detection);
    return out.kind === "pieces" ? out.pieces : null;
  };
}

/**
 * The import's `reviewPieces` option, backed by the PieceReview dialog: `review(photo,
 * detection)` opens the review and resolves with the user's choice; `element` must be
 * rendered somewhere on the screen that runs the import. One review at a time (the import
 * goes photo by photo); the import's AbortSignal closes an open review (rejects as cancelled).
 */
export function usePieceReview(): { review: ReviewPieces; element: ReactNode } {
  const [open, setOpen] = useState<Open | null>(null);
  // Leaving the screen mid-review must not leave the import waiting for ever: the photo is kept as one item.
  const current = useRef<Open | null>(null);
  useEffect(() => {
    current.current = open;
  }, [open]);
  useEffect(
    () => () => {
      const o = current.current;
      if (!o) return;
      URL.revokeObjectURL(o.photo);
      o.resolve({ kind: "whole" });
    },
    [],
  );
  const review = useCallback<ReviewPieces>(
    (photo, detection, signal) =>
      new Promise<PieceReviewOutcome>((resolve, reject) => {
        if (signal?.aborted) return reject(new CancelledError("The import was cancelled."));
        setOpen({ photo: URL.createObjectURL(photo instanceof Blob ? photo : photo.original), detection, resolve, reject, signal, key: Date.now() });
      }),
    [],
  );

  useEffect(() => {
    const signal = open?.signal;
    if (!open || !signal) return;
    const stop = () => {
      setOpen(null);
      URL.revokeObjectURL(open.photo);
      open.reject(new CancelledError("The import was cancelled."));
    };
    signal.addEventListener("abort", stop);
    return () => signal.removeEventListener("abort", stop);
  }, [open]);

  const settle = (o: PieceReviewOutcome) => {
    setOpen(null);
    if (open) URL.revokeObjectURL(open.photo);
    open?.resolve(o);
  };
  const element = open ? (
    <PieceReview
      key={open.key}
      photo={open.photo}
      detection={open.detection}
      onDone={(pieces) => settle({ kind: "pieces", pieces })}
      onCancel={() => settle({ kind: "whole" })}
      onStop={() => {
        setOpen(null);
        URL.revokeObjectURL(open.photo);
        open.reject(new CancelledError("The import was cancelled."));
      }}
    />
  ) : null;
  return { review, element };
}
