// recall@k of an approximate answer against exact search, as ANN benchmarks count it: a
// returned row is a hit when its distance is no worse than the exact k-th neighbour's
// (times 1 + 1e-3). Counting by row id alone is ill-defined when rows tie, or nearly tie,
// with the k-th neighbour: then any of them is an equally right answer, and an id count
// calls a correct index wrong (or a wrong one right) by the tie's luck.
import type { Hit } from "../search/topk";

/** ann-benchmarks' relative tolerance on the k-th exact distance. */
export const RECALL_EPSILON = 1e-3;

/** Hits are scored by cosine similarity; the distance is 1 - score (what Lance returns). */
const distance = (h: Hit) => 1 - h.score;

/**
 * The share of the exact top-k that the approximate answer matches: by distance (default,
 * ties count) or by row id (`byId`, the strict count). An exact answer with nothing in it
 * (a filter no row passes) has nothing to recall: 1 when the approximate one is empty too.
 */
export function recallAtK(approx: readonly Hit[], exact: readonly Hit[], k: number, { byId = false, epsilon = RECALL_EPSILON } = {}): number {
  const truth = exact.slice(0, k);
  if (truth.length === 0) return approx.length === 0 ? 1 : 0;
  const found = approx.slice(0, k);
  if (byId) {
    const ids = new Set(truth.map((h) => h.index));
    return found.filter((h) => ids.has(h.index)).length / truth.length;
  }
  const worst = Math.max(...truth.map(distance));
  const limit = worst + Math.abs(worst) * epsilon;
  // A row listed twice is one row: it cannot fill two places of the top k.
  const seen = new Set<number>();
  let hits = 0;
  for (const h of found) {
    if (seen.has(h.index)) continue;
    seen.add(h.index);
    if (distance(h) <= limit) hits++;
  }
  return Math.min(hits, truth.length) / truth.length;
}
