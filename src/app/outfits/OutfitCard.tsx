import { useId } from "react";
import type { OutfitPiece } from "@domain/outfits";
import { displayName } from "@domain/wardrobe/item";
import { SLOT_LABELS } from "./builder";
import { percent } from "./format";
import { PieceThumb } from "./PieceThumb";
import { ShopOutfit } from "../shop/ShopOutfit";

export function OutfitPieces({ pieces }: { pieces: readonly OutfitPiece[] }) {
  return (
    <ul className="outfit-pieces">
      {pieces.map(({ slot, item }) => (
        <li key={item.id} className="outfit-piece" data-item-id={item.id} data-slot={slot}>
          <PieceThumb item={item} captioned />
          <span className="outfit-piece-name">{displayName(item)}</span>
          <span className="outfit-piece-slot">{SLOT_LABELS[slot]}</span>
        </li>
      ))}
    </ul>
  );
}

/** Why, in plain words, and what is not ideal. */
export function Reasons({ reasons, cautions }: { reasons: readonly string[]; cautions: readonly string[] }) {
  if (reasons.length === 0 && cautions.length === 0) return null;
  return (
    <ul className="outfit-reasons">
      {reasons.map((r) => (
        <li key={`r:${r}`} className="reason">
          <span aria-hidden="true">✓ </span>
          {capFirst(r)}
        </li>
      ))}
      {cautions.map((c) => (
        <li key={`c:${c}`} className="caution">
          <span aria-hidden="true">! </span>
          <span className="visually-hidden">Note: </span>
          {capFirst(c)}
        </li>
      ))}
    </ul>
  );
}

const capFirst = (s: string) => (/^[a-z]/.test(s) ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** The score as a bar and a number; the number is what a screen reader hears. */
export function ScoreBadge({ score, label = "Match" }: { score: number; label?: string }) {
  return (
    <span className="score-badge">
      <span className="score-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(score * 100)}%` }} />
      </span>
      <span className="score-text">
        {label} {percent(score)}
      </span>
    </span>
  );
}

export type Verdict = "liked" | "worn";

interface Props {
  outfit: { key: string; pieces: OutfitPiece[]; score: number; reasons: string[]; cautions: string[] };
  index: number;
  verdicts: readonly Verdict[];
  busy: boolean;
  onLike: () => void;
  onDislike: () => void;
  onWear: () => void;
  onEdit: () => void;
}

/** One suggestion: photos, score, reasons and what the user thinks of it. */
export function OutfitCard({ outfit, index, verdicts, busy, onLike, onDislike, onWear, onEdit }: Props) {
  const titleId = useId();
  const liked = verdicts.includes("liked");
  const worn = verdicts.includes("worn");
  const n = index + 1;
  return (
    <article className="outfit-card" aria-labelledby={titleId} data-outfit-key={outfit.key} tabIndex={-1}>
      <header className="outfit-card-head">
        <h3 id={titleId}>Outfit {n}</h3>
        <ScoreBadge score={outfit.score} />
      </header>
      <OutfitPieces pieces={outfit.pieces} />
      <Reasons reasons={outfit.reasons} cautions={outfit.cautions} />
      <div className="outfit-actions">
        <button type="button" className="button like-button" aria-pressed={liked} aria-label={`Like outfit ${n}`} disabled={busy || liked} onClick={onLike}>
          {liked && <span aria-hidden="true">♥ </span>}
          Like
        </button>
        <button type="button" className="button" aria-label={`Dislike outfit ${n}`} disabled={busy} onClick={onDislike}>
          Dislike
        </button>
        <button
          type="button"
          className="button button-primary"
          aria-label={`${worn ? "Worn today" : "Wear today"}: outfit ${n}`}
          disabled={busy || worn}
          onClick={onWear}
        >
          {worn ? "Worn today ✓" : "Wear today"}
        </button>
        <button type="button" className="button" aria-label={`Change outfit ${n} in the builder`} onClick={onEdit}>
          Change
        </button>
      </div>
      <ShopOutfit pieces={outfit.pieces} label={`outfit ${n}`} />
    </article>
  );
}
