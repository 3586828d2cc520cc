/**
 * suggestOutfits: several distinct, complete outfits for the day, best first.
 *
 * Never enumerates combinations. Per slot, items are ranked by their fit to the
 * day plus their colour versatility against the other slots, and only the top K
 * go on; a beam search then fills slots one by one (core slots, then outerwear,
 * bag, accessory), keeping the B best partial outfits, no item in more than a
 * quarter of them. Distinct outfits are picked greedily from the finished beams
 * under an overlap cap (distinct.ts); if that leaves too few, the search runs again with
 * the chosen items and their look-alikes penalised. Cost: O(items + rounds · slots · B · K · slots).
 */
import type { Item } from "../wardrobe/types";
import { pickDistinct, type Candidate } from "./distinct";
import { explainOutfit } from "./explain";
import { matchesTags, passesHardFilters } from "./fit";
import { beamSearch, type BeamEntry, type BeamScorer } from "./beam";
import { compileLearner, outfitKey, PRIOR_SCALE, type CompiledLearner, type LearnerState } from "./learner";
import { COLOUR_CODES, prepareItem, type PreparedItem } from "./prepare";
import { itemPrior, MISSING_PENALTY, OUTFIT_WEIGHTS, pairPrior, scorePrepared } from "./score";
import { CORE_TEMPLATES, OPTIONAL_SLOTS, slotNeeds, weatherBand } from "./slots";
import type { OutfitContext, OutfitSuggestion, Slot, SuggestResult } from "./types";
import { versatility } from "./versatility";

export interface SuggestOptions {
  /** Outfits to return. */
  count?: number;
  /** Partial outfits kept at each step of the beam search. */
  beamWidth?: number;
  /** Candidates per slot after pruning. */
  perSlot?: number;
  /**
   * Highest overlap allowed between two suggestions (see distinct.ts). 0.45: two
   * 3-piece outfits may share a top or shoes but not both; 5-piece ones may share a
   * top and a bag but not a top and a bottom.
   */
  maxOverlap?: number;
  /** The user's learned preferences; none = the prior alone. */
  learner?: LearnerState | null;
}

const DEFAULTS: Required<Omit<SuggestOptions, "learner">> = { count: 5, beamWidth: 40, perSlot: 30, maxOverlap: 0.45 };
/** Logit taken off items already used by a chosen outfit, in the extra search rounds (applied through the item prior). */
const REUSE_PENALTY = 3;
const MAX_ROUNDS = 3;

export function suggestOutfits(items: readonly Item[], context: OutfitContext = {}, options: SuggestOptions = {}): SuggestResult {
  const o = { ...DEFAULTS, ...options };
  if (!(o.count >= 1)) return { outfits: [], notes: [] };
  const ctx = context;
  const now = ctx.now ?? Date.now();
  const band = weatherBand(ctx.temperatureC);
  const needs = slotNeeds(ctx);
  const learner = compileLearner(options.learner);
  const notes: string[] = [];

  // Prepare and filter once; group by slot.
  const prepared: PreparedItem[] = [];
  for (const item of items) {
    const p = prepareItem(item);
    if (p && passesHardFilters(p, ctx, now, band)) prepared.push(p);
  }
  const bySlot = new Map<Slot, number[]>();
  prepared.forEach((p, i) => {
    const list = bySlot.get(p.slot);
    if (list) list.push(i);
    else bySlot.set(p.slot, [i]);
  });
  const pool = candidatePools(prepared, bySlot, ctx, needs, notes);

  const unary = new Float64Array(prepared.length);
  const unaryLearned = new Float64Array(prepared.length);
  for (let i = 0; i < prepared.length; i++) {
    unary[i] = itemPrior(prepared[i]!, ctx, band);
    unaryLearned[i] = learner.unary(prepared[i]!);
  }
  const versatile = versatility(prepared, pool, learner);

  const templates = CORE_TEMPLATES.filter((t) => t.every((s) => (pool.get(s)?.length ?? 0) > 0));
  if (templates.length === 0) {
    notes.push(missingCoreNote(pool));
    return { outfits: [], notes };
  }

  const n = prepared.length;
  const local = new Int32Array(n).fill(-1);

  const chosen: Candidate[] = [];
  const seen = new Set<string>();
  const used = new Uint8Array(n);
  for (let round = 0; round < MAX_ROUNDS && chosen.length < o.count; round++) {
    // Items already in a chosen outfit are discouraged, so later rounds explore elsewhere.
    const itemPriorRound = unary.map((v, i) => v - (used[i] ? REUSE_PENALTY / (PRIOR_SCALE * OUTFIT_WEIGHTS.items) : 0));
    const rank = (i: number) => PRIOR_SCALE * OUTFIT_WEIGHTS.items * itemPriorRound[i]! + unaryLearned[i]! + versatile[i]!;
    const cands = new Map<Slot, number[]>();
    for (const [slot, list] of pool) cands.set(slot, topK(list, rank, o.perSlot));
    const optional = OPTIONAL_SLOTS.filter((s) => needs[s] !== "excluded" && (cands.get(s)?.length ?? 0) > 0);
    const scorer = pairCache(prepared, [...cands.values()].flat(), local, learner, itemPriorRound, unaryLearned);

    const finished: BeamEntry[] = [];
    for (const template of templates) {
      const steps = [
        ...template.map((slot) => ({ candidates: cands.get(slot)!, skipPenalty: null })),
        ...optional.map((slot) => ({ candidates: cands.get(slot)!, skipPenalty: MISSING_PENALTY[needs[slot]] })),
      ];
      finished.push(...beamSearch(steps, o.beamWidth, scorer));
    }

    // Exact scores (with the colour-busyness rule) for the finished outfits, then a distinct pick.
    const scored: Candidate[] = [];
    for (const f of finished) {
      const ps = f.items.map((i) => prepared[i]!);
      const key = outfitKey(ps.map((p) => p.item.id));
      if (seen.has(key) || learner.disliked.has(key)) continue;
      seen.add(key);
      scored.push({ key, items: ps, score: scorePrepared(ps, ctx, learner).score });
    }
    pickDistinct(scored, chosen, o.count, o.maxOverlap);
    if (chosen.length >= o.count || round + 1 >= MAX_ROUNDS) continue;
    // Look-alikes of chosen items count as used too: a twin of the chosen navy boots makes the same outfit to the eye.
    const usedLooks = new Set(chosen.flatMap((c) => c.items.map(lookCode)));
    for (let i = 0; i < n; i++) if (usedLooks.has(lookCode(prepared[i]!))) used[i] = 1;
  }
  chosen.sort((a, b) => b.score - a.score);
  if (chosen.length < o.count) notes.push(`Only ${chosen.length} distinct outfit${chosen.length === 1 ? "" : "s"} fit these filters.`);
  return { outfits: chosen.map((c) => suggestion(c.items, ctx, learner)), notes };
}

