/**
 * suggestOutfits: several distinct, complete outfits for the day, best first.
 *
 * Never enumerates combinations. Per slot, items are ranked by their fit to the
 * day plus their colour versatility against the other slots, and only the top K
 * go on; a beam search then fills slots one by one (core slots, then outerwear,
 * bag, accessory), keeping the B best partial outfits, no item in more than a
 * quarter of them. Distinct outfits are picked greedily from the finished beams
 * under an overlap cap (distinct.ts); if that leaves too few, the search runs again with
 * the chosen items and their look-alikes penalised. Pieces that cannot go to the
 * occasion at all (occasion.ts) never enter, and outfits below MIN_MATCH are not
 * suggested: a short list with a note on what to add beats filler.
 * Cost: O(items + rounds · slots · B · K · slots).
 */
import type { Item } from "../wardrobe/types";
import { pickDistinct, type Candidate } from "./distinct";
import { explainOutfit } from "./explain";
import { dayOf, type Day } from "./day";
import { desiredWarmth, matchesTags, passesHardFilters } from "./fit";
import { occasionAdvice, suitsOccasion, warmthAdvice } from "./occasion";
import { beamSearch, type BeamEntry, type BeamScorer } from "./beam";
import { compileLearner, outfitKey, PRIOR_SCALE, type CompiledLearner, type LearnerState } from "./learner";
import { COLOUR_CODES, prepareItem, type PreparedItem } from "./prepare";
import { itemPrior, MISSING_PENALTY, OUTFIT_WEIGHTS, pairPrior, personalMatch, scorePrepared } from "./score";
import { CORE_TEMPLATES, OPTIONAL_SLOTS } from "./slots";
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
  /**
   * Outfits the user is looking at (keys), asked again after feedback: those still
   * allowed, good enough and not now held against by the learner (a close variant of
   * one just disliked) stay, and only the freed places are filled. A dislike replaces
   * that card and its variants, not the whole list.
   */
  keep?: readonly string[];
}

const DEFAULTS: Required<Omit<SuggestOptions, "learner" | "keep">> = { count: 5, beamWidth: 40, perSlot: 30, maxOverlap: 0.45 };
/** A kept outfit the learner now holds this much against (logit) is let go: it is a variant of something just disliked. */
const KEEP_LEARNED_FLOOR = -0.7;
/** Held against by the learner so much that it is no longer a good match for this user (a variant of a disliked outfit), not merely nudged. */
const heldAgainst = (b: { match: number; learned: number }) => b.learned <= KEEP_LEARNED_FLOOR && personalMatch(b) < MIN_MATCH;
/** Logit taken off items already used by a chosen outfit, in the extra search rounds (applied through the item prior). */
const REUSE_PENALTY = 3;
const MAX_ROUNDS = 3;

/**
 * Outfits below this match (the prior without rotation, 0–1) are not suggested: the
 * list gets shorter and a note says what would help, rather than filling it.
 */
export const MIN_MATCH = 0.4;

