/** Small statistics the monitoring needs, written out so tests can check them by hand. */

/**
 * The q-quantile of ascending `sorted` values with linear interpolation between
 * order statistics (NumPy's default, "type 7"). NaN for no values.
 */
export function quantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(n - 1, lo + 1)] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Counts of values in `bins` equal bins over [0, 1], the last bin including 1, values
 * outside clamped: the same rule as the training pipeline's test-set histogram.
 */
export function histogram(values: Iterable<number>, bins = 20): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const c = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
    const i = Math.min(bins - 1, Math.floor(c * bins));
    counts[i]! += 1;
  }
  return counts;
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Shares of a count vector (all zeros for an empty one). */
export function shares(counts: readonly number[]): number[] {
  const n = sum(counts);
  return counts.map((c) => (n > 0 ? c / n : 0));
}
