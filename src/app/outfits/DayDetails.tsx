import { useId } from "react";
import type { WearLogEntry } from "@data/outfits";
import { slotOf } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";
import { dateOf } from "./calendar";
import { longDate } from "./format";
import { OutfitPieces } from "./OutfitCard";
import { useOutfitActions } from "./useOutfitActions";

interface Props {
  day: string;
  entries: readonly WearLogEntry[];
  loading: boolean;
  byId: ReadonlyMap<string, Item>;
  /** Saved outfits' names by id. */
  names: ReadonlyMap<string, string>;
}

/** The outfits worn on one day, each removable (a mistaken log). */
export function DayDetails({ day, entries, loading, byId, names }: Props) {
  const actions = useOutfitActions();
  const titleId = useId();
  return (
    <section className="day-details" aria-labelledby={titleId} data-testid="day-details">
      <h3 id={titleId}>{longDate(dateOf(day))}</h3>
      {loading ? (
        <p className="loading">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">Nothing logged on this day. Log an outfit from Today (“Wear today”) or from Build (“Log as worn”).</p>
      ) : (
        <ul className="day-entries">
          {entries.map((e, k) => {
            const items = e.itemIds.map((id) => byId.get(id)).filter((i): i is Item => i !== undefined);
            const gone = e.itemIds.length - items.length;
            const name = (e.outfitId && names.get(e.outfitId)) || `Outfit ${k + 1}`;
            return (
              <li key={e.id} className="day-entry" data-entry-id={e.id}>
                <p className="day-entry-name">{name}</p>
                <OutfitPieces pieces={items.map((item) => ({ item, slot: slotOf(item) ?? "accessory" }))} />
                {gone > 0 && <p className="muted">{gone === 1 ? "One piece is" : `${gone} pieces are`} no longer in your wardrobe.</p>}
                <button type="button" className="button button-danger" aria-label={`Remove ${name} from this day`} onClick={() => void actions.removeWear(e)}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
