/**
 * k-means over 3-D points (OKLab) packed in a Float32Array: [L0,a0,b0, L1,a1,b1, ...].
 * Seeded with k-means++ from a fixed-seed PRNG, so the same image always yields the
 * same colours (a user re-analysing a photo must not see its swatches change).
 */

/** Mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface KMeansResult {
  /** k×3 centroids, packed like the input. k may be smaller than asked when points run out. */
  centroids: Float64Array;
  k: number;
  /** Cluster index of each point. */
  assignments: Uint8Array;
  /** Sum of squared distances of points to their centroid (within-cluster error). */
  sse: number;
  /** Points per cluster. */
  counts: Uint32Array;
}

export interface KMeansOptions {
  maxIterations?: number;
  /** Independent k-means++ starts; the lowest error wins. */
  restarts?: number;
}

const sq = (p: Float32Array, i: number, c: Float64Array, j: number) => {
  const dL = p[i]! - c[j]!;
  const da = p[i + 1]! - c[j + 1]!;
  const db = p[i + 2]! - c[j + 2]!;
  return dL * dL + da * da + db * db;
};

/** k-means++ seeding: each next centre is drawn with probability ∝ D² to the nearest chosen one. */
function seedPlusPlus(points: Float32Array, n: number, k: number, rand: () => number): Float64Array {
  const centres: number[] = [];
  const first = Math.min(n - 1, Math.floor(rand() * n));
  centres.push(points[first * 3]!, points[first * 3 + 1]!, points[first * 3 + 2]!);
  const d2 = new Float64Array(n);
  const c0 = new Float64Array(centres);
  for (let i = 0; i < n; i++) d2[i] = sq(points, i * 3, c0, 0);
  while (centres.length / 3 < k) {
    let total = 0;
    for (let i = 0; i < n; i++) total += d2[i]!;
    // Every point coincides with a centre: more clusters would be empty duplicates.
    if (total <= 1e-12) break;
    let target = rand() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= d2[i]!;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    const c = new Float64Array([points[pick * 3]!, points[pick * 3 + 1]!, points[pick * 3 + 2]!]);
    centres.push(c[0]!, c[1]!, c[2]!);
    for (let i = 0; i < n; i++) {
      const d = sq(points, i * 3, c, 0);
      if (d < d2[i]!) d2[i] = d;
    }
  }
  return new Float64Array(centres);
}

/** Assign every point to its nearest centroid; returns the within-cluster error. */
export function assignPoints(points: Float32Array, n: number, centroids: Float64Array, k: number, out: Uint8Array): number {
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let j = 0; j < k; j++) {
      const d = sq(points, i * 3, centroids, j * 3);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    out[i] = best;
    sse += bestD;
  }
  return sse;
}

/** Move each centroid to the mean of its points. Empty clusters keep their position. */
export function updateCentroids(points: Float32Array, n: number, assignments: Uint8Array, centroids: Float64Array, k: number, counts: Uint32Array): void {
  const sums = new Float64Array(k * 3);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const j = assignments[i]!;
    const s = j * 3;
    counts[j] = counts[j]! + 1;
    sums[s] = sums[s]! + points[i * 3]!;
    sums[s + 1] = sums[s + 1]! + points[i * 3 + 1]!;
    sums[s + 2] = sums[s + 2]! + points[i * 3 + 2]!;
  }
  for (let j = 0; j < k; j++) {
    const c = counts[j]!;
    if (c === 0) continue;
    centroids[j * 3] = sums[j * 3]! / c;
    centroids[j * 3 + 1] = sums[j * 3 + 1]! / c;
    centroids[j * 3 + 2] = sums[j * 3 + 2]! / c;
  }
}

function lloyd(points: Float32Array, n: number, centroids: Float64Array, k: number, maxIterations: number): KMeansResult {
  const assignments = new Uint8Array(n);
  const counts = new Uint32Array(k);
  let sse = assignPoints(points, n, centroids, k, assignments);
  for (let it = 0; it < maxIterations; it++) {
    updateCentroids(points, n, assignments, centroids, k, counts);
    const next = assignPoints(points, n, centroids, k, assignments);
    // Lloyd's error never rises; stop once it has settled.
    const settled = sse - next <= 1e-9 * Math.max(1, sse);
    sse = next;
    if (settled) break;
  }
  updateCentroids(points, n, assignments, centroids, k, counts);
  return { centroids, k, assignments, sse, counts };
}

/** Cluster `n` packed 3-D points into at most `k` groups (k ≤ 255). */
export function kmeans(points: Float32Array, n: number, k: number, rand: () => number, opts: KMeansOptions = {}): KMeansResult {
  if (n <= 0) throw new Error("kmeans: no points to cluster");
  if (k < 1 || k > 255) throw new Error(`kmeans: k must be 1–255, got ${k}`);
  const maxIterations = opts.maxIterations ?? 30;
  const restarts = k === 1 ? 1 : Math.max(1, opts.restarts ?? 2);
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const seeds = seedPlusPlus(points, n, k, rand);
    const res = lloyd(points, n, seeds, seeds.length / 3, maxIterations);
    if (!best || res.sse < best.sse) best = res;
  }
  return best!;
}
