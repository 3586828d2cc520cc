import { useRef, type KeyboardEvent, type PointerEvent, type Ref } from "react";
import type { Box } from "@domain/detection/types";
import { drag, nudge, placement, shareWords, type Arrow, type DragMode, type Frame } from "./geometry";
import type { ReviewPiece } from "./reviewState";

const CORNERS = ["nw", "ne", "sw", "se"] as const;
const ARROWS: readonly string[] = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"];

export function pieceLabel(piece: ReviewPiece, number: number, total: number, frame: Frame): string {
  return `Piece ${number} of ${total}, ${piece.kept ? "kept" : "dropped"}${piece.added ? ", added by you" : ""}, ${shareWords(piece.box, frame)}`;
}

interface Props {
  piece: ReviewPiece;
  number: number;
  total: number;
  frame: Frame;
  /** Photo pixels per CSS pixel of the picture as drawn now. */
  scale: () => number;
  /** A new box while dragging (`done` false) and once the pointer or key is let go (`done` true). */
  onBox: (box: Box, done: boolean, how: "moved" | "resized") => void;
  onToggle: () => void;
  onDrop: () => void;
  hintId: string;
  boxRef?: Ref<HTMLDivElement>;
}

/**
 * One piece's box over the photo: drag it to move it, drag a corner to resize it (pointer
 * events, so mouse, pen and touch alike); focused, arrow keys move it, Shift+arrows resize
 * it, Delete drops it, Enter or Space keeps or drops it.
 */
export function PieceBox({ piece, number, total, frame, scale, onBox, onToggle, onDrop, hintId, boxRef }: Props) {
  const grab = useRef<{ mode: DragMode; x: number; y: number; start: Box; k: number; moved: boolean } | null>(null);

  const down = (e: PointerEvent<HTMLElement>, mode: DragMode) => {
    if (e.button !== 0) return;
    e.stopPropagation(); // not a new box drawn on the photo
    e.preventDefault(); // no text selection or image drag; focus is moved by hand below
    e.currentTarget.setPointerCapture(e.pointerId);
    grab.current = { mode, x: e.clientX, y: e.clientY, start: piece.box, k: scale(), moved: false };
    (e.currentTarget.closest(".piece-box") as HTMLElement | null)?.focus({ preventScroll: true });
  };
  const move = (e: PointerEvent<HTMLElement>) => {
    const g = grab.current;
    if (!g) return;
    g.moved = true;
    onBox(drag(g.start, g.mode, (e.clientX - g.x) * g.k, (e.clientY - g.y) * g.k, frame), false, g.mode === "move" ? "moved" : "resized");
  };
  const up = (e: PointerEvent<HTMLElement>) => {
    const g = grab.current;
    grab.current = null;
    if (!g?.moved) return;
    onBox(drag(g.start, g.mode, (e.clientX - g.x) * g.k, (e.clientY - g.y) * g.k, frame), true, g.mode === "move" ? "moved" : "resized");
  };

  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    if (ARROWS.includes(e.key)) {
      e.preventDefault();
      onBox(nudge(piece.box, e.key as Arrow, e.shiftKey, frame), true, e.shiftKey ? "resized" : "moved");
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      onDrop();
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onToggle();
    }
  };

  return (
    <div
      ref={boxRef}
      className={`piece-box${piece.kept ? "" : " piece-dropped"}${piece.added ? " piece-added" : ""}`}
      style={placement(piece.box, frame)}
      role="button"
      tabIndex={0}
      aria-roledescription="movable box"
      aria-label={pieceLabel(piece, number, total, frame)}
      aria-describedby={hintId}
      data-piece={number}
      onKeyDown={key}
      onPointerDown={(e) => down(e, "move")}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
    >
      <span className="piece-number" aria-hidden="true">
        {number}
      </span>
      {piece.kept &&
        CORNERS.map((c) => (
          <span
            key={c}
            className={`piece-handle piece-handle-${c}`}
            data-handle={c}
            aria-hidden="true"
            onPointerDown={(e) => down(e, c)} // moves and the release bubble to the box's handlers
          />
        ))}
    </div>
  );
}
