/**
 * The beam search over outfit slots, against brute force: with a beam wide enough to keep
 * everything it returns every outfit, best first, each scored exactly as entryLogit scores
 * the whole outfit; a narrow beam keeps its best and caps how often one item appears.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../colour/kmeans";
import { beamSearch, entryLogit, type BeamScorer, type BeamStep } from "./beam";
import { PRIOR_CENTRE, PRIOR_SCALE, squashLearned } from "./learner";
import { OUTFIT_WEIGHTS } from "./score";

function scorer(n: number, seed: number): BeamScorer {
  const rnd = mulberry32(seed);
  const pairValue = Float64Array.from({ length: n * n }, () => rnd());
  const pairLearned = Float64Array.from({ length: n * n }, () => rnd() - 0.5);
  return {
    pairIndex: (i, j) => Math.min(i, j) * n + Math.max(i, j),
    pairValue,
    pairLearned,
    itemPrior: Float64Array.from({ length: n }, () => rnd()),
    itemLearned: Float64Array.from({ length: n }, () => rnd() - 0.5),
    itemCount: n,
  };
}

/** Every outfit the steps allow, with its logit from its items alone. */
function bruteForce(steps: BeamStep[], s: BeamScorer): { items: number[]; logit: number }[] {
  let partial: { items: number[]; penalty: number }[] = [{ items: [], penalty: 0 }];
  for (const step of steps) {
    const next: typeof partial = [];
    for (const p of partial) {
      if (step.skipPenalty !== null) next.push({ items: p.items, penalty: p.penalty + step.skipPenalty });
      for (const c of step.candidates) next.push({ items: [...p.items, c], penalty: p.penalty });
    }
    partial = next;
  }
  return partial.map(({ items, penalty }) => {
    let pairSum = 0;
    let pairLearned = 0;
    let pairs = 0;
    for (let a = 0; a < items.length; a++)
      for (let b = a + 1; b < items.length; b++) {
        pairSum += s.pairValue[s.pairIndex(items[a]!, items[b]!)]!;
        pairLearned += s.pairLearned[s.pairIndex(items[a]!, items[b]!)]!;
        pairs++;
      }
    const itemSum = items.reduce((t, i) => t + s.itemPrior[i]!, 0);
    const itemLearned = items.reduce((t, i) => t + s.itemLearned[i]!, 0);
    return { items, logit: entryLogit(pairSum, pairLearned, pairs, itemSum, itemLearned, items.length, penalty) };
  });
}

const STEPS: BeamStep[] = [
  { candidates: [0, 1, 2], skipPenalty: null },
  { candidates: [3, 4], skipPenalty: null },
  { candidates: [5, 6, 7], skipPenalty: 0.05 },
  { candidates: [8, 9], skipPenalty: 0.1 },
];

describe("entryLogit", () => {
  it("is the prior's logit (pairs and items weighted, less the penalty) plus the squashed mean learned terms", () => {
    const prior = OUTFIT_WEIGHTS.pairs * (1.8 / 3) + OUTFIT_WEIGHTS.items * (2.1 / 3) - 0.1;
    expect(entryLogit(1.8, 0.6, 3, 2.1, 0.9, 3, 0.1)).toBeCloseTo(PRIOR_SCALE * (prior - PRIOR_CENTRE) + squashLearned(0.6 / 2 + 0.9 / 3), 12);
  });

  it("with no pairs yet the pairs count as the items' mean, and one item has no learned pair term", () => {
    expect(entryLogit(0, 5, 0, 0.8, 0.4, 1, 0)).toBeCloseTo(PRIOR_SCALE * (0.8 - PRIOR_CENTRE) + squashLearned(0.4), 12);
    // No items at all: treated as one.
    expect(entryLogit(0, 0, 0, 0, 0, 0, 0)).toBeCloseTo(PRIOR_SCALE * -PRIOR_CENTRE + squashLearned(0), 12);
  });
});

describe("beamSearch", () => {
  it("a beam wide enough returns every outfit, best first, scored as the whole outfit is", () => {
    for (const seed of [1, 2, 3]) {
      const s = scorer(10, seed);
      const all = bruteForce(STEPS, s).sort((a, b) => b.logit - a.logit);
      expect(all).toHaveLength(3 * 2 * 4 * 3);
      const beam = beamSearch(STEPS, 1000, s);
      expect(beam.map((e) => e.items)).toEqual(all.map((e) => e.items));
      beam.forEach((e, k) => expect(e.logit, `seed ${seed} #${k}`).toBeCloseTo(all[k]!.logit, 10));
    }
  });

  it("keeps the running sums of each entry: pairs, items, learned terms and the skip penalties", () => {
    const s = scorer(10, 4);
    const [best] = beamSearch(STEPS, 1000, s);
    const items = best!.items;
    expect(best!.pairs).toBe((items.length * (items.length - 1)) / 2);
    expect(best!.itemSum).toBeCloseTo(
      items.reduce((t, i) => t + s.itemPrior[i]!, 0),
      12,
    );
    expect(best!.itemLearned).toBeCloseTo(
      items.reduce((t, i) => t + s.itemLearned[i]!, 0),
      12,
    );
    const skipped = (items.some((i) => i >= 5 && i <= 7) ? 0 : 0.05) + (items.some((i) => i >= 8) ? 0 : 0.1);
    expect(best!.penalty).toBeCloseTo(skipped, 12);
  });

  it("a narrow beam keeps the best it can reach, and no item in more than a quarter of it (at least 2)", () => {
    for (const seed of [5, 6, 7, 8]) {
      const s = scorer(10, seed);
      const best = bruteForce(STEPS, s).sort((a, b) => b.logit - a.logit)[0]!;
      const wide = beamSearch(STEPS, 1000, s);
      expect(wide[0]!.items).toEqual(best.items);
      for (const width of [4, 8]) {
        const beam = beamSearch(STEPS, width, s);
        expect(beam.length).toBeLessThanOrEqual(width);
        expect(beam.length).toBeGreaterThan(0);
        const cap = Math.max(2, Math.ceil(width / 4));
        const counts = new Map<number, number>();
        for (const e of beam) for (const i of e.items) counts.set(i, (counts.get(i) ?? 0) + 1);
        for (const [i, c] of counts) expect(c, `seed ${seed}, width ${width}, item ${i}`).toBeLessThanOrEqual(cap);
        // Best first, each entry a real outfit of the steps.
        for (let k = 1; k < beam.length; k++) expect(beam[k - 1]!.logit).toBeGreaterThanOrEqual(beam[k]!.logit);
        for (const e of beam) expect(bruteForce(STEPS, s).some((o) => o.items.join() === e.items.join())).toBe(true);
      }
    }
  });

  it("one required slot: its candidates, best first, ties in the order given", () => {
    const s = scorer(4, 9);
    s.itemPrior.set([0.5, 0.9, 0.5, 0.1]);
    s.itemLearned.fill(0);
    const beam = beamSearch([{ candidates: [0, 1, 2, 3], skipPenalty: null }], 10, s);
    expect(beam.map((e) => e.items)).toEqual([[1], [0], [2], [3]]);
  });

  it("no steps: the empty outfit", () => {
    expect(beamSearch([], 5, scorer(2, 1)).map((e) => e.items)).toEqual([[]]);
  });
});
