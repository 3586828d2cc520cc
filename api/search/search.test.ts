// The index internals on synthetic data with known answers: the heap against a full
// sort, exact search against a float brute force, IVF against exact.
import { describe, expect, it } from "vitest";
import { ANY, makeFilter, normalise, recallAtK, type IndexData } from "./index";
import { ExactIndex } from "./exact";
import { buildFacets, candidateCount, type Filter } from "./facets";
import { IvfIndex } from "./ivf";
import { seeded } from "./kmeans";
import { TopK } from "./topk";
import { DIM, inverseNorms } from "./vectors";

/**
 * n products around 20 cluster centres (like garment embeddings), labels 0..9, stored as
 * a format-1 (plain int8) or format-2 (class centroid + int8 residual) catalog; `floats`
 * are the stored vectors reconstructed and normalised, for brute-force reference.
 */
function synthetic(n: number, seed = 1, residual = false): { data: IndexData; labels: Uint8Array; floats: Float32Array } {
  const rand = seeded(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: 20 }, () => normalise(Array.from({ length: DIM }, gauss))!);
  const raw = new Float32Array(n * DIM);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 20;
    labels[i] = c % 10;
    raw.set(normalise(Array.from(centres[c]!, (x) => x + 0.08 * gauss()))!, i * DIM);
  }
  const vectors = new Int8Array(n * DIM);
  const scales = new Float32Array(n).fill(1 / 127);
  const centroids = new Float32Array(10 * DIM);
  if (residual) {
    const sizes = new Uint32Array(10);
    for (let i = 0; i < n; i++) {
      sizes[labels[i]!]!++;
      for (let j = 0; j < DIM; j++) centroids[labels[i]! * DIM + j]! += raw[i * DIM + j]!;
    }
    for (let c = 0; c < 10; c++) for (let j = 0; j < DIM; j++) centroids[c * DIM + j]! /= sizes[c]!;
  }
  for (let i = 0; i < n; i++) {
    const r = Array.from({ length: DIM }, (_, j) => raw[i * DIM + j]! - centroids[labels[i]! * DIM + j]!);
    const max = Math.max(...r.map(Math.abs));
    if (residual) scales[i] = max / 127;
    for (let j = 0; j < DIM; j++) vectors[i * DIM + j] = Math.round(r[j]! / scales[i]!);
  }
  const invNorm = inverseNorms(vectors, scales, centroids, labels, n);
  const floats = new Float32Array(n * DIM);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < DIM; j++) floats[i * DIM + j] = (centroids[labels[i]! * DIM + j]! + scales[i]! * vectors[i * DIM + j]!) * invNorm[i]!;
  }
  return { data: { count: n, vectors, scales, centroids, labels, invNorm, facets: buildFacets("train", labels) }, labels, floats };
}

function randomQuery(seed: number): Float32Array {
  const rand = seeded(seed);
  return normalise(Array.from({ length: DIM }, () => rand() - 0.5))!;
}

describe("TopK", () => {
  it("keeps the k best of a stream, best first, ties to the lower index", () => {
    const rand = seeded(7);
    const items = Array.from({ length: 1000 }, (_, i) => ({ index: i, score: Math.round(rand() * 200) / 200 }));
    const top = new TopK(25);
    for (const it of items) top.push(it.score, it.index);
    const expected = [...items].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, 25);
    expect(top.sorted()).toEqual(expected);
  });
});

describe.each([
  ["int8 (format 1)", false],
  ["class-residual int8 (format 2)", true],
])("exact index, %s", (_name, residual) => {
  const { data, floats } = synthetic(3000, 1, residual);
  const exact = new ExactIndex(data);

  it("matches a float brute force of cosine over the stored vectors", () => {
    for (let s = 0; s < 5; s++) {
      // Random directions and catalog rows (whose neighbours differ only slightly).
      const q = s % 2 ? randomQuery(100 + s) : normalise(Array.from(floats.subarray(s * 97 * DIM, (s * 97 + 1) * DIM)))!;
      const brute = Array.from({ length: data.count }, (_, i) => {
        let d = 0;
        for (let j = 0; j < DIM; j++) d += q[j]! * floats[i * DIM + j]!;
        return { index: i, score: d };
      }).sort((a, b) => b.score - a.score);
      const hits = exact.search(q, 10, ANY);
      expect(hits.map((h) => h.index)).toEqual(brute.slice(0, 10).map((b) => b.index));
      hits.forEach((h, r) => expect(h.score).toBeCloseTo(brute[r]!.score, 5));
    }
  });

  it("returns only products passing the filter, and all of them when fewer than k", () => {
    const filter: Filter = makeFilter("bag", "unisex");
    const pool = candidateCount(data.facets, filter);
    expect(pool).toBeGreaterThan(0);
    const hits = exact.search(randomQuery(3), 50, filter);
    expect(hits.length).toBe(Math.min(50, pool));
    for (const h of hits) expect(data.facets.category[h.index]).toBe(5); // "bag" in API_CATEGORIES
  });
});

describe("IVF index", () => {
  const { data } = synthetic(6000);
  const exact = new ExactIndex(data);
  const ivf = IvfIndex.build(data, { lists: 64, nprobe: 8, seed: 5 });
  const queries = Array.from({ length: 40 }, (_, i) => {
    const row = (i * 149) % data.count;
    return normalise(Array.from(data.vectors.subarray(row * DIM, (row + 1) * DIM)))!;
  });

  it("puts every product in exactly one list", () => {
    const sizes = ivf.listSizes();
    expect(sizes).toHaveLength(64);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(data.count);
  });

  it("equals exact search when it probes every list", () => {
    const all = ivf.withNprobe(64);
    for (const q of queries.slice(0, 10)) expect(all.search(q, 10, ANY)).toEqual(exact.search(q, 10, ANY));
  });

  it("is deterministic: the same seed builds the same index", () => {
    const again = IvfIndex.build(data, { lists: 64, nprobe: 8, seed: 5 });
    for (const q of queries.slice(0, 10)) expect(again.search(q, 10, ANY)).toEqual(ivf.search(q, 10, ANY));
  });

  it("recalls most of the exact top 10 with 8 of 64 lists, more with more lists", () => {
    const r8 = recallAtK(exact, ivf, queries, 10);
    const r2 = recallAtK(exact, ivf.withNprobe(1), queries, 10);
    expect(r8).toBeGreaterThan(0.9);
    expect(r8).toBeGreaterThanOrEqual(r2);
  });

  it("scans the filtered pool exactly when the query is far from everything the filter allows", () => {
    // Queries from non-bag clusters, filtered to bags: their closest lists hold no bags.
    const far = makeFilter("bag");
    const notBags = queries.filter((_, i) => (((i * 149) % data.count) % 20) % 10 !== 8).slice(0, 10);
    for (const q of notBags) expect(ivf.withNprobe(4).search(q, 10, far)).toEqual(exact.search(q, 10, far));
  });

  it("keeps probing past nprobe until a narrow filter has k hits", () => {
    const narrow = makeFilter("bag", "unisex");
    const pool = candidateCount(data.facets, narrow);
    const hits = ivf.withNprobe(1).search(queries[0]!, Math.min(20, pool), narrow);
    expect(hits.length).toBe(Math.min(20, pool));
  });
});
