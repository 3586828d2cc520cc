/**
 * The outfit builder's and the feedback buttons' entry points: score any set of
 * items the user picked, and learn from a verdict on an outfit.
 */
import type { Item } from "../wardrobe/types";
import { explainOutfit } from "./explain";
import { compileLearner, updateLearner, type Feedback, type LearnerOptions, type LearnerState } from "./learner";
import { prepareItem, type PreparedItem } from "./prepare";
import { scorePrepared } from "./score";
import { dayOf } from "./day";
import { canSuggest } from "./fit";
import { outfitProblems, slotOf, type OutfitProblem } from "./slots";
import type { OutfitContext, Slot } from "./types";

export interface OutfitEvaluation {
  /** 0–1, prior and learned preferences together. */
  score: number;
  /** 0–1, before personalisation. */
  prior: number;
  /** True when the slots make a complete outfit and no weather rule is broken. */
  valid: boolean;
  problems: OutfitProblem[];
  reasons: string[];
  cautions: string[];
}

const preparedOf = (items: readonly Item[]) => items.map(prepareItem).filter((p): p is PreparedItem => p !== null);
/** One moment for a whole evaluation. */
const frozen = (ctx: OutfitContext): OutfitContext => (ctx.now === undefined ? { ...ctx, now: Date.now() } : ctx);

/** Score a hand-built outfit (any items; the problems say what makes it incomplete). */
export function scoreOutfit(items: readonly Item[], context: OutfitContext = {}, learner?: LearnerState | null): OutfitEvaluation {
  const ps = preparedOf(items);
  const problems = outfitProblems(items, context);
  const day = dayOf(frozen(context));
  const compiled = compileLearner(learner);
  const b = scorePrepared(ps, day, compiled);
  const { reasons, cautions } = explainOutfit(ps, day, b, compiled);
  return { score: b.score, prior: b.prior, valid: problems.length === 0, problems, reasons, cautions };
}

/**
 * Learn from the user's verdict on an outfit (like, dislike, wear today), in the
 * context it was suggested for. Returns the new learner state to persist. The
 * verdict is about the outfit, not about when it was last worn: it is learned
 * against the prior without rotation.
 */
export function learnFromFeedback(
  state: LearnerState,
  items: readonly Item[],
  feedback: Feedback,
  context: OutfitContext = {},
  options?: LearnerOptions,
): LearnerState {
  const ps = preparedOf(items);
  const { priorRaw, rotation } = scorePrepared(ps, dayOf(frozen(context)), null);
  return updateLearner(state, ps, feedback, priorRaw - rotation, options);
}

export interface Swap {
  item: Item;
  /** The outfit's score with this item in the slot. */
  score: number;
}

/**
 * The builder's "swap": the best items for one slot of a hand-built outfit, by
 * the score the whole outfit would get with each (the item now in that slot is
 * replaced). Honours the day's hard filters (gender, recently worn, in the wash,
 * weather) and the occasion's floor (no trainers offered for a formal outfit).
 * One pass over the slot's items: fine for thousands of them.
 */
export function suggestSwaps(
  outfit: readonly Item[],
  slot: Slot,
  wardrobe: readonly Item[],
  context: OutfitContext = {},
  learner?: LearnerState | null,
  limit = 10,
): Swap[] {
  const rest = preparedOf(outfit.filter((i) => slotOf(i) !== slot));
  const compiled = compileLearner(learner);
  const day = dayOf(frozen(context));
  const inOutfit = new Set(outfit.map((i) => i.id));
  const swaps: Swap[] = [];
  for (const item of wardrobe) {
    const p = prepareItem(item);
    if (!p || p.slot !== slot || inOutfit.has(item.id) || !canSuggest(p, day)) continue;
    swaps.push({ item, score: scorePrepared([...rest, p], day, compiled).score });
  }
  return swaps.sort((a, b) => b.score - a.score || a.item.id.localeCompare(b.item.id)).slice(0, limit);
}
