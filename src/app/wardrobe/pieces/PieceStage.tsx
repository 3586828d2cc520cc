import { useEffect, useRef, useState, type PointerEvent, type RefObject } from "react";
import type { Box, PieceMask } from "@domain/detection/types";
import { bigEnough, placement, span, type Frame } from "./geometry";
import { adjusted, type ReviewPiece } from "./reviewState";
import { PieceBox } from "./PieceBox";

interface Props {
  src: string | null;
  frame: Frame;
  pieces: ReviewPiece[];
  onBox: (id: number, box: Box, done: boolean, how: "moved" | "resized") => void;
  onToggle: (id: number) => void;
  onDrop: (id: number) => void;
  onDraw: (box: Box) => void;
  hintId: string;
  boxRefs: RefObject<Map<number, HTMLDivElement>>;
}

/** The detector's mask as a light tint over its piece (drawn once per mask, scaled by CSS). */
function MaskTint({ mask, box, frame }: { mask: PieceMask; box: Box; frame: Frame }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    const img = ctx.createImageData(mask.width, mask.height);
    for (let i = 0; i < mask.alpha.length; i++) {
      // White at 30 %: the garment shows lighter, its colour still recognisable.
      img.data[i * 4] = 255;
      img.data[i * 4 + 1] = 255;
      img.data[i * 4 + 2] = 255;
      img.data[i * 4 + 3] = Math.round((mask.alpha[i] ?? 0) * 0.3);
    }
    ctx.putImageData(img, 0, 0);
  }, [mask]);
  return <canvas ref={canvas} className="piece-tint" width={mask.width} height={mask.height} style={placement(box, frame)} aria-hidden="true" />;
}

/**
 * The photo scaled to the screen with every piece's box drawn and numbered, and its mask
 * as a tint while the box is the detector's own. Dragging on the photo outside the boxes
 * draws a new piece.
 */
export function PieceStage({ src, frame, pieces, onBox, onToggle, onDrop, onDraw, hintId, boxRefs }: Props) {
  const stage = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<{ ax: number; ay: number; box: Box } | null>(null);
  const scale = () => frame.width / (stage.current?.getBoundingClientRect().width || frame.width);
  const at = (e: PointerEvent) => {
    const r = stage.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * frame.width, y: ((e.clientY - r.top) / r.height) * frame.height };
  };

  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = at(e);
    setDraft({ ax: p.x, ay: p.y, box: span(p.x, p.y, p.x, p.y, frame) });
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (!draft) return;
    const p = at(e);
    setDraft({ ...draft, box: span(draft.ax, draft.ay, p.x, p.y, frame) });
  };
  const up = () => {
    if (draft && bigEnough(draft.box, frame)) onDraw(draft.box);
    setDraft(null);
  };

  return (
    <div
      ref={stage}
      className="piece-stage"
      style={{ ["--ar" as string]: frame.width / frame.height }}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={() => setDraft(null)}
      data-testid="piece-stage"
    >
      {src && <img src={src} alt="" draggable={false} className="piece-photo" />}
      {pieces.map((p) => p.kept && p.source?.mask && !adjusted(p) && <MaskTint key={`t${p.id}`} mask={p.source.mask} box={p.source.box} frame={frame} />)}
      {pieces.map((p, i) => (
        <PieceBox
          key={p.id}
          piece={p}
          number={i + 1}
          total={pieces.length}
          frame={frame}
          scale={scale}
          onBox={(box, done, how) => onBox(p.id, box, done, how)}
          onToggle={() => onToggle(p.id)}
          onDrop={() => onDrop(p.id)}
          hintId={hintId}
          boxRef={(el) => {
            if (el) boxRefs.current.set(p.id, el);
            else boxRefs.current.delete(p.id);
          }}
        />
      ))}
      {draft && <div className="piece-draft" style={placement(draft.box, frame)} aria-hidden="true" />}
    </div>
  );
}
