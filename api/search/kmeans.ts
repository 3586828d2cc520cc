// Spherical k-means (cosine) for the IVF coarse quantiser. Deterministic: the seed fixes
// the sample and the initial centroids, so every server start builds the same lists.
import { DIM } from "./vectors";
export { seeded } from "../random";

/** m distinct indices of 0..n-1 (partial Fisher-Yates), in sampled order. */
export function sampleIndices(n: number, m: number, rand: () => number): Uint32Array {
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const take = Math.min(n, m);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.slice(0, take);
}

/** Index of the centroid with the largest dot product with points[row]. */
export function nearest(centroids: Float32Array, k: number, points: Float32Array, row: number): number {
  let best = -Infinity;
  let bestC = 0;
  const o = row * DIM;
  for (let c = 0; c < k; c++) {
    const co = c * DIM;
    // Unrolled with 4 accumulators like dotRow: this loop is most of the IVF build time.
    let a = 0;
    let b = 0;
    let d = 0;
    let e = 0;
    for (let j = 0; j < DIM; j += 4) {
      a += centroids[co + j]! * points[o + j]!;
      b += centroids[co + j + 1]! * points[o + j + 1]!;
      d += centroids[co + j + 2]! * points[o + j + 2]!;
      e += centroids[co + j + 3]! * points[o + j + 3]!;
    }
    const s = a + b + d + e;
    if (s > best) {
      best = s;
      bestC = c;
    }
  }
  return bestC;
}

function normaliseRows(m: Float32Array, rows: number): void {
  for (let r = 0; r < rows; r++) {
    let ss = 0;
    for (let j = 0; j < DIM; j++) ss += m[r * DIM + j]! ** 2;
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let j = 0; j < DIM; j++) m[r * DIM + j]! *= inv;
  }
}

/**
 * k unit centroids for n unit points (rows of `points`). An emptied cluster is re-seeded
 * with a random point so no list ends up unused.
 */
export function sphericalKMeans(points: Float32Array, n: number, k: number, iterations: number, rand: () => number): Float32Array {
  const centroids = new Float32Array(k * DIM);
  const init = sampleIndices(n, k, rand);
  init.forEach((p, c) => centroids.set(points.subarray(p * DIM, (p + 1) * DIM), c * DIM));
  const assign = new Int32Array(n).fill(-1);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const c = nearest(centroids, k, points, i);
      if (c !== assign[i]) moved++;
      assign[i] = c;
    }
    const sums = new Float32Array(k * DIM);
    const sizes = new Uint32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i]!;
      sizes[c]!++;
      for (let j = 0; j < DIM; j++) sums[c * DIM + j]! += points[i * DIM + j]!;
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        const p = Math.floor(rand() * n);
        sums.set(points.subarray(p * DIM, (p + 1) * DIM), c * DIM);
      }
    }
    normaliseRows(sums, k);
    centroids.set(sums);
    if (moved === 0) break;
  }
  return centroids;
}
