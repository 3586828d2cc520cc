/**
 * Distinctness of suggestions. Two outfits overlap by the weighted overlap
 * coefficient of their "looks": shared weight / weight of the smaller outfit.
 * A look is slot + subtype + main colour (two identical black tees are the same
 * piece to the eye), and core pieces weigh most: sharing a top and a bottom is
 * the same outfit, sharing a bag is not.
 */
import type { PreparedItem } from "./prepare";
import type { Slot } from "./types";

const LOOK_WEIGHT: Record<Slot, number> = { top: 2, bottom: 2, dress: 2, shoes: 1, outerwear: 1, bag: 0.5, accessory: 0.5 };

export const lookOf = (p: PreparedItem): string => `${p.slot}:${p.subtype}:${p.colourCode}`;

/** 0 (nothing in common) – 1 (one outfit's looks are all in the other). */
export function lookOverlap(a: readonly PreparedItem[], b: readonly PreparedItem[]): number {
  const wa = new Map<string, number>();
  let totalA = 0;
  for (const p of a) {
    const look = lookOf(p);
    if (!wa.has(look)) totalA += LOOK_WEIGHT[p.slot];
    wa.set(look, LOOK_WEIGHT[p.slot]);
  }
  let shared = 0;
  let totalB = 0;
  for (const p of b) {
    totalB += LOOK_WEIGHT[p.slot];
    if (wa.has(lookOf(p))) shared += LOOK_WEIGHT[p.slot];
  }
  const smaller = Math.min(totalA, totalB);
  return smaller > 0 ? shared / smaller : 0;
}

export interface Candidate {
  key: string;
  items: PreparedItem[];
  score: number;
}

/**
 * Greedy pick, best first, of candidates overlapping every earlier pick by at
 * most `maxOverlap` (maximal marginal relevance with a hard overlap cap).
 * Appends to `chosen`; returns it.
 */
export function pickDistinct(candidates: readonly Candidate[], chosen: Candidate[], count: number, maxOverlap: number): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  for (const c of sorted) {
    if (chosen.length >= count) break;
    if (chosen.every((d) => d.key !== c.key && lookOverlap(d.items, c.items) <= maxOverlap)) chosen.push(c);
  }
  return chosen;
}
