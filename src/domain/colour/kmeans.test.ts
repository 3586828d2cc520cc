import { describe, expect, it } from "vitest";
import { assignPoints, kmeans, mulberry32, updateCentroids } from "./kmeans";

/** Points packed [x0,y0,z0, x1,...] from a list of triples. */
const pack = (pts: number[][]) => Float32Array.from(pts.flat());

/** `count` points scattered within ±spread of `centre` (a fixed-seed jitter). */
function blob(centre: number[], count: number, spread: number, rand: () => number): number[][] {
  return Array.from({ length: count }, () => centre.map((v) => v + (rand() * 2 - 1) * spread));
}

/** Within-cluster error computed from scratch: each point to its assigned centroid. */
function sseOf(points: Float32Array, assignments: Uint8Array, centroids: Float64Array): number {
  let s = 0;
  for (let i = 0; i < assignments.length; i++) {
    const j = assignments[i]!;
    for (let d = 0; d < 3; d++) s += (points[i * 3 + d]! - centroids[j * 3 + d]!) ** 2;
  }
  return s;
}

describe("mulberry32", () => {
  it("is a fixed sequence per seed, in [0, 1), and differs between seeds", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    // Seed 42's first outputs from an independent (Python) implementation of Mulberry32.
    expect(first[0]).toBeCloseTo(0.6011037519, 9);
    expect(first[1]).toBeCloseTo(0.448290559, 9);
    expect(mulberry32(43)()).not.toBeCloseTo(first[0]!, 6);
    const r = mulberry32(7);
    let lo = 1;
    let hi = 0;
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const v = r();
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(lo).toBeLessThan(0.001);
    expect(hi).toBeGreaterThan(0.999);
    expect(sum / 20_000).toBeCloseTo(0.5, 2);
  });

  it("treats the seed as an unsigned 32-bit integer", () => {
    expect(mulberry32(-1)()).toBe(mulberry32(0xffffffff)());
    expect(mulberry32(2 ** 32 + 5)()).toBe(mulberry32(5)());
  });
});

describe("assignPoints and updateCentroids", () => {
  const points = pack([
    [0, 0, 0],
    [1, 0, 0],
    [10, 0, 0],
    [11, 0, 0],
  ]);

  it("assigns each point to its nearest centroid and returns the summed squared distance", () => {
    const out = new Uint8Array(4);
    const sse = assignPoints(points, 4, Float64Array.from([0.5, 0, 0, 10.5, 1, 0]), 2, out);
    expect([...out]).toEqual([0, 0, 1, 1]);
    // 0.25 + 0.25 (first pair) + (0.25 + 1) * 2 (second pair, 1 off in y)
    expect(sse).toBeCloseTo(0.5 + 2.5, 9);
    // A tie goes to the first centroid.
    const tie = new Uint8Array(1);
    assignPoints(pack([[5, 0, 0]]), 1, Float64Array.from([0, 0, 0, 10, 0, 0]), 2, tie);
    expect(tie[0]).toBe(0);
  });

  it("moves each centroid to the mean of its points, counts them, and leaves an empty cluster where it was", () => {
    const centroids = Float64Array.from([9, 9, 9, 9, 9, 9, -3, -4, -5]);
    const counts = new Uint32Array(3).fill(7);
    updateCentroids(points, 4, Uint8Array.from([0, 0, 1, 1]), centroids, 3, counts);
    expect([...centroids]).toEqual([0.5, 0, 0, 10.5, 0, 0, -3, -4, -5]);
    expect([...counts]).toEqual([2, 2, 0]);
    const three = pack([
      [1, 2, 3],
      [3, 4, 5],
      [5, 9, 1],
    ]);
    updateCentroids(three, 3, Uint8Array.from([0, 0, 0]), centroids, 1, counts);
    expect([...centroids.slice(0, 3)]).toEqual([3, 5, 3]);
  });
});

