/**
 * Population Stability Index (PSI): how far a recent distribution has moved from a
 * reference one, Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ) over bins, with eᵢ the reference share and
 * aᵢ the recent share of bin i. The usual reading, used here:
 *
 *   PSI < 0.10          stable: no meaningful change
 *   0.10 ≤ PSI ≤ 0.25   watch: a moderate shift, worth keeping an eye on
 *   PSI > 0.25          drift: the photos (or the model's answers) have changed
 *
 * Two things make PSI honest on a personal wardrobe's few hundred photos:
 *
 * - Sparse bins are merged first (adjacent confidence bins, or small categories into
 *   one "other"), so each bin holds at least MIN_BIN_SHARE of the pooled data, and
 *   each count gets a pseudo-count of PSEUDO_COUNT, so an empty bin is not ln(0).
 * - Sampling noise alone gives a PSI of about (k − 1)(1/n + 1/m) for k bins and n, m
 *   photos on each side (the expectation of the chi-square-like sum when nothing
 *   changed). No verdict is given while that chance level is above MAX_CHANCE_PSI
 *   (half the "watch" line) or either side has fewer than MIN_SAMPLE photos: the
 *   answer is "not enough data", with how many recent photos would be enough.
 */
import type { DriftCheck } from "./types";
import { sum } from "./stats";

export const PSI_STABLE = 0.1;
export const PSI_DRIFT = 0.25;
export const MIN_BIN_SHARE = 0.1;
export const PSEUDO_COUNT = 0.5;
export const MIN_SAMPLE = 30;
export const MAX_CHANCE_PSI = 0.05;

/** PSI of two share vectors of the same length; every share must be positive. */
export function psi(reference: readonly number[], recent: readonly number[]): number {
  if (reference.length !== recent.length) throw new RangeError("PSI needs the same bins on both sides");
  let total = 0;
  for (let i = 0; i < reference.length; i++) {
    const e = reference[i] as number;
    const a = recent[i] as number;
    if (!(e > 0 && a > 0)) throw new RangeError("PSI needs positive shares in every bin (smooth the counts first)");
    total += (a - e) * Math.log(a / e);
  }
  return total;
}

/** Shares with PSEUDO_COUNT added to every bin: (cᵢ + ½) / (n + ½k). */
export function smoothedShares(counts: readonly number[], pseudo = PSEUDO_COUNT): number[] {
  const n = sum(counts) + pseudo * counts.length;
  return counts.map((c) => (c + pseudo) / n);
}

/** The pooled share of each bin: the mean of the two sides' shares (each side weighs the same). */
function pooledShares(reference: readonly number[], recent: readonly number[]): number[] {
  const m = sum(reference);
  const n = sum(recent);
  return reference.map((r, i) => ((m > 0 ? r / m : 0) + (n > 0 ? (recent[i] ?? 0) / n : 0)) / (m > 0 && n > 0 ? 2 : 1));
}

/**
 * Groups adjacent bins, left to right, until each group holds at least `minShare` of
 * the pooled data; a short tail joins the last group. Returns bin indices per group.
 */
export function mergeAdjacentBins(reference: readonly number[], recent: readonly number[], minShare = MIN_BIN_SHARE): number[][] {
  const pooled = pooledShares(reference, recent);
  const groups: number[][] = [];
  let current: number[] = [];
  let mass = 0;
  pooled.forEach((p, i) => {
    current.push(i);
    mass += p;
    if (mass >= minShare - 1e-12) {
      groups.push(current);
      current = [];
      mass = 0;
    }
  });
  if (current.length) {
    const last = groups[groups.length - 1];
    if (last) last.push(...current);
    else groups.push(current);
  }
  return groups;
}

/**
 * Groups categorical bins (order does not matter): each bin with at least `minShare`
 * of the pooled data alone, the small ones together; bins empty on both sides dropped.
 */
export function mergeSmallCategories(reference: readonly number[], recent: readonly number[], minShare = MIN_BIN_SHARE): number[][] {
  const pooled = pooledShares(reference, recent);
  const groups: number[][] = [];
  const small: number[] = [];
  pooled.forEach((p, i) => {
    if (p <= 0) return;
    if (p >= minShare - 1e-12) groups.push([i]);
    else small.push(i);
  });
  if (small.length) groups.push(small);
  return groups;
}

export const regroup = (counts: readonly number[], groups: readonly number[][]): number[] => groups.map((g) => g.reduce((s, i) => s + (counts[i] ?? 0), 0));

/** The PSI that sampling noise alone gives, about (k − 1)(1/n + 1/m). */
export const chancePsi = (bins: number, n: number, m: number): number => (bins - 1) * (1 / n + 1 / m);

export function psiVerdict(value: number): "stable" | "watch" | "drift" {
  return value < PSI_STABLE ? "stable" : value <= PSI_DRIFT ? "watch" : "drift";
}

/** Recent photos needed for a verdict against m reference photos over k bins; null when no n is enough (the reference is too small). */
export function recentNeeded(bins: number, m: number): number | null {
  if (bins <= 1) return MIN_SAMPLE;
  const room = MAX_CHANCE_PSI / (bins - 1) - 1 / m;
  return room > 0 ? Math.max(MIN_SAMPLE, Math.ceil(1 / room - 1e-9)) : null;
}

/**
 * Compares recent counts with reference counts (same bins): merges sparse bins the
 * way `kind` says, smooths, and gives the PSI with a verdict, or "not enough data".
 */
export function compareCounts(reference: readonly number[], recent: readonly number[], kind: "ordered" | "categorical"): DriftCheck {
  const m = sum(reference);
  const n = sum(recent);
  const groups = kind === "ordered" ? mergeAdjacentBins(reference, recent) : mergeSmallCategories(reference, recent);
  const k = groups.length;
  const value = m > 0 && n > 0 ? psi(smoothedShares(regroup(reference, groups)), smoothedShares(regroup(recent, groups))) : null;
  const chance = m > 0 && n > 0 ? chancePsi(k, n, m) : null;
  const needed = m > 0 ? recentNeeded(k, m) : null;
  const base = { psi: value, recentN: n, referenceN: m, bins: k, chance, neededRecent: needed };
  if (m < MIN_SAMPLE || needed === null) return { ...base, verdict: "not-enough-data", short: "reference" };
  if (n < needed || value === null) return { ...base, verdict: "not-enough-data", short: "recent" };
  return { ...base, verdict: psiVerdict(value), short: null };
}
