import { useId, useMemo, useRef, useState } from "react";
import { userMessage } from "@data/errors";
import { loadLearner, resetLearner } from "@data/outfits";
import { describeLearner } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";
import { useToast } from "../components/toastContext";
import { useLiveQuery } from "../components/useLiveQuery";
import { useWardrobeItems } from "../wardrobe/useWardrobeItems";

/**
 * What the outfit learner knows, in words, and "Reset what Curator learned". It
 * lives on this device (and the user's own sync and backups), never anywhere else.
 */
export function LearnerPanel() {
  const learner = useLiveQuery(loadLearner, []);
  const { items } = useWardrobeItems();
  const toast = useToast();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const resetRef = useRef<HTMLButtonElement>(null);
  const byId = useMemo(() => new Map((items ?? []).map((i) => [i.id, i] as const)), [items]) as ReadonlyMap<string, Item>;
  const summary = useMemo(() => (learner ? describeLearner(learner.state, byId) : null), [learner, byId]);
  if (!summary) return <p className="loading">Loading…</p>;

  const reset = async () => {
    setBusy(true);
    try {
      await resetLearner();
      toast.show({ message: "Curator forgot what it learned: suggestions start again from its own judgement." });
      setConfirming(false);
      requestAnimationFrame(() => resetRef.current?.focus());
    } catch (e) {
      toast.show({ message: userMessage(e), tone: "error", duration: 8000 });
    } finally {
      setBusy(false);
    }
  };
  const empty = summary.feedbackCount === 0 && summary.disliked === 0;

  return (
    <div className="learner-panel" data-testid="learner-panel" aria-labelledby={`${id}-title`} role="group">
      <h4 id={`${id}-title`}>What Curator learned</h4>
      <p className="muted settings-hint">
        Your likes and dislikes teach the suggestions on this device (they travel only in your own backups and sync). A dislike sinks that outfit and close
        variants, and only a little what merely looks like it.
      </p>
      {empty ? (
        <p>Nothing yet: suggestions follow Curator’s own judgement until you like or dislike some.</p>
      ) : (
        <>
          <p>
            {summary.feedbackCount === 1 ? "1 like, dislike or wear" : `${summary.feedbackCount} likes, dislikes and wears`} so far
            {summary.disliked > 0 ? `; ${summary.disliked} disliked ${summary.disliked === 1 ? "outfit is" : "outfits are"} never suggested again` : ""}.
          </p>
          {summary.likes.length > 0 && (
            <>
              <p className="learned-title">You like</p>
              <ul className="learned-list" aria-label="What you like">
                {summary.likes.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </>
          )}
          {summary.dislikes.length > 0 && (
            <>
              <p className="learned-title">You dislike</p>
              <ul className="learned-list" aria-label="What you dislike">
                {summary.dislikes.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {confirming ? (
        <div className="learner-confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>Forget every like and dislike? Outfits you disliked may be suggested again.</p>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void reset()} autoFocus>
            {busy ? "Resetting…" : "Reset"}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setConfirming(false);
              requestAnimationFrame(() => resetRef.current?.focus());
            }}
          >
            Cancel
          </button>
        </div>
      ) : (
        <button ref={resetRef} type="button" className="button" disabled={empty} onClick={() => setConfirming(true)}>
          Reset what Curator learned
        </button>
      )}
    </div>
  );
}
