// Vector arithmetic shared by the exact and IVF indexes. The catalog stays int8 in
// memory (7.7 MB for 60,000 products instead of 31 MB as float32); a query is a float
// unit vector, and a product's score is dot(query, v_int8) / |v_int8| — the cosine with
// the stored vector, so a catalog vector sent back as a query scores 1.

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

/** 1 / |row| for every row of an int8 matrix (0 for an all-zero row: it scores 0). */
export function inverseNorms(vectors: Int8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let ss = 0;
    const o = i * DIM;
    for (let j = 0; j < DIM; j++) ss += vectors[o + j]! * vectors[o + j]!;
    out[i] = ss > 0 ? 1 / Math.sqrt(ss) : 0;
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
