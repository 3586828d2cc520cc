/**
 * How good an outfit is: pairwise compatibility (colour harmony, matching
 * formality, Siamese-embedding similarity) plus each item's fit to the day, plus
 * slot rules (a coat when it is cold…), plus rotation (what was worn lately rests:
 * rotation.ts), plus what the learner has picked up.
 *
 *   prior  = 0.6 · mean over pairs (pairPrior(a,b) − worn together lately) + 0.4 · mean over items itemPrior(i) + slot/colour adjustments
 *   logit  = PRIOR_SCALE · (prior − PRIOR_CENTRE) + squash(learned)   (see learner.ts)
 *   score  = σ(logit)
 *
 * The item term is the context half of pairwise compatibility folded out of the
 * pairs (mean over pairs of (fit(a)+fit(b))/2 equals the mean item fit), so it is
 * computed once per item rather than once per pair.
 */
import { distinctAccentHues, garmentHarmony, type Harmony } from "./harmony";
import type { Day } from "./day";
import { contextFit, necklineAdjustment, paletteAdjustment } from "./fit";
import { priorLogit, sigmoid, squashLearned, type CompiledLearner } from "./learner";
import type { PreparedItem } from "./prepare";
import type { OptionalSlot, SlotNeed } from "./slots";

export const PAIR_WEIGHTS = { harmony: 0.5, formality: 0.3, embedding: 0.2 } as const;
export const OUTFIT_WEIGHTS = { pairs: 0.6, items: 0.4 } as const;
/** Missing a slot the day calls for. */
export const MISSING_PENALTY: Record<SlotNeed, number> = { required: 0.15, preferred: 0.03, optional: 0, excluded: 0 };
/** Per accent hue beyond two. */
export const BUSY_PENALTY = 0.04;

export interface PairScore {
  /** 0–1. */
  value: number;
  harmony: Harmony;
}

/**
 * Pairwise compatibility of two items, independent of the day. The embedding term
 * is (1 + cosine)/2, and 0.5 (neutral) when either item has no embedding yet.
 */
export function pairPrior(a: PreparedItem, b: PreparedItem): PairScore {
  const harmony = garmentHarmony(a.colours, b.colours);
  const formality = 1 - Math.abs(a.formality - b.formality);
  let embedding = 0.5;
  const ea = a.embedding;
  const eb = b.embedding;
  if (ea && eb && ea.length === eb.length) {
    let dot = 0;
    for (let k = 0; k < ea.length; k++) dot += ea[k]! * eb[k]!;
    embedding = (1 + dot) / 2;
  }
  const value = PAIR_WEIGHTS.harmony * harmony.score + PAIR_WEIGHTS.formality * formality + PAIR_WEIGHTS.embedding * embedding;
  return { value, harmony };
}

/** One item's fit to the day (occasion, season, weather), the neckline and palette nudges and its rotation (rested, under-used, favourite). */
export function itemPrior(p: PreparedItem, day: Day): number {
  return contextFit(p, day) + necklineAdjustment(p, day.ctx) + paletteAdjustment(p, day.ctx) + day.rotation.item(p);
}

/** Penalty for optional slots the day calls for but the outfit lacks. */
export function missingSlotPenalty(ps: readonly PreparedItem[], needs: Record<OptionalSlot, SlotNeed>): number {
  let penalty = 0;
  for (const slot of ["outerwear", "bag"] as const) if (!ps.some((p) => p.slot === slot)) penalty += MISSING_PENALTY[needs[slot]];
  return penalty;
}

export function busyPenalty(ps: readonly PreparedItem[]): number {
  const accents = distinctAccentHues(ps.flatMap((p) => p.colours.map((c) => c.colour)));
  return Math.max(0, accents - 2) * BUSY_PENALTY;
}

export interface OutfitBreakdown {
  /** 0–1 prior score (before personalisation), as a probability the user likes it. */
  prior: number;
  /** The raw prior on its own scale (what the learner's update takes). */
  priorRaw: number;
  /** Learned logit (squashed) added to the prior's. */
  learned: number;
  /** 0–1 final score. */
  score: number;
  /** 0–1: the prior without rotation: how good a match the outfit is, however lately it was worn. */
  match: number;
  /** What rotation added to the raw prior (negative: resting pieces worn lately). */
  rotation: number;
  pairs: { a: PreparedItem; b: PreparedItem; pair: PairScore }[];
}

/** Score a complete (or partial) outfit of prepared items. */
export function scorePrepared(ps: readonly PreparedItem[], day: Day, learner: CompiledLearner | null): OutfitBreakdown {
  const pairs: OutfitBreakdown["pairs"] = [];
  let pairSum = 0;
  let pairRest = 0;
  let itemRotation = 0;
  let learnedPairs = 0;
  for (let i = 0; i < ps.length; i++)
    for (let j = i + 1; j < ps.length; j++) {
      const pair = pairPrior(ps[i]!, ps[j]!);
      pairs.push({ a: ps[i]!, b: ps[j]!, pair });
      const rest = day.rotation.pair(ps[i]!, ps[j]!);
      pairSum += pair.value - rest;
      pairRest += rest;
      if (learner) learnedPairs += learner.pair(ps[i]!, ps[j]!, pair.harmony.kind);
    }
  let itemSum = 0;
  let learnedItems = 0;
  for (const p of ps) {
    const rotation = day.rotation.item(p);
    itemSum += itemPrior(p, day);
    itemRotation += rotation;
    if (learner) learnedItems += learner.unary(p);
  }
  const n = Math.max(1, ps.length);
  const meanPairs = pairs.length ? pairSum / pairs.length : itemSum / n;
  const priorRaw = OUTFIT_WEIGHTS.pairs * meanPairs + OUTFIT_WEIGHTS.items * (itemSum / n) - missingSlotPenalty(ps, day.needs) - busyPenalty(ps);
  const learned = squashLearned((ps.length > 1 ? learnedPairs / (ps.length - 1) : 0) + learnedItems / n);
  const rotation = (pairs.length ? -OUTFIT_WEIGHTS.pairs * (pairRest / pairs.length) : 0) + OUTFIT_WEIGHTS.items * (itemRotation / n);
  return {
    prior: sigmoid(priorLogit(priorRaw)),
    priorRaw,
    learned,
    score: sigmoid(priorLogit(priorRaw) + learned),
    match: sigmoid(priorLogit(priorRaw - rotation)),
    rotation,
    pairs,
  };
}

/** The match (the prior without rotation) with what the learner knows of this user: how good an outfit is for them, however lately worn. */
export function personalMatch(b: Pick<OutfitBreakdown, "match" | "learned">): number {
  const m = Math.min(1 - 1e-12, Math.max(1e-12, b.match));
  return sigmoid(Math.log(m / (1 - m)) + b.learned);
}
