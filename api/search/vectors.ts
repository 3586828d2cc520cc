// Vector arithmetic shared by the exact and IVF indexes. The catalog stays int8 in
// memory (7.7 MB for 60,000 products instead of 31 MB as float32). A product's vector is
// v = centroid[label] + scale * row (row int8; centroids are zero for a format-1 catalog),
// so with a float unit query q its cosine is
//   (q . centroid[label] + scale * (q . row)) / |v|
// — the first dot is computed once per query and class, the second is the hot loop.

export const DIM = 128;

/** values / |values| as float32, or null for a zero (or non-finite) vector. */
export function normalise(values: ArrayLike<number>): Float32Array | null {
  let ss = 0;
  for (let j = 0; j < values.length; j++) ss += values[j]! * values[j]!;
  if (!(ss > 0) || !Number.isFinite(ss)) return null;
  const inv = 1 / Math.sqrt(ss);
  const out = new Float32Array(values.length);
  for (let j = 0; j < values.length; j++) out[j] = values[j]! * inv;
  return out;
}

/** 1 / |v| for every product (0 for an all-zero vector: it scores 0). */
export function inverseNorms(vectors: Int8Array, scales: Float32Array, centroids: Float32Array, labels: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let ss = 0;
    const o = i * DIM;
    const co = labels[i]! * DIM;
    const s = scales[i]!;
    for (let j = 0; j < DIM; j++) {
      const x = centroids[co + j]! + s * vectors[o + j]!;
      ss += x * x;
    }
    out[i] = ss > 0 ? 1 / Math.sqrt(ss) : 0;
  }
  return out;
}

/** q . centroid[c] for every class c. */
export function classDots(q: Float32Array, centroids: Float32Array): Float64Array {
  const classes = centroids.length / DIM;
  const out = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    let s = 0;
    for (let j = 0; j < DIM; j++) s += q[j]! * centroids[c * DIM + j]!;
    out[c] = s;
  }
  return out;
}

/** dot(q, vectors[row]) — the hot loop of every search, unrolled by 4 (DIM is a multiple of 4). */
export function dotRow(q: Float32Array, vectors: Int8Array, row: number): number {
  const o = row * DIM;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let j = 0; j < DIM; j += 4) {
    a += q[j]! * vectors[o + j]!;
    b += q[j + 1]! * vectors[o + j + 1]!;
    c += q[j + 2]! * vectors[o + j + 2]!;
    d += q[j + 3]! * vectors[o + j + 3]!;
  }
  return a + b + c + d;
}
