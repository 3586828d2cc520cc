import { useEffect, useId, useRef, useState } from "react";
import { buildCapsule, capsuleOutfits, type CapsuleResult, type OutfitContext } from "@domain/outfits";
import { displayName } from "@domain/wardrobe/item";
import { OCCASIONS, SEASONS, type Item, type Occasion, type Season } from "@domain/wardrobe/types";
import { PieceThumb } from "./PieceThumb";
import type { OutfitsData } from "./useOutfitsData";
import "./trip.css";
import "./capsule.css";
import { OutfitNotes } from "./OutfitNotes";
import { CapsuleShop } from "./CapsuleShop";
import { FormError } from "../components/FormError";

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const MIN_SIZE = 4;
const MAX_SIZE = 30;
/** Outfits shown before "Show all". */
const FIRST_OUTFITS = 6;

interface Built {
  request: { size: number; occasion: Occasion | null; season: Season | null };
  /** What it was built for (the shop search scores products against the same day). */
  ctx: OutfitContext;
  result: CapsuleResult;
  outfits: Item[][];
}

/** Outfits → Capsule: K pieces that make the most good outfits for an occasion and season, and the one piece that would add the most. */
export function CapsuleView({ data }: { data: OutfitsData }) {
  const id = useId();
  const [size, setSize] = useState("12");
  const [occasion, setOccasion] = useState<Occasion | null>("casual");
  const [season, setSeason] = useState<Season | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [built, setBuilt] = useState<Built | null>(null);
  const [showAll, setShowAll] = useState(false);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  // Focus moves to the result once it is on screen, so a screen reader reads it (an effect
  // runs after the commit; a frame callback could run before React has rendered the result).
  useEffect(() => {
    if (built) resultRef.current?.focus();
  }, [built]);

  if (!data.items) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  const items = data.items;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const k = Number(size);
    if (size.trim() === "" || !Number.isInteger(k) || k < MIN_SIZE || k > MAX_SIZE) return setError(`A capsule is ${MIN_SIZE} to ${MAX_SIZE} pieces.`);
    setError(null);
    setBusy(true);
    const ctx: OutfitContext = {
      occasion,
      season,
      gender: data.filters?.gender || null,
      hemisphere: data.hemisphere,
      feel: data.fullContext?.feel ?? null,
      now: Date.now(),
    };
    // Let "Building…" paint first: a large wardrobe takes a moment on the main thread.
    timer.current = window.setTimeout(() => {
      const result = buildCapsule(items, ctx, { size: k });
      const outfits = result.outfits > 0 ? capsuleOutfits(result.items, ctx).map((o) => o.items) : [];
      setBuilt({ request: { size: k, occasion, season }, ctx, result, outfits });
      setShowAll(false);
      setBusy(false);
    }, 30);
  };

  const result = built?.result;
  const what = built ? [built.request.occasion, built.request.season].filter(Boolean).join(", ") || "any occasion or season" : "";
  const outfitsShown = built ? (showAll ? built.outfits : built.outfits.slice(0, FIRST_OUTFITS)) : [];

  return (
    <div className="capsule">
      <form className="laundry-card capsule-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
        <h3 id={`${id}-title`}>Build a capsule</h3>
        <p className="muted settings-hint">The few pieces from your wardrobe that mix into the most good outfits. Worked out on this device.</p>
        <div className="trip-fields">
          <div className="field capsule-field">
            <label htmlFor={`${id}-size`}>Pieces</label>
            <input
              id={`${id}-size`}
              type="number"
              inputMode="numeric"
              min={MIN_SIZE}
              max={MAX_SIZE}
              value={size}
              onChange={(e) => setSize(e.target.value)}
              aria-describedby={`${id}-size-hint`}
              required
            />
            <span id={`${id}-size-hint`} className="muted capsule-hint">
              {MIN_SIZE}–{MAX_SIZE}, often 10–15
            </span>
          </div>
          <div className="field capsule-field">
            <label htmlFor={`${id}-occasion`}>Occasion</label>
            <select id={`${id}-occasion`} value={occasion ?? ""} onChange={(e) => setOccasion((e.target.value || null) as Occasion | null)}>
              <option value="">Any</option>
              {OCCASIONS.map((o) => (
                <option key={o} value={o}>
                  {cap(o)}
                </option>
              ))}
            </select>
          </div>
          <div className="field capsule-field">
            <label htmlFor={`${id}-season`}>Season</label>
            <select id={`${id}-season`} value={season ?? ""} onChange={(e) => setSeason((e.target.value || null) as Season | null)}>
              <option value="">Today's season</option>
              {SEASONS.map((s) => (
                <option key={s} value={s}>
                  {cap(s)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <FormError error={error} />
        <div className="trip-actions">
          <button type="submit" className="button button-primary" disabled={busy} aria-describedby={`${id}-status`}>
            {built ? "Build again" : "Build the capsule"}
          </button>
        </div>
        <p id={`${id}-status`} className="muted" role="status" aria-live="polite">
          {busy ? "Building the capsule…" : ""}
        </p>
      </form>

      {built && result && (
        <section className="laundry-card capsule-result" aria-labelledby={`${id}-result`} aria-busy={busy}>
          <h3 id={`${id}-result`} ref={resultRef} tabIndex={-1} data-testid="capsule-summary">
            {result.items.length} {result.items.length === 1 ? "piece" : "pieces"} make {result.outfits} {result.outfits === 1 ? "outfit" : "outfits"}
          </h3>
          <p className="muted">For {what}.</p>
          <ul className="capsule-pieces" aria-label="Capsule pieces">
            {result.items.map((item) => (
              <li key={item.id} data-item-id={item.id}>
                <PieceThumb item={item} captioned />
                <span>{displayName(item)}</span>
              </li>
            ))}
          </ul>
          <OutfitNotes notes={result.notes} />
          <div className="capsule-addition" data-testid="capsule-addition">
            <h4>The one piece that would add the most</h4>
            {result.bestAddition ? (
              <p className="capsule-addition-piece" data-item-id={result.bestAddition.item.id}>
                <PieceThumb item={result.bestAddition.item} captioned />
                <span>
                  <strong>{displayName(result.bestAddition.item)}</strong> from your wardrobe: {result.bestAddition.adds} more{" "}
                  {result.bestAddition.adds === 1 ? "outfit" : "outfits"}
                </span>
              </p>
            ) : (
              <p className="muted">No other piece in your wardrobe would add an outfit to this capsule.</p>
            )}
            <CapsuleShop key={built.ctx.now} capsule={result.items} ctx={built.ctx} />
          </div>
          {built.outfits.length > 0 && (
            <>
              <h4 id={`${id}-outfits`}>The outfits it makes</h4>
              <ol className="capsule-outfits" aria-labelledby={`${id}-outfits`}>
                {outfitsShown.map((o) => (
                  <li key={o.map((i) => i.id).join("+")}>
                    <span className="capsule-outfit-thumbs">
                      {o.map((i) => (
                        <PieceThumb key={i.id} item={i} size="s" captioned />
                      ))}
                    </span>
                    <span className="capsule-outfit-names">
                      {o.map((i, k) => (
                        <span key={i.id}>
                          {k > 0 && " + "}
                          <span className="capsule-outfit-piece">{displayName(i)}</span>
                        </span>
                      ))}
                    </span>
                  </li>
                ))}
              </ol>
              {built.outfits.length > FIRST_OUTFITS && (
                <button type="button" className="button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
                  {showAll ? "Show fewer" : `Show all ${built.outfits.length}`}
                </button>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
