/**
 * "Similar in your wardrobe" and near-duplicate detection from what the vision
 * worker stores on each item: the Siamese embedding (garment kind and shape), the
 * silhouette hash (this exact outline) and the dominant colours.
 *
 * The embedding alone cannot tell two navy T-shirts from the same T-shirt twice —
 * it was trained to put a class together — so a near-duplicate must also match the
 * silhouette and the main colour.
 */
import { deltaEOK, hexToOklab } from "../colour/oklab";
import type { ItemColour } from "../wardrobe/types";

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** 64-bit average hash of the 28×28 model input (8×8 block means vs their mean), as 16 hex digits. */
export function silhouetteHash(tensor: Float32Array, size = 28): string {
  const cells = new Float64Array(64);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cy = Math.min(7, Math.floor((y * 8) / size));
      const cx = Math.min(7, Math.floor((x * 8) / size));
      cells[cy * 8 + cx]! += tensor[y * size + x]!;
    }
  }
  const mean = cells.reduce((a, b) => a + b, 0) / 64;
  let hex = "";
  for (let i = 0; i < 64; i += 4) {
    let nibble = 0;
    for (let j = 0; j < 4; j++) nibble = (nibble << 1) | (cells[i + j]! > mean ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

export function hammingHex(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    let v = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    while (v) {
      d += v & 1;
      v >>= 1;
    }
  }
  return d + Math.abs(a.length - b.length) * 4;
}

export interface Comparable {
  id: string;
  embedding: readonly number[] | null;
  silhouette?: string | null;
  colours: readonly ItemColour[];
  /** The recogniser's first choice (subtype), when known: a twin is the same kind of garment. */
  kind?: string | null;
}

/**
 * How far apart two garments' colours are (ΔE in OKLab): each one's main colour is
 * matched to the closest of the other's two largest colours, and the worse match
 * counts. Tolerates k-means splitting one fabric into "colour" + "its shadow"
 * differently in two photos. Infinity when either has no colours.
 */
export function mainColourDistance(a: readonly ItemColour[], b: readonly ItemColour[]): number {
  const la = a.slice(0, 2).map((c) => hexToOklab(c.hex));
  const lb = b.slice(0, 2).map((c) => hexToOklab(c.hex));
  if (!la[0] || !lb[0]) return Infinity;
  const closest = (x: ReturnType<typeof hexToOklab>, ys: ReturnType<typeof hexToOklab>[]) => Math.min(...ys.map((y) => deltaEOK(x, y)));
  return Math.max(closest(la[0], lb), closest(lb[0], la));
}

export interface Neighbour<T> {
  item: T;
  similarity: number;
}

/** The k items most similar by embedding (cosine), best first; items without one are skipped. */
export function nearestItems<T extends Comparable>(query: Comparable, items: readonly T[], k = 6): Neighbour<T>[] {
  if (!query.embedding) return [];
  const out: Neighbour<T>[] = [];
  for (const item of items) {
    if (item.id === query.id || !item.embedding) continue;
    out.push({ item, similarity: cosine(query.embedding, item.embedding) });
  }
  return out.sort((a, b) => b.similarity - a.similarity).slice(0, k);
}

/** Thresholds, measured on the e2e fixtures (the same garment re-photographed shifted/rescaled vs other garments of its class). */
export const NEAR_DUPLICATE = { minCosine: 0.97, maxSilhouetteBits: 8, maxColourDelta: 0.06 };

export function isNearDuplicate(a: Comparable, b: Comparable): boolean {
  if (!a.embedding || !b.embedding) return false;
  if (a.kind && b.kind && a.kind !== b.kind) return false;
  if (cosine(a.embedding, b.embedding) < NEAR_DUPLICATE.minCosine) return false;
  if (a.silhouette && b.silhouette && hammingHex(a.silhouette, b.silhouette) > NEAR_DUPLICATE.maxSilhouetteBits) return false;
  return mainColourDistance(a.colours, b.colours) <= NEAR_DUPLICATE.maxColourDelta;
}

export function findNearDuplicate<T extends Comparable>(query: Comparable, items: readonly T[]): T | null {
  let best: T | null = null;
  let bestSim = -1;
  for (const item of items) {
    if (item.id === query.id || !isNearDuplicate(query, item)) continue;
    const s = cosine(query.embedding!, item.embedding!);
    if (s > bestSim) {
      best = item;
      bestSim = s;
    }
  }
  return best;
}