export function suggestOutfits(items: readonly Item[], context: OutfitContext = {}, options: SuggestOptions = {}): SuggestResult {
  const o = { ...DEFAULTS, ...options };
  if (!(o.count >= 1)) return { outfits: [], notes: [] };
  // One moment for the whole search, so the search and the exact scores rest worn pieces alike.
  const ctx = context.now === undefined ? { ...context, now: Date.now() } : context;
  const day = dayOf(ctx);
  const learner = compileLearner(options.learner);
  const notes: string[] = [];

  // Prepare and filter once; group by slot. Count what the wash and the occasion's floor left out, to explain.
  const prepared: PreparedItem[] = [];
  let washed = 0;
  const unsuitable = new Map<Slot, number>();
  for (const item of items) {
    const p = prepareItem(item);
    if (!p) continue;
    if (!passesHardFilters(p, day)) {
      if (day.inWash.has(item.id)) washed++;
      continue;
    }
    if (!suitsOccasion(p, ctx.occasion)) {
      unsuitable.set(p.slot, (unsuitable.get(p.slot) ?? 0) + 1);
      continue;
    }
    prepared.push(p);
  }
  if (washed > 0) notes.push(`${washed} ${washed === 1 ? "piece is" : "pieces are"} in the wash and left out.`);
  const bySlot = new Map<Slot, number[]>();
  prepared.forEach((p, i) => {
    const list = bySlot.get(p.slot);
    if (list) list.push(i);
    else bySlot.set(p.slot, [i]);
  });
  const pool = candidatePools(prepared, bySlot, ctx, day.needs, notes);

  const unary = new Float64Array(prepared.length);
  const unaryLearned = new Float64Array(prepared.length);
  for (let i = 0; i < prepared.length; i++) {
    unary[i] = itemPrior(prepared[i]!, day);
    unaryLearned[i] = learner.unary(prepared[i]!);
  }
  const versatile = versatility(prepared, pool, learner);

  const templates = CORE_TEMPLATES.filter((t) => t.every((s) => (pool.get(s)?.length ?? 0) > 0));
  if (templates.length === 0) {
    notes.push(missingCoreNote(pool, unsuitable, ctx));
    return { outfits: [], notes };
  }

  const n = prepared.length;
  const local = new Int32Array(n).fill(-1);

  const chosen: Candidate[] = [];
  const seen = new Set<string>();
  const used = new Uint8Array(n);
  let weak = 0;
  if (options.keep?.length) keepShown(options.keep, prepared, day, learner, o, chosen, seen);
  for (let round = 0; round < MAX_ROUNDS && chosen.length < o.count; round++) {
    // Items already in a chosen outfit are discouraged, so later rounds explore elsewhere.
    const itemPriorRound = unary.map((v, i) => v - (used[i] ? REUSE_PENALTY / (PRIOR_SCALE * OUTFIT_WEIGHTS.items) : 0));
    const rank = (i: number) => PRIOR_SCALE * OUTFIT_WEIGHTS.items * itemPriorRound[i]! + unaryLearned[i]! + versatile[i]!;
    const cands = new Map<Slot, number[]>();
    for (const [slot, list] of pool) cands.set(slot, topK(list, rank, o.perSlot));
    const optional = OPTIONAL_SLOTS.filter((s) => day.needs[s] !== "excluded" && (cands.get(s)?.length ?? 0) > 0);
    const scorer = pairCache(prepared, [...cands.values()].flat(), local, learner, day, itemPriorRound, unaryLearned);

    const finished: BeamEntry[] = [];
    for (const template of templates) {
      const steps = [
        ...template.map((slot) => ({ candidates: cands.get(slot)!, skipPenalty: null })),
        ...optional.map((slot) => ({ candidates: cands.get(slot)!, skipPenalty: MISSING_PENALTY[day.needs[slot]] })),
      ];
      finished.push(...beamSearch(steps, o.beamWidth, scorer));
    }

    // Exact scores (with the colour-busyness rule) for the finished outfits, then a distinct pick of those good enough.
    const scored: Candidate[] = [];
    for (const f of finished) {
      const ps = f.items.map((i) => prepared[i]!);
      const key = outfitKey(ps.map((p) => p.item.id));
      if (seen.has(key) || learner.disliked.has(key)) continue;
      seen.add(key);
      const b = scorePrepared(ps, day, learner);
      // A good match in general, and for this user (a close variant of what they disliked is not).
      if (b.match < MIN_MATCH || heldAgainst(b)) {
        weak++;
        continue;
      }
      scored.push({ key, items: ps, score: b.score });
    }
    pickDistinct(scored, chosen, o.count, o.maxOverlap);
    if (chosen.length >= o.count || round + 1 >= MAX_ROUNDS) continue;
    // Look-alikes of chosen items count as used too: a twin of the chosen navy boots makes the same outfit to the eye.
    const usedLooks = new Set(chosen.flatMap((c) => c.items.map(lookCode)));
    for (let i = 0; i < n; i++) if (usedLooks.has(lookCode(prepared[i]!))) used[i] = 1;
  }
  chosen.sort((a, b) => b.score - a.score);
  if (chosen.length < o.count) notes.push(fewerNote(chosen.length, pool, unsuitable, weak, prepared, day));
  return { outfits: chosen.map((c) => suggestion(c.items, day, learner)), notes };
}

/** The outfits to keep from `keys` (see SuggestOptions.keep), into `chosen`, best first. */
function keepShown(
  keys: readonly string[],
  prepared: readonly PreparedItem[],
  day: Day,
  learner: CompiledLearner,
  o: Required<Omit<SuggestOptions, "learner" | "keep">>,
  chosen: Candidate[],
  seen: Set<string>,
) {
  const byId = new Map(prepared.map((p) => [p.item.id, p] as const));
  const kept: Candidate[] = [];
  for (const key of keys) {
    if (seen.has(key) || learner.disliked.has(key)) continue;
    seen.add(key);
    const ps = key.split("+").map((id) => byId.get(id));
    // Every piece still allowed today (not in the wash, not filtered out by a changed setting).
    if (ps.some((p) => p === undefined)) continue;
    const items = ps as PreparedItem[];
    const b = scorePrepared(items, day, learner);
    if (b.match < MIN_MATCH || b.learned <= KEEP_LEARNED_FLOOR) continue;
    kept.push({ key, items, score: b.score });
  }
  pickDistinct(kept, chosen, o.count, o.maxOverlap);
}

/**
 * Why the list is short, and what would lengthen it: the essential slot with the
 * fewest usable pieces, in a stylist's words ("add a smarter shoe").
 */
