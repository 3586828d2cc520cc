/**
 * The recognition decision for one photo: the classifier's calibrated distribution,
 * blended with what the user taught (personal.ts), then either a garment kind (confident
 * or to be confirmed) or "this doesn't look like clothing".
 *
 * A picture is taken for "not clothing" when the blended answer is the classifier's
 * "not clothing" class, or when its out-of-distribution score — the energy over the
 * garment classes, logsumexp of their logits — is below the threshold fitted on held-out
 * validation styles (the registry's calibration.energyThreshold), unless the user's own
 * examples vouch for it (they carry at least half of the answer). Pure.
 */
import type { Category } from "../wardrobe/types";
import { type KindProbability, type PersonalExample, type PersonalParams, PERSONAL_DEFAULTS, personalise } from "./personal";

export interface ClassLabel {
  index: number;
  category: Category | null;
  subtype: string | null;
  label: string;
  key?: string;
}

export interface Guess {
  category: Category;
  subtype: string;
  label: string;
  confidence: number;
  taught?: boolean;
}

export interface Recognised {
  /** The three best garment kinds, most probable first (never "not clothing"). */
  top: Guess[];
  /** The photo does not look like clothing: ask the user to keep it anyway or drop it. */
  notClothing: boolean;
  /** The best guess reaches the threshold and is not refused. */
  confident: boolean;
  /** Share of the answer that came from the user's examples. */
  personalWeight: number;
}

export function logSumExp(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v);
  if (!Number.isFinite(max)) return max;
  let s = 0;
  for (const v of values) s += Math.exp(v - max);
  return max + Math.log(s);
}

/** Energy over the garment classes (higher = more garment-like); the "not clothing" logit is left out. */
export function garmentEnergy(logits: ArrayLike<number>, notClothingIndex: number | null): number {
  const g: number[] = [];
  for (let i = 0; i < logits.length; i++) if (i !== notClothingIndex) g.push(logits[i]!);
  return logSumExp(g);
}

export function recognise(input: {
  probs: readonly number[];
  labels: readonly ClassLabel[];
  energy: number | null;
  energyThreshold: number | null;
  embedding: readonly number[] | null;
  examples: readonly PersonalExample[];
  threshold: number;
  params?: PersonalParams;
  labelOf?: (category: Category, subtype: string) => string;
}): Recognised {
  const model: KindProbability[] = input.labels.map((l) => ({ category: l.category, subtype: l.subtype, label: l.label, p: input.probs[l.index] ?? 0 }));
  const { ranked, personalWeight } = personalise(model, input.embedding, input.examples, input.params ?? PERSONAL_DEFAULTS, input.labelOf);
  const best = ranked[0];
  const outOfDistribution = input.energy !== null && input.energyThreshold !== null && input.energy < input.energyThreshold && personalWeight < 0.5;
  const notClothing = !best || best.category === null || outOfDistribution;
  const top: Guess[] = ranked
    .filter((k): k is KindProbability & { category: Category; subtype: string } => k.category !== null && k.subtype !== null)
    .slice(0, 3)
    .map((k) => ({ category: k.category, subtype: k.subtype, label: k.label, confidence: k.p, ...(k.taught ? { taught: true } : {}) }));
  return { top, notClothing, confident: !notClothing && (top[0]?.confidence ?? 0) >= input.threshold, personalWeight };
}