/** distinct.ts's lookOf as a number (the subtype decides the slot): no strings in the search loop. */
const lookCode = (p: PreparedItem): number => p.subtypeCode * COLOUR_CODES + p.colourCode;

/**
 * Items allowed per slot. Occasion/season tags are honoured, but a core or
 * required slot with no tagged match falls back to untagged-for-today items
 * (with a note) rather than giving the user nothing.
 */
function candidatePools(prepared: PreparedItem[], bySlot: Map<Slot, number[]>, ctx: OutfitContext, needs: ReturnType<typeof slotNeeds>, notes: string[]): Map<Slot, number[]> {
  const pool = new Map<Slot, number[]>();
  for (const [slot, list] of bySlot) {
    const strict = list.filter((i) => matchesTags(prepared[i]!, ctx));
    const essential = slot === "top" || slot === "bottom" || slot === "dress" || slot === "shoes" || (slot === "outerwear" && needs.outerwear === "required");
    if (strict.length > 0 || !essential) pool.set(slot, strict);
    else {
      pool.set(slot, list);
      const filter = [ctx.occasion, ctx.season].filter(Boolean).join(" / ");
      notes.push(`No ${slot === "shoes" ? "shoes" : slot} tagged for ${filter}: using the closest matches.`);
    }
  }
  return pool;
}

function missingCoreNote(pool: Map<Slot, number[]>): string {
  const has = (s: Slot) => (pool.get(s)?.length ?? 0) > 0;
  const missing: string[] = [];
  if (!has("shoes")) missing.push("shoes");
  if (!has("dress") && !(has("top") && has("bottom"))) missing.push(has("top") ? "a bottom (or a dress)" : has("bottom") ? "a top (or a dress)" : "tops and bottoms, or a dress");
  return `No complete outfit: ${missing.join(" and ")} missing after the filters. Add items or relax the filters.`;
}

/**
 * Pair terms of this round's candidates, each computed at most once, in a dense
 * matrix over the candidates (a few hundred items): no hashing, little garbage.
 */
function pairCache(prepared: readonly PreparedItem[], candidates: readonly number[], local: Int32Array, learner: CompiledLearner, itemPrior: Float64Array, itemLearned: Float64Array): BeamScorer {
  local.fill(-1);
  candidates.forEach((c, k) => (local[c] = k));
  const m = candidates.length;
  const pairValue = new Float64Array(m * m).fill(NaN);
  const pairLearned = new Float64Array(m * m);
  return {
    pairValue,
    pairLearned,
    itemPrior,
    itemLearned,
    itemCount: prepared.length,
    pairIndex(i, j) {
      const a = local[i]!;
      const b = local[j]!;
      const k = a < b ? a * m + b : b * m + a;
      if (Number.isNaN(pairValue[k])) {
        const s = pairPrior(prepared[i]!, prepared[j]!);
        pairValue[k] = s.value;
        pairLearned[k] = learner.pair(prepared[i]!, prepared[j]!, s.harmony.kind);
      }
      return k;
    },
  };
}

/** The k best of `list` by `rank`, best first; ties by position (deterministic). */
function topK(list: readonly number[], rank: (i: number) => number, k: number): number[] {
  if (list.length <= k) return [...list];
  const r = new Float64Array(list.length);
  for (let j = 0; j < list.length; j++) r[j] = rank(list[j]!);
  // A native numeric sort of a copy finds the k-th best value; only entries at or above it get the slower comparator sort.
  const threshold = r.slice().sort()[list.length - k]!;
  const keep: number[] = [];
  for (let j = 0; j < list.length; j++) if (r[j]! >= threshold) keep.push(j);
  keep.sort((a, b) => r[b]! - r[a]! || a - b);
  return keep.slice(0, k).map((j) => list[j]!);
}

function suggestion(ps: PreparedItem[], ctx: OutfitContext, learner: CompiledLearner): OutfitSuggestion {
  const b = scorePrepared(ps, ctx, learner);
  const { reasons, cautions } = explainOutfit(ps, ctx, b);
  return {
    key: outfitKey(ps.map((p) => p.item.id)),
    pieces: ps.map((p) => ({ slot: p.slot, item: p.item })),
    score: b.score,
    prior: b.prior,
    reasons,
    cautions,
  };
}