function fewerNote(count: number, pool: Map<Slot, number[]>, unsuitable: Map<Slot, number>, weak: number, prepared: readonly PreparedItem[], day: Day): string {
  const ctx = day.ctx;
  const essentials: Slot[] = (["top", "bottom", "dress", "shoes"] as const).filter((s) => (pool.get(s)?.length ?? 0) > 0 || unsuitable.has(s));
  if (day.needs.outerwear === "required") essentials.push("outerwear");
  // Separates and dresses are alternatives: a short list of dresses is not the limit when separates abound.
  const separates = (pool.get("top")?.length ?? 0) > 0 && (pool.get("bottom")?.length ?? 0) > 0;
  const sizes = essentials.filter((s) => !(s === "dress" && separates)).map((s) => [s, pool.get(s)?.length ?? 0] as const);
  const fewest = Math.min(...sizes.map(([, n]) => n));
  // The scarcest slots (two at most, shoes first: the piece that most often decides an occasion).
  const limits = sizes
    .filter(([, n]) => n === fewest)
    .map(([s]) => s)
    .sort((a, b) => (a === "shoes" ? -1 : b === "shoes" ? 1 : 0))
    .slice(0, 2);
  const outfits = `${count} ${count === 1 ? "outfit" : "outfits"}`;
  if (limits.length === 0 || (fewest >= 3 && weak === 0)) return `Only ${outfits} distinct enough for these filters.`;
  const advice = limits.map((slot) => {
    if (ctx.occasion && (unsuitable.get(slot) ?? 0) > 0) return occasionAdvice(slot, ctx.occasion);
    if (day.felt !== null && day.band !== "mild") {
      const list = pool.get(slot) ?? [];
      const want = desiredWarmth(day.felt);
      const best = list.reduce((m, i) => Math.min(m, Math.abs(prepared[i]!.warmth - want)), Infinity);
      if (best > 0.35) return warmthAdvice(slot, day.band === "cold" || day.band === "cool");
    }
    return `another ${slot === "shoes" ? "pair of shoes" : slot}`;
  });
  const good = count === 0 ? "No outfit is a good match" : `Only ${outfits} ${count === 1 ? "is" : "are"} a good match`;
  const what = ctx.occasion ? ` for ${ctx.occasion}` : "";
  return `${good}${what}: add ${advice.join(" and ")} for more.`;
}

/** distinct.ts's lookOf as a number (the subtype decides the slot): no strings in the search loop. */
const lookCode = (p: PreparedItem): number => p.subtypeCode * COLOUR_CODES + p.colourCode;

/**
 * Items allowed per slot. Occasion/season tags are honoured, but a core or
 * required slot with no tagged match falls back to untagged-for-today items
 * (with a note) rather than giving the user nothing.
 */
function candidatePools(prepared: PreparedItem[], bySlot: Map<Slot, number[]>, ctx: OutfitContext, needs: Day["needs"], notes: string[]): Map<Slot, number[]> {
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

function missingCoreNote(pool: Map<Slot, number[]>, unsuitable: Map<Slot, number>, ctx: OutfitContext): string {
  const has = (s: Slot) => (pool.get(s)?.length ?? 0) > 0;
  // The occasion's floor took them: say what to add, not which filter to relax.
  if (ctx.occasion) {
    const advice: string[] = [];
    if (!has("shoes") && unsuitable.has("shoes")) advice.push(occasionAdvice("shoes", ctx.occasion));
    if (!has("dress") && !(has("top") && has("bottom"))) {
      if (!has("top") && unsuitable.has("top")) advice.push(occasionAdvice("top", ctx.occasion));
      if (!has("bottom") && unsuitable.has("bottom")) advice.push(occasionAdvice("bottom", ctx.occasion));
      if (advice.length === 0 && unsuitable.has("dress")) advice.push(occasionAdvice("dress", ctx.occasion));
    }
    if (advice.length > 0) return `Nothing in your wardrobe makes a ${ctx.occasion} outfit yet: add ${advice.join(" and ")}.`;
  }
  const missing: string[] = [];
  if (!has("shoes")) missing.push("shoes");
  if (!has("dress") && !(has("top") && has("bottom")))
    missing.push(has("top") ? "a bottom (or a dress)" : has("bottom") ? "a top (or a dress)" : "tops and bottoms, or a dress");
  return `No complete outfit: ${missing.join(" and ")} missing after the filters. Add items or relax the filters.`;
}

/**
 * Pair terms of this round's candidates, each computed at most once, in a dense
 * matrix over the candidates (a few hundred items): no hashing, little garbage.
 */
function pairCache(
  prepared: readonly PreparedItem[],
  candidates: readonly number[],
  local: Int32Array,
  learner: CompiledLearner,
  day: Day,
  itemPrior: Float64Array,
  itemLearned: Float64Array,
): BeamScorer {
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
        pairValue[k] = s.value - day.rotation.pair(prepared[i]!, prepared[j]!);
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

function suggestion(ps: PreparedItem[], day: Day, learner: CompiledLearner): OutfitSuggestion {
  const b = scorePrepared(ps, day, learner);
  const { reasons, cautions } = explainOutfit(ps, day, b, learner);
  return {
    key: outfitKey(ps.map((p) => p.item.id)),
    pieces: ps.map((p) => ({ slot: p.slot, item: p.item })),
    score: b.score,
    prior: b.prior,
    reasons,
    cautions,
  };
}
