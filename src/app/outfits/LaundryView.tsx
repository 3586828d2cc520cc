import { useId, useState } from "react";
import { userMessage } from "@data/errors";
import { markClean } from "@data/laundry";
import { laundryWords, type LaundryStatus } from "@domain/outfits";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { useToast } from "../components/toastContext";
import { LaundrySettings } from "./LaundrySettings";
import { PieceThumb } from "./PieceThumb";
import { useLaundry } from "./useLaundry";
import "./laundry.css";

/** Outfits → Laundry: what is in the wash, each marked clean in one tap, or all of it at once. */
export function LaundryView({ items }: { items: Item[] | undefined }) {
  const laundry = useLaundry();
  const toast = useToast();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  if (!laundry || !items) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  if (!laundry.rules.enabled) {
    return (
      <div className="laundry">
        <section className="laundry-card" aria-labelledby={titleId}>
          <h3 id={titleId}>Laundry</h3>
          <p>Curator can keep track of what is in the wash, so that it is not suggested until it is clean.</p>
          <LaundrySettings compact />
          <p className="muted settings-hint">How many wears each kind takes before the wash is in Settings → Outfits.</p>
        </section>
      </div>
    );
  }
  const inWash = items
    .map((item) => ({ item, status: laundry.status(item)! }))
    .filter((x): x is { item: Item; status: LaundryStatus } => x.status?.inWash === true)
    .sort((a, b) => (b.status.since ?? 0) - (a.status.since ?? 0) || displayName(a.item).localeCompare(displayName(b.item)));

  const clean = async (list: Item[]) => {
    setBusy(true);
    try {
      const n = await markClean(list.map((i) => i.id));
      toast.show({ message: n === 1 ? `“${displayName(list[0]!)}” is clean again.` : `${n} pieces are clean again.` });
    } catch (e) {
      toast.show({ message: userMessage(e), tone: "error", duration: 8000 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="laundry">
      <section className="laundry-card" aria-labelledby={titleId}>
        <div className="laundry-head">
          <h3 id={titleId}>In the wash ({inWash.length})</h3>
          {inWash.length > 1 && (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void clean(inWash.map((x) => x.item))}>
              Mark all clean
            </button>
          )}
        </div>
        {inWash.length === 0 ? (
          <p className="muted" data-testid="laundry-empty">
            Nothing in the wash: everything can be suggested.
          </p>
        ) : (
          <ul className="laundry-list" aria-label="Pieces in the wash">
            {inWash.map(({ item, status }) => (
              <li key={item.id} className="laundry-item" data-item-id={item.id}>
                <PieceThumb item={item} size="s" captioned />
                <span className="laundry-text">
                  <span className="laundry-name">{displayName(item)}</span>
                  <span className="muted">{laundryWords(status)}</span>
                </span>
                <button type="button" className="button" disabled={busy} aria-label={`Mark ${displayName(item)} clean`} onClick={() => void clean([item])}>
                  Mark clean
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="laundry-card" aria-label="Laundry settings">
        <LaundrySettings compact />
        <p className="muted settings-hint">How many wears each kind takes before the wash is in Settings → Outfits.</p>
      </section>
    </div>
  );
}