describe("kmeans", () => {
  it("refuses no points and k outside 1–255, naming the value", () => {
    const p = pack([[0, 0, 0]]);
    expect(() => kmeans(p, 0, 1, mulberry32(1))).toThrow(/no points/);
    expect(() => kmeans(p, 1, 0, mulberry32(1))).toThrow(/k must be 1–255, got 0/);
    expect(() => kmeans(p, 1, 256, mulberry32(1))).toThrow(/got 256/);
    expect(kmeans(p, 1, 255, mulberry32(1)).k).toBe(1);
  });

  it("finds three well-separated blobs: their centres, counts and the exact within-cluster error", () => {
    const jitter = mulberry32(3);
    const centres = [
      [0.2, 0.05, -0.1],
      [0.8, -0.1, 0.1],
      [0.5, 0.2, 0.2],
    ];
    const sizes = [50, 30, 20];
    const points = pack(centres.flatMap((c, i) => blob(c, sizes[i]!, 0.01, jitter)));
    const res = kmeans(points, 100, 3, mulberry32(9));
    expect(res.k).toBe(3);
    expect([...res.counts].sort((a, b) => b - a)).toEqual(sizes);
    for (let i = 0; i < 3; i++) {
      const found = Array.from({ length: 3 }, (_, j) => Math.hypot(...centres[i]!.map((v, d) => v - res.centroids[j * 3 + d]!)));
      expect(Math.min(...found)).toBeLessThan(0.01);
    }
    // Points of one blob share a cluster, and no two blobs do.
    const labelOf = (start: number, len: number) => new Set(res.assignments.slice(start, start + len));
    const sets = [labelOf(0, 50), labelOf(50, 30), labelOf(80, 20)];
    for (const s of sets) expect(s.size).toBe(1);
    expect(new Set(sets.map((s) => [...s][0])).size).toBe(3);
    expect(res.sse).toBeCloseTo(sseOf(points, res.assignments, res.centroids), 9);
    expect(res.sse).toBeLessThan(100 * 3 * 0.01 ** 2);
  });

  it("returns fewer clusters than asked when the points run out of distinct values", () => {
    const points = pack([
      [1, 1, 1],
      [1, 1, 1],
      [2, 2, 2],
      [2, 2, 2],
      [2, 2, 2],
    ]);
    const res = kmeans(points, 5, 4, mulberry32(5));
    expect(res.k).toBe(2);
    expect(res.centroids.length).toBe(6);
    expect([...res.counts].sort()).toEqual([2, 3]);
    expect(res.sse).toBe(0);
    // One distinct value: k = 1 whatever was asked.
    expect(
      kmeans(
        pack([
          [4, 4, 4],
          [4, 4, 4],
        ]),
        2,
        3,
        mulberry32(5),
      ).k,
    ).toBe(1);
  });

  it("is deterministic for a seed, and more restarts never end with a higher error", () => {
    const jitter = mulberry32(11);
    const points = pack(Array.from({ length: 300 }, () => [jitter(), jitter(), jitter()]));
    const a = kmeans(points, 300, 6, mulberry32(1));
    const b = kmeans(points, 300, 6, mulberry32(1));
    expect([...a.assignments]).toEqual([...b.assignments]);
    expect(a.sse).toBe(b.sse);
    // Restarts draw from the same stream: the first start is the 1-restart run, so the best of 8 is no worse.
    const one = kmeans(points, 300, 6, mulberry32(2), { restarts: 1 });
    const eight = kmeans(points, 300, 6, mulberry32(2), { restarts: 8 });
    expect(eight.sse).toBeLessThanOrEqual(one.sse);
    const errors = Array.from({ length: 8 }, (_, s) => kmeans(points, 300, 6, mulberry32(100 + s), { restarts: 1 }).sse);
    expect(new Set(errors.map((e) => e.toFixed(9))).size).toBeGreaterThan(1); // uniform noise has several local optima
  });

  it("improves on its seeds with Lloyd iterations, and stops early when asked", () => {
    const jitter = mulberry32(21);
    const points = pack(Array.from({ length: 400 }, () => [jitter(), jitter() * 0.5, jitter() * 0.2]));
    const none = kmeans(points, 400, 5, mulberry32(4), { maxIterations: 0, restarts: 1 });
    const many = kmeans(points, 400, 5, mulberry32(4), { maxIterations: 50, restarts: 1 });
    expect(many.sse).toBeLessThan(none.sse * 0.95);
    // Whatever the stopping point, the reported error and counts describe the returned clustering.
    for (const r of [none, many]) {
      expect(r.counts.reduce((s, c) => s + c, 0)).toBe(400);
      const check = new Uint8Array(400);
      expect(assignPoints(points, 400, r.centroids, r.k, check)).toBeLessThanOrEqual(r.sse + 1e-9);
    }
    // At convergence every point already sits with its nearest centroid.
    const again = new Uint8Array(400);
    assignPoints(points, 400, many.centroids, many.k, again);
    expect([...again]).toEqual([...many.assignments]);
  });
});
