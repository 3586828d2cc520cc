import { useDeferredValue, useId, useMemo, useState } from "react";
import { listSavedOutfits } from "@data/outfits";
import { outfitKey, scoreOutfit, slotOf, type Slot } from "@domain/outfits";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { useLiveQuery } from "../components/useLiveQuery";
import { useToday } from "./useToday";
import { blockingProblems, BUILDER_SLOTS, defaultOutfitName, draftFromItems, draftItems, setSlot, type Draft } from "./builder";
import { describeContext } from "./filters";
import { Reasons, ScoreBadge } from "./OutfitCard";
import { SavedOutfits } from "./SavedOutfits";
import { SlotPicker } from "./SlotPicker";
import { useOutfitActions } from "./useOutfitActions";
import type { OutfitsData } from "./useOutfitsData";

/** Build an outfit by hand: a piece per slot, a live score with reasons, swaps; save it or log it as worn. */
export function BuilderView({ data, draft, onDraft }: { data: OutfitsData; draft: Draft; onDraft: (d: Draft) => void }) {
  const { items, byId, learner, context, fullContext } = data;
  // Scores and swaps know what was worn lately and what is in the wash (once read).
  const scoring = fullContext ?? context.context;
  const actions = useOutfitActions();
  const uid = useId();
  const saved = useLiveQuery(listSavedOutfits, []);
  const [openSwaps, setOpenSwaps] = useState<Slot | null>(null);
  const [name, setName] = useState("");
  const today = useToday();
  const [date, setDate] = useState(today);
  const [busy, setBusy] = useState(false);

  const bySlot = useMemo(() => {
    const m = new Map<Slot, Item[]>();
    for (const i of items ?? []) {
      const s = slotOf(i);
      if (s) m.set(s, [...(m.get(s) ?? []), i]);
    }
    for (const list of m.values()) list.sort((a, b) => displayName(a).localeCompare(displayName(b)));
    return m;
  }, [items]);
  const chosen = useMemo(() => draftItems(draft, byId), [draft, byId]);
  // The score follows the picks a frame later: choosing stays instant on a slow phone.
  const deferredChosen = useDeferredValue(chosen);
  const evaluation = useMemo(() => (deferredChosen.length ? scoreOutfit(deferredChosen, scoring, learner?.state) : null), [deferredChosen, scoring, learner]);
  const blocking = evaluation ? blockingProblems(evaluation.problems) : [];
  const complete = chosen.length > 0 && evaluation !== null && blocking.length === 0 && deferredChosen === chosen;
  const key = outfitKey(chosen.map((i) => i.id));
  const savedMatch = saved?.find((o) => outfitKey(o.itemIds) === key) ?? null;

  if (!items) {
    return (
      <p className="loading" role="status">
        Loading your wardrobe…
      </p>
    );
  }
  const pick = (slot: Slot, id: string | null) => {
    onDraft(setSlot(draft, slot, id));
    setOpenSwaps(null);
  };
  const ids = chosen.map((i) => i.id);
  const run = async (op: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await op();
    } finally {
      setBusy(false);
    }
  };
  const dateProblem = date && date > today ? "Pick today or an earlier day." : !date ? "Pick a day." : null;

  return (
    <div className="builder">
      <div className="builder-slots">
        <h3>Pieces</h3>
        {/* Phones stack the score below the slots: a copy stays in view while picking (the real one below is what assistive tech reads). */}
        {evaluation && (
          <div className="builder-sticky" aria-hidden="true">
            <ScoreBadge score={evaluation.score} />
            {blocking.length > 0 && <span className="builder-sticky-problem">{blocking[0]!.message}</span>}
          </div>
        )}
        <p className="muted">Scored for {describeContext(context.context)} (change this in Today).</p>
        {BUILDER_SLOTS.map((slot) => (
          <SlotPicker
            key={slot}
            slot={slot}
            options={bySlot.get(slot) ?? []}
            chosen={draft[slot] ? byId.get(draft[slot]) : undefined}
            outfit={chosen}
            wardrobe={items}
            context={scoring}
            learner={learner?.state ?? null}
            currentScore={evaluation?.score ?? null}
            swapsOpen={openSwaps === slot}
            onToggleSwaps={() => setOpenSwaps((s) => (s === slot ? null : slot))}
            onPick={(id) => pick(slot, id)}
          />
        ))}
        {chosen.length > 0 && (
          <button type="button" className="link-button" onClick={() => onDraft({})}>
            Clear all pieces
          </button>
        )}
      </div>
      <section className="builder-score" aria-labelledby={`${uid}-score`}>
        <h3 id={`${uid}-score`}>How it works together</h3>
        {!evaluation ? (
          <p className="muted">Pick a top and a bottom (or a dress) and shoes to see the score.</p>
        ) : (
          <>
            <p aria-live="polite" className="builder-score-line" data-testid="builder-score">
              <ScoreBadge score={evaluation.score} />
            </p>
            {blocking.length > 0 && (
              <ul className="outfit-problems">
                {blocking.map((p) => (
                  <li key={p.message}>{p.message}</li>
                ))}
              </ul>
            )}
            <Reasons
              reasons={evaluation.reasons}
              cautions={[...evaluation.problems.filter((p) => p.code === "weather").map((p) => p.message), ...evaluation.cautions]}
            />
          </>
        )}
        <form
          className="builder-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (complete && evaluation) void run(() => actions.save(ids, name.trim() || savedMatch?.name || defaultOutfitName(chosen), evaluation.score));
          }}
        >
          <div className="field">
            <label htmlFor={`${uid}-name`}>Outfit name</label>
            <input
              id={`${uid}-name`}
              value={name}
              maxLength={120}
              placeholder={savedMatch?.name ?? (chosen.length ? defaultOutfitName(chosen) : "e.g. Monday at the office")}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={!complete || busy}>
            {savedMatch ? "Save changes" : "Save outfit"}
          </button>
          {savedMatch && <p className="muted">Saved as “{savedMatch.name}”.</p>}
        </form>
        <form
          className="builder-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (complete && !dateProblem) void run(() => actions.wear(ids, date, context.context, savedMatch?.id ?? null));
          }}
        >
          <div className="field">
            <label htmlFor={`${uid}-date`}>Worn on</label>
            <input
              id={`${uid}-date`}
              type="date"
              value={date}
              max={today}
              aria-invalid={dateProblem ? true : undefined}
              aria-describedby={dateProblem ? `${uid}-date-error` : undefined}
              onChange={(e) => setDate(e.target.value)}
            />
            {dateProblem && (
              <span className="field-error" id={`${uid}-date-error`}>
                {dateProblem}
              </span>
            )}
          </div>
          <button type="submit" className="button" disabled={!complete || busy || dateProblem !== null}>
            Log as worn
          </button>
        </form>
      </section>
      <SavedOutfits
        saved={saved}
        byId={byId}
        context={scoring}
        learner={learner?.state ?? null}
        onOpen={(o, its) => {
          onDraft(draftFromItems(its));
          setName(o.name);
        }}
        onDelete={(o) => void actions.deleteSaved(o)}
      />
    </div>
  );
}
