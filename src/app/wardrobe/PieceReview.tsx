import { useEffect, useId, useReducer, useRef, useState, type KeyboardEvent } from "react";
import type { Box, Detection } from "@domain/detection/types";
import { addWords, foundWords, middleBox, shareWords } from "./pieces/geometry";
import { initialState, keptPieces, reviewReducer, type ReviewedPiece } from "./pieces/reviewState";
import { PieceStage } from "./pieces/PieceStage";
import { PieceList } from "./pieces/PieceList";
import "./pieces/pieces.css";

export type { ReviewedPiece } from "./pieces/reviewState";

interface Props {
  /**
   * The photo the detection ran on, as a URL (an object URL the caller made and revokes:
   * usePieceReview does both); the boxes are in `detection.photoWidth × photoHeight` pixels of it.
   */
  photo: string;
  detection: Detection;
  /** The kept pieces, in the order shown (see ReviewedPiece for what an adjusted or added one carries). */
  onDone: (pieces: ReviewedPiece[]) => void;
  /**
   * "Import as one item", Esc, or the dialog closed any other way: the photo becomes one item,
   * as it would have before detection. Dismissing never loses the photo the user chose to add
   * (the import's own Cancel stops the batch); an unwanted item is one Delete away, with Undo.
   */
  onCancel: () => void;
  /** "Stop the import" (shown when given): the modal review hides the import's own Cancel. */
  onStop?: () => void;
}

/**
 * "Found 4 pieces": the detector's boxes on the photo, for the user to keep, drop, move,
 * resize or add to before the kept pieces become items. A modal <dialog>: the browser keeps
 * the focus inside and gives it back to where it was when the review closes.
 */
export function PieceReview({ photo, detection, onDone, onCancel, onStop }: Props) {
  const [state, dispatch] = useReducer(reviewReducer, detection, initialState);
  const src = photo;
  const dialog = useRef<HTMLDialogElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const boxRefs = useRef(new Map<number, HTMLDivElement>());
  const settled = useRef(false);
  const [said, setSaid] = useState("");
  const titleId = useId();
  const hintId = useId();
  const announceTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const { frame, pieces } = state;
  const kept = pieces.filter((p) => p.kept).length;
  const number = (id: number) => pieces.findIndex((p) => p.id === id) + 1;
  // A new message replaces the last; arrow-key moves are said once the keys rest, not per step.
  const say = (text: string, later = false) => {
    clearTimeout(announceTimer.current);
    if (later) announceTimer.current = setTimeout(() => setSaid(text), 500);
    else setSaid(text);
  };
  const finish = (then: () => void) => {
    if (settled.current) return;
    settled.current = true;
    // Closed before React removes it, so the browser gives the focus back to where it was.
    if (dialog.current?.open) dialog.current.close();
    then();
  };
  // Chromium lets Tab leave a modal dialog for the browser's own controls; here it goes round.
  const wrapTab = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== "Tab") return;
    const all = [...e.currentTarget.querySelectorAll<HTMLElement>("button:not(:disabled), input:not(:disabled), [tabindex='0']")];
    const [first, last] = [all[0], all.at(-1)];
    if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    } else if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    }
  };

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!d.open) d.showModal();
    primary.current?.focus();
    return () => {
      clearTimeout(announceTimer.current);
      if (d.open) d.close();
    };
  }, []);

  const toggle = (id: number) => {
    const p = pieces.find((q) => q.id === id);
    if (!p) return;
    dispatch({ type: "toggle", id });
    const left = kept + (p.kept ? -1 : 1);
    say(`Piece ${number(id)} ${p.kept ? "dropped" : "kept"}. ${left} of ${pieces.length} kept.`);
  };
  const drop = (id: number) => {
    const p = pieces.find((q) => q.id === id);
    if (!p?.kept) return;
    dispatch({ type: "drop", id });
    say(`Piece ${number(id)} dropped. ${kept - 1} of ${pieces.length} kept.`);
  };
  const setBox = (id: number, box: Box, done: boolean, how: "moved" | "resized") => {
    dispatch({ type: "box", id, box });
    if (done) say(`Piece ${number(id)} ${how}, ${shareWords(box, frame)}.`, true);
  };
  const add = (box: Box, how: string) => {
    const id = state.nextId;
    dispatch({ type: "add", box });
    say(`Piece ${pieces.length + 1} added ${how}. Drag it or use the arrow keys to place it, Shift+arrows to size it.`);
    // Focus the new box once it is drawn, so the keys act on it at once.
    requestAnimationFrame(() => boxRefs.current.get(id)?.focus());
  };

  return (
    <dialog
      ref={dialog}
      className="dialog piece-review"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        finish(onCancel);
      }}
      onClose={() => finish(onCancel)}
      onKeyDown={wrapTab}
      data-testid="piece-review"
    >
      <header className="dialog-header piece-review-header">
        <h2 id={titleId}>{foundWords(detection.pieces.length)}</h2>
        <p className="piece-count" data-testid="piece-count">
          {kept} of {pieces.length} kept
        </p>
      </header>
      <div className="piece-review-body">
        <p className="piece-hint" id={hintId}>
          Keep the pieces you want as items. Drag a box to move it, or its corners to resize it; draw on the photo to add a piece. With the keyboard: arrow keys
          move a box, Shift+arrows resize it, Delete drops it.
        </p>
        <PieceStage
          src={src}
          frame={frame}
          pieces={pieces}
          onBox={setBox}
          onToggle={toggle}
          onDrop={drop}
          onDraw={(box) => add(box, "where you drew it")}
          hintId={hintId}
          boxRefs={boxRefs}
        />
        <div className="piece-side">
          <PieceList src={src} frame={frame} pieces={pieces} onToggle={toggle} onShow={(id) => boxRefs.current.get(id)?.focus()} />
          <button type="button" className="button piece-add" onClick={() => add(middleBox(frame), "in the middle of the photo")}>
            Add a piece
          </button>
        </div>
      </div>
      <footer className="piece-review-actions">
        {onStop && (
          <button type="button" className="button link-button piece-stop" onClick={() => finish(onStop)}>
            Stop the import
          </button>
        )}
        <button type="button" className="button" onClick={() => finish(onCancel)}>
          Import as one item
        </button>
        <button ref={primary} type="button" className="button button-primary" disabled={kept === 0} onClick={() => finish(() => onDone(keptPieces(state)))}>
          {kept === 0 ? "Keep a piece to add it" : addWords(kept)}
        </button>
      </footer>
      <p className="visually-hidden" aria-live="polite" data-testid="piece-said">
        {said}
      </p>
    </dialog>
  );
}
