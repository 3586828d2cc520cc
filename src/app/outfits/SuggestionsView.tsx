import { useDeferredValue, useMemo, useRef, useState } from "react";
import { localDate } from "@data/outfits";
import { suggestOutfits, type LearnerState, type OutfitContext, type SuggestResult } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";
import { describeContext } from "./filters";
import { FiltersForm } from "./FiltersForm";
import { wardrobeGap } from "./gaps";
import { WeatherPanel } from "./WeatherPanel";
import { OutfitCard, type Verdict } from "./OutfitCard";
import { useOutfitActions } from "./useOutfitActions";
import type { OutfitsData } from "./useOutfitsData";

const COUNT = 5;

/** What the suggestions were asked for: a snapshot, so feedback does not reshuffle the cards under the pointer. */
interface Request {
  key: string;
  /** The filters and settings part of the key: asking again for the same keeps the cards still worth showing. */
  contextKey: string;
  items: Item[];
  learner: LearnerState;
  context: OutfitContext;
  /** Outfits on screen when the user asked again (SuggestOptions.keep). */
  keep: readonly string[];
}

/** Suggestion time in the app, for the e2e report (performance entries "curator:outfits:suggest"). */
function timedSuggest(r: Request): SuggestResult {
  const t0 = performance.now();
  const result = suggestOutfits(r.items, r.context, { count: COUNT, learner: r.learner, keep: r.keep });
  performance.measure("curator:outfits:suggest", { start: t0, end: performance.now(), detail: { items: r.items.length } });
  return result;
}

/** Today: filters, then several distinct outfits to like, dislike or wear. */
export function SuggestionsView({ data, onEdit }: { data: OutfitsData; onEdit: (items: Item[]) => void }) {
  const { items, learner, filters, setFilters, context, fullContext, hemisphere, weather } = data;
  const [round, setRound] = useState(0);
  // What was on screen when the user asked again: a dislike replaces that card (and its close variants), not the others.
  const [shown, setShown] = useState<{ round: number; keys: readonly string[] }>({ round: 0, keys: [] });
  const [request, setRequest] = useState<Request | null>(null);
  const contextKey = JSON.stringify(context.context);
  const key = `${contextKey}#${round}`;
  // A new snapshot when the filters change or the user asks again (state adjusted during render, React's pattern for derived state).
  // What was worn and what is in the wash are read into it, but do not make one: wearing a card does not reshuffle the cards.
  if (items && learner && filters && fullContext && request?.key !== key) {
    const keep = request?.contextKey === contextKey && shown.round === round ? shown.keys : [];
    setRequest({ key, contextKey, items, learner: learner.state, context: fullContext, keep });
  }

  // Suggestions (~20 ms on a big wardrobe) run in a deferred render: typing in the filters never waits for them.
  const deferred = useDeferredValue(request, null);
  const result = useMemo(() => (deferred ? timedSuggest(deferred) : null), [deferred]);
  const pending = request !== deferred;
  const askAgain = () => {
    setShown({ round: round + 1, keys: result?.outfits.map((o) => o.key) ?? [] });
    setRound(round + 1);
  };

  if (!items || !learner || !filters) {
    return (
      <p className="loading" role="status">
        Loading your wardrobe…
      </p>
    );
  }
  const gap = wardrobeGap(items);
  return (
    <div className="suggestions">
      <WeatherPanel weather={weather} />
      <FiltersForm filters={filters} problems={context.problems} hemisphere={hemisphere} forecastInUse={weather.forecast !== null} onChange={setFilters} />
      {learner.problem && <p className="notice">{learner.problem} Suggestions start afresh; your next like or dislike is saved as new preferences.</p>}
      {gap ? (
        <div className="empty-state" data-testid="outfits-empty">
          <p className="empty-title">{gap.title}</p>
          <p>Curator combines your own clothes: once the Wardrobe tab has these, outfits appear here.</p>
          {gap.hint && <p>{gap.hint}</p>}
        </div>
      ) : (
        <>
          <div className="suggestions-head">
            <p className="result-count" aria-live="polite">
              {pending || !result
                ? "Finding outfits…"
                : `${result.outfits.length} ${result.outfits.length === 1 ? "outfit" : "outfits"} for ${describeContext(deferred?.context ?? {})}`}
            </p>
            <button type="button" className="button" onClick={askAgain}>
              Suggest again
            </button>
          </div>
          <div className={pending ? "stale" : undefined} aria-busy={pending}>
            {result && deferred && <SuggestionList key={deferred.key} result={result} context={deferred.context} onEdit={onEdit} onEmptied={askAgain} />}
          </div>
        </>
      )}
    </div>
  );
}

/** The cards of one request, with the user's verdicts on them (reset by the parent's key when asked again). */
function SuggestionList({
  result,
  context,
  onEdit,
  onEmptied,
}: {
  result: SuggestResult;
  context: OutfitContext;
  onEdit: (items: Item[]) => void;
  onEmptied: () => void;
}) {
  const actions = useOutfitActions();
  const [verdicts, setVerdicts] = useState<Record<string, Verdict[]>>({});
  const [hidden, setHidden] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const shown = result.outfits.filter((o) => !hidden.includes(o.key));
  const mark = (key: string, v: Verdict) => setVerdicts((m) => ({ ...m, [key]: [...(m[key] ?? []), v] }));

  const run = async (key: string, op: () => Promise<unknown>) => {
    setBusy(key);
    try {
      return await op();
    } finally {
      setBusy(null);
    }
  };
  const dislike = async (key: string, ids: string[], at: number) => {
    if (!(await run(key, () => actions.feedback(ids, "dislike", context)))) return;
    setHidden((h) => [...h, key]);
    if (shown.length === 1) return onEmptied();
    // Focus goes to the card that takes its place (or the one before it), never lost to the page.
    const cards = listRef.current?.querySelectorAll<HTMLElement>(".outfit-card");
    const next = cards?.[at + 1] ?? cards?.[at - 1];
    requestAnimationFrame(() => next?.focus());
  };

  return (
    <>
      {result.notes.length > 0 && (
        <ul className="outfit-notes">
          {result.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {shown.length === 0 && <p className="empty-filter">No outfit fits these filters. Try another occasion or season, or a shorter “not worn” period.</p>}
      <div className="outfit-list" ref={listRef} aria-label="Suggested outfits" role="list">
        {shown.map((o, i) => {
          const ids = o.pieces.map((p) => p.item.id);
          return (
            <div role="listitem" key={o.key}>
              <OutfitCard
                outfit={o}
                index={result.outfits.indexOf(o)}
                verdicts={verdicts[o.key] ?? []}
                busy={busy === o.key}
                onLike={() => void run(o.key, () => actions.feedback(ids, "like", context)).then((ok) => ok && mark(o.key, "liked"))}
                onDislike={() => void dislike(o.key, ids, i)}
                onWear={() => void run(o.key, () => actions.wear(ids, localDate(Date.now()), context)).then((ok) => ok && mark(o.key, "worn"))}
                onEdit={() => onEdit(o.pieces.map((p) => p.item))}
              />
            </div>
          );
        })}
      </div>
    </>
  );
}
