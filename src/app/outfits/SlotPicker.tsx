import { useId, useMemo } from "react";
import { suggestSwaps, type LearnerState, type OutfitContext, type Slot } from "@domain/outfits";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { SLOT_LABELS } from "./builder";
import { percent } from "./format";
import { PieceThumb } from "./PieceThumb";

interface Props {
  slot: Slot;
  options: readonly Item[];
  chosen: Item | undefined;
  /** The outfit as it stands (for the swaps' scores). */
  outfit: readonly Item[];
  wardrobe: readonly Item[];
  context: OutfitContext;
  learner: LearnerState | null;
  currentScore: number | null;
  swapsOpen: boolean;
  onToggleSwaps: () => void;
  onPick: (itemId: string | null) => void;
}

/** One slot of the builder: a labelled picker, the chosen piece's photo, and the best swaps on request. */
export function SlotPicker({ slot, options, chosen, outfit, wardrobe, context, learner, currentScore, swapsOpen, onToggleSwaps, onPick }: Props) {
  const uid = useId();
  const label = SLOT_LABELS[slot];
  // Only the open slot pays for its swaps: one scoring pass over that slot's items.
  const swaps = useMemo(
    () => (swapsOpen ? suggestSwaps(outfit, slot, wardrobe, context, learner, 4) : []),
    [swapsOpen, outfit, slot, wardrobe, context, learner],
  );
  return (
    <div className="slot-row" data-slot={slot}>
      <span className="slot-thumb">{chosen ? <PieceThumb item={chosen} size="s" captioned /> : <span className="slot-empty" aria-hidden="true" />}</span>
      <div className="field slot-field">
        <label htmlFor={`${uid}-pick`}>{label}</label>
        <select id={`${uid}-pick`} value={chosen?.id ?? ""} onChange={(e) => onPick(e.target.value || null)} disabled={options.length === 0}>
          <option value="">{options.length === 0 ? "None yet" : "None"}</option>
          {options.map((i) => (
            <option key={i.id} value={i.id}>
              {displayName(i)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button swap-button"
        aria-expanded={swapsOpen}
        aria-controls={`${uid}-swaps`}
        aria-label={`Swap ${label.toLowerCase()}`}
        disabled={options.length === 0}
        onClick={onToggleSwaps}
      >
        Swap
      </button>
      {swapsOpen && (
        <div className="swaps" id={`${uid}-swaps`}>
          {swaps.length === 0 ? (
            <p className="muted">No other {label.toLowerCase()} fits today’s filters.</p>
          ) : (
            <ul aria-label={`Best ${label.toLowerCase()} for this outfit`}>
              {swaps.map((s) => {
                const delta = currentScore === null ? null : Math.round((s.score - currentScore) * 100);
                return (
                  <li key={s.item.id}>
                    <button type="button" className="swap-option" data-item-id={s.item.id} onClick={() => onPick(s.item.id)}>
                      <PieceThumb item={s.item} size="s" captioned />
                      <span className="swap-name">{displayName(s.item)}</span>
                      <span className="swap-score">
                        {percent(s.score)}
                        {delta !== null && delta !== 0 && (
                          <span className={delta > 0 ? "up" : "down"}>
                            {" "}
                            ({delta > 0 ? "+" : "−"}
                            {Math.abs(delta)})
                          </span>
                        )}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
