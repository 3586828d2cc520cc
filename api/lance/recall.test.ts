import { describe, expect, it } from "vitest";
import type { Hit } from "../search/topk";
import { recallAtK } from "./recall";

/** Hits at the given cosine distances, ids from `first`. */
const hits = (ds: number[], first = 0): Hit[] => ds.map((d, i) => ({ index: first + i, score: 1 - d }));

describe("recallAtK (ann-benchmarks style)", () => {
  it("counts a row tied with the k-th exact neighbour as found, though its id differs", () => {
    const exact = hits([0.1, 0.2, 0.3]);
    // The index returned another row at exactly the 3rd neighbour's distance.
    const approx = [...exact.slice(0, 2), { index: 99, score: 1 - 0.3 }];
    expect(recallAtK(approx, exact, 3)).toBe(1);
    expect(recallAtK(approx, exact, 3, { byId: true })).toBeCloseTo(2 / 3);
  });

  it("allows 1e-3 of the k-th distance and no more", () => {
    const exact = hits([0.01, 0.02, 0.03]);
    expect(recallAtK([...exact.slice(0, 2), { index: 7, score: 1 - 0.03 * (1 + 0.9e-3) }], exact, 3)).toBe(1);
    expect(recallAtK([...exact.slice(0, 2), { index: 7, score: 1 - 0.03 * (1 + 3e-3) }], exact, 3)).toBeCloseTo(2 / 3);
  });

  it("misses are misses: rows farther than the k-th neighbour do not count", () => {
    const exact = hits([0.1, 0.2, 0.3, 0.4]);
    expect(recallAtK(hits([0.5, 0.6, 0.7, 0.8], 10), exact, 4)).toBe(0);
    expect(recallAtK(hits([0.1, 0.2, 0.9, 0.95]), exact, 4)).toBe(0.5);
  });

  it("does not let a row listed twice fill two places", () => {
    const exact = hits([0.1, 0.2]);
    expect(recallAtK([exact[0]!, exact[0]!], exact, 2)).toBe(0.5);
  });

  it("scores an empty exact answer (a filter nothing passes) 1 only when the approximate one is empty too", () => {
    expect(recallAtK([], [], 10)).toBe(1);
    expect(recallAtK(hits([0.1]), [], 10)).toBe(0);
  });

  it("only the first k of each answer count", () => {
    const exact = hits([0.1, 0.2, 0.3, 0.4]);
    expect(recallAtK(hits([0.1, 0.2, 0.3, 0.4]), exact, 2)).toBe(1);
    expect(recallAtK(hits([0.9, 0.95, 0.1, 0.2]), exact, 2)).toBe(0);
  });
});
