import { describe, expect, it } from "vitest";
import { chancePsi, compareCounts, mergeAdjacentBins, mergeSmallCategories, psi, psiVerdict, recentNeeded, regroup, smoothedShares } from "./psi";

describe("Population Stability Index", () => {
  it("matches hand-computed values", () => {
    // (0.7 − 0.5)·ln(0.7/0.5) + (0.3 − 0.5)·ln(0.3/0.5) = 0.067294 + 0.102165
    expect(psi([0.5, 0.5], [0.7, 0.3])).toBeCloseTo(0.1694596, 6);
    // 0.1·ln(1.5) + 0 + (−0.1)·ln(0.8)
    expect(psi([0.2, 0.3, 0.5], [0.3, 0.3, 0.4])).toBeCloseTo(0.0628609, 6);
  });

  it("is zero for identical distributions and symmetric", () => {
    expect(psi([0.1, 0.2, 0.7], [0.1, 0.2, 0.7])).toBe(0);
    expect(psi([0.2, 0.3, 0.5], [0.3, 0.3, 0.4])).toBeCloseTo(psi([0.3, 0.3, 0.4], [0.2, 0.3, 0.5]), 12);
  });

  it("refuses empty bins and mismatched bins", () => {
    expect(() => psi([0.5, 0.5], [1, 0])).toThrow(RangeError);
    expect(() => psi([1], [0.5, 0.5])).toThrow(RangeError);
  });

  it("smooths counts with half a photo per bin", () => {
    const s = smoothedShares([0, 2, 8]);
    expect(s[0]).toBeCloseTo(0.5 / 11.5, 12);
    expect(s[1]).toBeCloseTo(2.5 / 11.5, 12);
    expect(s[2]).toBeCloseTo(8.5 / 11.5, 12);
  });

  it("reads the thresholds: < 0.1 stable, 0.1–0.25 watch, > 0.25 drift", () => {
    expect(psiVerdict(0.0999)).toBe("stable");
    expect(psiVerdict(0.1)).toBe("watch");
    expect(psiVerdict(0.25)).toBe("watch");
    expect(psiVerdict(0.2501)).toBe("drift");
  });
});

describe("merging sparse bins", () => {
  it("groups adjacent confidence bins until each holds 10 % of the pooled data", () => {
    const counts = [5, 5, 0, 10, 80];
    expect(mergeAdjacentBins(counts, counts)).toEqual([[0, 1], [2, 3], [4]]);
    expect(regroup(counts, [[0, 1], [2, 3], [4]])).toEqual([10, 10, 80]);
  });

  it("adds a short tail to the last group", () => {
    expect(mergeAdjacentBins([85, 10, 5], [85, 10, 5])).toEqual([[0], [1, 2]]);
  });

  it("pools both sides, so opposite point masses stay apart (and drift shows)", () => {
    const groups = mergeAdjacentBins([10, 0, 0, 0], [0, 0, 0, 10]);
    expect(groups).toEqual([[0], [1, 2, 3]]);
    expect(compareCounts([1000, 0, 0, 0], [0, 0, 0, 1000], "ordered").psi).toBeGreaterThan(5);
  });

  it("pools small categories into one, drops unseen ones", () => {
    expect(mergeSmallCategories([50, 30, 12, 4, 4, 0], [50, 30, 12, 4, 4, 0])).toEqual([[0], [1], [2], [3, 4]]);
  });
});

