import { useId } from "react";
import type { SavedOutfit } from "@data/outfits";
import { scoreOutfit, type LearnerState, type OutfitContext } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";
import { percent, plural } from "./format";
import { PieceThumb } from "./PieceThumb";

interface Props {
  saved: SavedOutfit[] | undefined;
  byId: ReadonlyMap<string, Item>;
  context: OutfitContext;
  learner: LearnerState | null;
  onOpen: (outfit: SavedOutfit, items: Item[]) => void;
  onDelete: (outfit: SavedOutfit) => void;
}

/** Outfits the user saved, with today's score; open one in the builder to change, wear or log it. */
export function SavedOutfits({ saved, byId, context, learner, onOpen, onDelete }: Props) {
  const titleId = useId();
  return (
    <section className="saved-outfits" aria-labelledby={titleId}>
      <h3 id={titleId}>Saved outfits</h3>
      {saved === undefined ? (
        <p className="loading">Loading…</p>
      ) : saved.length === 0 ? (
        <p className="muted">Nothing saved yet. Build an outfit above and save it to find it here.</p>
      ) : (
        <ul className="saved-list">
          {saved.map((o) => {
            const items = o.itemIds.map((id) => byId.get(id)).filter((i): i is Item => i !== undefined);
            const gone = o.itemIds.length - items.length;
            const score = items.length ? scoreOutfit(items, context, learner).score : null;
            return (
              <li key={o.id} className="saved-outfit" data-outfit-id={o.id}>
                <span className="saved-thumbs">
                  {items.slice(0, 4).map((i) => (
                    <PieceThumb key={i.id} item={i} size="s" />
                  ))}
                </span>
                <span className="saved-text">
                  <span className="saved-name">{o.name}</span>
                  <span className="muted">
                    {score !== null && `Today ${percent(score)}`}
                    {gone > 0 && ` · ${plural(gone, "piece")} no longer in your wardrobe`}
                  </span>
                </span>
                <span className="saved-actions">
                  <button type="button" className="button" aria-label={`Open ${o.name}`} disabled={items.length === 0} onClick={() => onOpen(o, items)}>
                    Open
                  </button>
                  <button type="button" className="button button-danger" aria-label={`Delete ${o.name}`} onClick={() => onDelete(o)}>
                    Delete
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
