import { useDeferredValue, useMemo } from "react";
import { wardrobeStats } from "@domain/outfits";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { SLOT_LABELS } from "./builder";
import { amount, percent, plural } from "./format";
import { PieceThumb } from "./PieceThumb";

const NEVER_WORN_SHOWN = 12;
const categoryName = (c: string) => (c === "uncategorised" ? "No category yet" : (SLOT_LABELS[c as keyof typeof SLOT_LABELS] ?? c));

/** Wear counts, cost per wear, never-worn items, the colour palette and category balance. */
export function StatsView({ items }: { items: Item[] | undefined }) {
  const deferred = useDeferredValue(items);
  const stats = useMemo(() => (deferred ? wardrobeStats(deferred, 10) : null), [deferred]);
  if (!stats) {
    return (
      <p className="loading" role="status">
        Loading your wardrobe…
      </p>
    );
  }
  if (stats.itemCount === 0) {
    return (
      <div className="empty-state">
        <p className="empty-title">No statistics yet</p>
        <p>Add clothes in the Wardrobe tab and log what you wear: wear counts, cost per wear and your colour palette appear here.</p>
      </div>
    );
  }
  const maxCategory = Math.max(1, ...stats.categories.map((c) => c.count));
  return (
    <div className="stats">
      <section className="stats-card" aria-labelledby="stats-summary">
        <h3 id="stats-summary">Summary</h3>
        <dl className="stats-summary">
          <div>
            <dt>Items</dt>
            <dd>{stats.itemCount}</dd>
          </div>
          <div>
            <dt>Item wears</dt>
            <dd data-testid="total-wears">{stats.totalWears}</dd>
          </div>
          <div>
            <dt>Wardrobe value</dt>
            <dd>{stats.totalValue === 0 ? "—" : amount(stats.totalValue)}</dd>
          </div>
          <div>
            <dt>Average cost per wear</dt>
            <dd>{stats.averageCostPerWear === null ? "—" : amount(stats.averageCostPerWear)}</dd>
          </div>
        </dl>
      </section>

      <section className="stats-card" aria-labelledby="stats-worn">
        <h3 id="stats-worn">Most worn</h3>
        {stats.mostWorn.length === 0 ? (
          <p className="muted">Nothing logged as worn yet. “Wear today” on a suggestion counts here.</p>
        ) : (
          <ol className="stats-list" aria-label="Most worn items">
            {stats.mostWorn.map((w) => (
              <li key={w.item.id} data-item-id={w.item.id}>
                <PieceThumb item={w.item} size="s" captioned />
                <span className="stats-name">{displayName(w.item)}</span>
                <span className="stats-figure" data-testid="wear-count">
                  {plural(w.wearCount, "wear")}
                </span>
                <span className="stats-figure muted">{w.costPerWear === null ? "no price" : `${amount(w.costPerWear)} per wear`}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="stats-card" aria-labelledby="stats-never">
        <h3 id="stats-never">Never worn ({stats.neverWorn.length})</h3>
        {stats.neverWorn.length === 0 ? (
          <p className="muted">Everything has been worn at least once.</p>
        ) : (
          <ul className="never-worn" aria-label="Never worn items">
            {stats.neverWorn.slice(0, NEVER_WORN_SHOWN).map((i) => (
              <li key={i.id} data-item-id={i.id}>
                <PieceThumb item={i} size="s" captioned />
                <span>{displayName(i)}</span>
              </li>
            ))}
            {stats.neverWorn.length > NEVER_WORN_SHOWN && <li className="muted">and {stats.neverWorn.length - NEVER_WORN_SHOWN} more</li>}
          </ul>
        )}
      </section>

      <section className="stats-card" aria-labelledby="stats-palette">
        <h3 id="stats-palette">Colour palette</h3>
        {stats.palette.length === 0 ? (
          <p className="muted">No colours recorded yet.</p>
        ) : (
          <>
            <div className="palette-bar" aria-hidden="true">
              {stats.palette.map((p) => (
                <span key={p.name} style={{ background: p.hex, flexGrow: p.share }} />
              ))}
            </div>
            <ul className="palette" aria-label="Colours in your wardrobe">
              {stats.palette.map((p) => (
                <li key={p.name} data-colour={p.name}>
                  <span className="palette-swatch" style={{ background: p.hex }} aria-hidden="true" />
                  <span className="palette-name">{p.name}</span>
                  <span className="muted">
                    {percent(p.share)} · {plural(p.items, "item")}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="stats-card" aria-labelledby="stats-categories">
        <h3 id="stats-categories">Category balance</h3>
        <ul className="category-balance" aria-label="Items per category">
          {stats.categories.map((c) => (
            <li key={c.category} data-category={c.category}>
              <span className="category-name">{categoryName(c.category)}</span>
              <span className="category-bar" aria-hidden="true">
                <span style={{ width: `${(c.count / maxCategory) * 100}%` }} />
              </span>
              <span className="category-count">
                {c.count} <span className="muted">({percent(c.share)})</span>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
