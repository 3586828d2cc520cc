import type { Box } from "@domain/detection/types";
import type { Frame } from "./geometry";
import { adjusted, type ReviewPiece } from "./reviewState";

/** The piece's part of the photo, cropped by CSS (no canvas: it follows the box as it is dragged). */
function Crop({ src, box, frame }: { src: string | null; box: Box; frame: Frame }) {
  const wide = box.width >= box.height;
  return (
    <span className="piece-thumb" aria-hidden="true">
      <span className="piece-thumb-window" style={{ aspectRatio: `${box.width} / ${box.height}`, [wide ? "width" : "height"]: "100%" }}>
        {src && (
          <img
            src={src}
            alt=""
            draggable={false}
            style={{
              width: `${(frame.width / box.width) * 100}%`,
              height: `${(frame.height / box.height) * 100}%`,
              left: `${(-box.x / box.width) * 100}%`,
              top: `${(-box.y / box.height) * 100}%`,
            }}
          />
        )}
      </span>
    </span>
  );
}

interface Props {
  src: string | null;
  frame: Frame;
  pieces: ReviewPiece[];
  onToggle: (id: number) => void;
  onShow: (id: number) => void;
}

/** The pieces as a list: each one's crop, number and a Keep checkbox. */
export function PieceList({ src, frame, pieces, onToggle, onShow }: Props) {
  return (
    <ol className="piece-list" aria-label="Pieces">
      {pieces.map((p, i) => (
        <li key={p.id} className={p.kept ? "" : "piece-row-dropped"} data-piece={i + 1}>
          <button type="button" className="piece-show" onClick={() => onShow(p.id)} aria-label={`Show piece ${i + 1} on the photo`}>
            <Crop src={src} box={p.box} frame={frame} />
            <span className="piece-row-number">{i + 1}</span>
          </button>
          <span className="piece-row-text">
            <span>Piece {i + 1}</span>
            {(p.added || adjusted(p)) && <span className="muted piece-row-note">{p.added ? "added by you" : "adjusted"}</span>}
          </span>
          <label className="piece-keep">
            <input type="checkbox" checked={p.kept} onChange={() => onToggle(p.id)} aria-label={`Keep piece ${i + 1}`} />
            Keep
          </label>
        </li>
      ))}
    </ol>
  );
}
