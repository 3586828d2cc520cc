/**
 * Beam search over outfit slots. Each step extends every kept partial outfit by
 * every candidate of the next slot (or by nothing, for an optional slot), scores
 * the extensions incrementally from cached pair terms, and keeps the best `width`,
 * no item in more than a quarter of them. Extensions are scored in flat typed
 * arrays and only the kept ones become objects: the search allocates little.
 */
import { PRIOR_CENTRE, PRIOR_SCALE, squashLearned } from "./learner";
import { OUTFIT_WEIGHTS } from "./score";

export interface BeamEntry {
  items: number[];
  pairSum: number;
  pairLearned: number;
  pairs: number;
  itemSum: number;
  itemLearned: number;
  penalty: number;
  logit: number;
}

export interface BeamStep {
  candidates: readonly number[];
  /** null: the slot must be filled; a number: the slot may stay empty at this prior penalty. */
  skipPenalty: number | null;
}

export interface BeamScorer {
  /** Index of the pair (i, j) into pairValue / pairLearned (computed once, then cached by the caller). */
  pairIndex(i: number, j: number): number;
  pairValue: ArrayLike<number>;
  pairLearned: ArrayLike<number>;
  /** Item prior (0–1 scale, including any reuse penalty) and learned item logit. */
  itemPrior: Float64Array;
  itemLearned: Float64Array;
  itemCount: number;
}

export function entryLogit(pairSum: number, pairLearned: number, pairs: number, itemSum: number, itemLearned: number, items: number, penalty: number): number {
  const n = Math.max(1, items);
  const meanItems = itemSum / n;
  const meanPairs = pairs ? pairSum / pairs : meanItems;
  const prior = OUTFIT_WEIGHTS.pairs * meanPairs + OUTFIT_WEIGHTS.items * meanItems - penalty;
  return PRIOR_SCALE * (prior - PRIOR_CENTRE) + squashLearned((n > 1 ? pairLearned / (n - 1) : 0) + itemLearned / n);
}

export function beamSearch(steps: readonly BeamStep[], width: number, scorer: BeamScorer): BeamEntry[] {
  let beam: BeamEntry[] = [{ items: [], pairSum: 0, pairLearned: 0, pairs: 0, itemSum: 0, itemLearned: 0, penalty: 0, logit: 0 }];
  const counts = new Uint16Array(scorer.itemCount);
  const cap = Math.max(2, Math.ceil(width / 4));
  for (const step of steps) {
    const perParent = step.candidates.length + (step.skipPenalty === null ? 0 : 1);
    const total = beam.length * perParent;
    const cand = new Int32Array(total);
    const pairSum = new Float64Array(total);
    const pairLearned = new Float64Array(total);
    const logit = new Float64Array(total);
    let e = 0;
    for (const part of beam) {
      const n = part.items.length;
      if (step.skipPenalty !== null) {
        cand[e] = -1;
        pairSum[e] = part.pairSum;
        pairLearned[e] = part.pairLearned;
        logit[e] = entryLogit(part.pairSum, part.pairLearned, part.pairs, part.itemSum, part.itemLearned, n, part.penalty + step.skipPenalty);
        e++;
      }
      for (const c of step.candidates) {
        let ps = part.pairSum;
        let pl = part.pairLearned;
        for (const i of part.items) {
          const k = scorer.pairIndex(i, c);
          ps += scorer.pairValue[k]!;
          pl += scorer.pairLearned[k]!;
        }
        cand[e] = c;
        pairSum[e] = ps;
        pairLearned[e] = pl;
        logit[e] = entryLogit(ps, pl, part.pairs + n, part.itemSum + scorer.itemPrior[c]!, part.itemLearned + scorer.itemLearned[c]!, n + 1, part.penalty);
        e++;
      }
    }
    const order = bestFirst(logit, total, width * 4);

    const next: BeamEntry[] = [];
    const touched: number[] = [];
    for (const idx of order) {
      if (next.length >= width) break;
      const part = beam[Math.floor(idx / perParent)]!;
      const c = cand[idx]!;
      if (c >= 0 && counts[c]! >= cap) continue;
      if (part.items.some((i) => counts[i]! >= cap)) continue;
      const items = c >= 0 ? [...part.items, c] : part.items;
      for (const i of items) {
        if (counts[i] === 0) touched.push(i);
        counts[i]!++;
      }
      const n = part.items.length;
      next.push({
        items,
        pairSum: pairSum[idx]!,
        pairLearned: pairLearned[idx]!,
        pairs: c >= 0 ? part.pairs + n : part.pairs,
        itemSum: c >= 0 ? part.itemSum + scorer.itemPrior[c]! : part.itemSum,
        itemLearned: c >= 0 ? part.itemLearned + scorer.itemLearned[c]! : part.itemLearned,
        penalty: c >= 0 ? part.penalty : part.penalty + step.skipPenalty!,
        logit: logit[idx]!,
      });
    }
    for (const i of touched) counts[i] = 0;
    beam = next;
  }
  return beam;
}

/**
 * Indices of the entries worth sorting, best first: only those at or above the
 * `keep`-th best logit (a native numeric sort finds it), so the comparator sort
 * sees a few hundred entries, not thousands. Ties break by index (deterministic).
 */
function bestFirst(logit: Float64Array, total: number, keep: number): number[] {
  let threshold = -Infinity;
  if (total > keep) {
    const sorted = logit.slice(0, total).sort();
    threshold = sorted[total - keep]!;
  }
  const idx: number[] = [];
  for (let i = 0; i < total; i++) if (logit[i]! >= threshold) idx.push(i);
  return idx.sort((a, b) => logit[b]! - logit[a]! || a - b);
}