describe("comparing counts", () => {
  it("gives the smoothed PSI, the chance level and a verdict", () => {
    const c = compareCounts([500, 500], [70, 30], "ordered");
    // Smoothed: reference (500.5/1001, 500.5/1001), recent (70.5/101, 30.5/101).
    expect(c.psi).toBeCloseTo(0.165918, 5);
    expect(c.bins).toBe(2);
    expect(c.chance).toBeCloseTo(1 / 100 + 1 / 1000, 12);
    expect(c.verdict).toBe("watch");
    expect(c.short).toBeNull();
  });

  it("says not enough data below the minimum sample, with what would be enough", () => {
    const c = compareCounts([500, 500], [7, 3], "ordered");
    expect(c.verdict).toBe("not-enough-data");
    expect(c.short).toBe("recent");
    expect(c.neededRecent).toBe(30);
    expect(compareCounts([10, 10], [500, 500], "ordered")).toMatchObject({ verdict: "not-enough-data", short: "reference" });
    expect(compareCounts([0, 0], [0, 0], "ordered")).toMatchObject({ verdict: "not-enough-data", psi: null });
  });

  it("waits while chance alone could cross half the watch line", () => {
    // 6 categories, 100 photos each side: chance ≈ 5 · (1/100 + 1/100) = 0.1 > 0.05.
    const ref = [20, 20, 20, 20, 10, 10];
    const c = compareCounts(ref, ref, "categorical");
    expect(c.bins).toBe(6);
    expect(c.chance).toBeCloseTo(0.1, 12);
    expect(c.verdict).toBe("not-enough-data");
    expect(c.short).toBe("reference"); // 5 · (1/n + 1/100) ≤ 0.05 has no n
    expect(recentNeeded(6, 1000)).toBe(Math.ceil(1 / (0.05 / 5 - 1 / 1000)));
    expect(recentNeeded(6, 1000)).toBe(112);
    expect(chancePsi(6, 112, 1000)).toBeLessThanOrEqual(0.05);
    expect(chancePsi(6, 111, 1000)).toBeGreaterThan(0.05);
  });
});

describe("the edges the drift screen meets", () => {
  it("names what is wrong when PSI is given bad shares, an empty reference bin included", () => {
    expect(() => psi([1], [0.5, 0.5])).toThrow("PSI needs the same bins on both sides");
    expect(() => psi([0, 1], [0.5, 0.5])).toThrow("PSI needs positive shares in every bin (smooth the counts first)");
  });

  it("pools from one side alone when the other has no photos yet (a new user has no history)", () => {
    // Only the recent side counts, at full weight: nine bins of 5 % pair up, the last bin (55 %) stands alone.
    const recent = [1, 1, 1, 1, 1, 1, 1, 1, 1, 11];
    const none = recent.map(() => 0);
    const pairs = [
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ];
    expect(mergeAdjacentBins(none, recent)).toEqual(pairs);
    expect(mergeAdjacentBins(recent, none)).toEqual(pairs);
    expect(mergeSmallCategories(none, [50, 30, 12, 4, 4, 0])).toEqual([[0], [1], [2], [3, 4]]);
    expect(mergeAdjacentBins([], [])).toEqual([]);
  });

  it("merges categories by size, not by position", () => {
    const counts = [40, 5, 40, 5, 10];
    expect(compareCounts(counts, counts, "categorical").bins).toBe(4); // [0] [2] [4] and [1, 3]
    expect(compareCounts(counts, counts, "ordered").bins).toBe(3); // [0] [1, 2] [3, 4]
  });

  it("has no PSI and no chance level while either side is empty", () => {
    expect(compareCounts([500, 500], [0, 0], "ordered")).toMatchObject({
      psi: null,
      chance: null,
      verdict: "not-enough-data",
      short: "recent",
      neededRecent: 30,
    });
    expect(compareCounts([0, 0], [500, 500], "ordered")).toMatchObject({
      psi: null,
      chance: null,
      neededRecent: null,
      verdict: "not-enough-data",
      short: "reference",
    });
  });

  it("gives a verdict at exactly the sample it asks for, and not one photo before", () => {
    // Two bins against 1,000 reference photos: 30 recent photos (the minimum) are enough.
    expect(compareCounts([500, 500], [15, 15], "ordered")).toMatchObject({ verdict: "stable", neededRecent: 30 });
    expect(compareCounts([500, 500], [15, 14], "ordered")).toMatchObject({ verdict: "not-enough-data", short: "recent" });
    // One bin: 30 on each side is the whole rule.
    expect(compareCounts([30], [40], "ordered")).toMatchObject({ verdict: "stable", psi: 0 });
    expect(compareCounts([29], [500], "ordered")).toMatchObject({ verdict: "not-enough-data", short: "reference" });
  });

  it("needs the exact number of recent photos when it comes out whole, and 30 for one bin or fewer", () => {
    // 5 bins, 400 reference photos: 1 / (0.05 / 4 − 1 / 400) = 100 exactly.
    expect(recentNeeded(5, 400)).toBe(100);
    expect(recentNeeded(1, 5)).toBe(30);
    expect(recentNeeded(0, 5)).toBe(30);
    expect(recentNeeded(2, 20)).toBeNull(); // 0.05 − 1/20 = 0: no sample is enough
  });
});
