/**
 * buildCapsule: K pieces that make the most distinct good outfits for a season and
 * occasion, and the one piece from the rest of the wardrobe that would add the most.
 *
 * An outfit counts when its core (top + bottom + shoes, or dress + shoes) could be
 * suggested for the context and its match (the prior, no rotation or learning) is at
 * least MIN_MATCH — what suggestOutfits would show. Pieces are first narrowed to the
 * best POOL_PER_SLOT per slot for the context. The set starts from the best outfit,
 * grows greedily (the piece adding the most outfits, ties to the better fit), then
 * one-for-one swaps are made while any adds outfits: never worse than the greedy
 * set it starts from. Outfit scores are cached by combination.
 */
import type { Item } from "../wardrobe/types";
import { dayOf, type Day } from "./day";
import { canSuggest, contextFit } from "./fit";
import { prepareItem, type PreparedItem } from "./prepare";
import { scorePrepared } from "./score";
import { MIN_MATCH } from "./search";
import type { OutfitContext } from "./types";

export interface CapsuleOptions {
  /** Pieces in the capsule. */
  size: number;
  /** Swap rounds after the greedy set (0 = the greedy set itself: the baseline). */
  swapRounds?: number;
}

export interface CapsuleResult {
  items: Item[];
  /** Distinct good outfits the capsule makes. */
  outfits: number;
  /** The piece outside the capsule that would add the most outfits, and how many; null when none adds any. */
  bestAddition: { item: Item; adds: number } | null;
  notes: string[];
}

const POOL_PER_SLOT = 24;
const CORE = ["top", "bottom", "dress", "shoes"] as const;

/** Counts and caches good outfits among sets of prepared pieces, for one context. */
export class OutfitCounter {
  private cache = new Map<number, boolean>();
  private index = new Map<PreparedItem, number>();
  constructor(private readonly day: Day) {}

  private id(p: PreparedItem): number {
    let i = this.index.get(p);
    if (i === undefined) this.index.set(p, (i = this.index.size + 1));
    return i;
  }

  good(ps: readonly PreparedItem[]): boolean {
    // Core slots come in a fixed order (top, bottom, shoes or dress, shoes): the ids make the key.
    let key = 0;
    for (const p of ps) key = key * 4096 + this.id(p);
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = scorePrepared(ps, this.day, null).match >= MIN_MATCH;
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** Good core outfits within the set. */
  count(set: readonly PreparedItem[]): number {
    const by = { top: [] as PreparedItem[], bottom: [] as PreparedItem[], dress: [] as PreparedItem[], shoes: [] as PreparedItem[] };
    for (const p of set) if (p.slot in by) by[p.slot as keyof typeof by].push(p);
    let n = 0;
    for (const s of by.shoes) {
      for (const t of by.top) for (const b of by.bottom) if (this.good([t, b, s])) n++;
      for (const d of by.dress) if (this.good([d, s])) n++;
    }
    return n;
  }
}

/** The pieces that may go in a capsule for the context, best-fitting first, at most POOL_PER_SLOT per core slot. */
export function capsulePool(items: readonly Item[], ctx: OutfitContext): { pool: PreparedItem[]; day: Day } {
  const day = dayOf(ctx.now === undefined ? { ...ctx, now: Date.now() } : ctx);
  const pool: PreparedItem[] = [];
  for (const slot of CORE) {
    const fits = items
      .filter((i) => i.deletedAt === null)
      .map(prepareItem)
      .filter((p): p is PreparedItem => p !== null && p.slot === slot && canSuggest(p, day))
      .map((p) => ({ p, fit: contextFit(p, day) }))
      .sort((a, b) => b.fit - a.fit)
      .slice(0, POOL_PER_SLOT);
    pool.push(...fits.map((f) => f.p));
  }
  return { pool, day };
}

export function buildCapsule(items: readonly Item[], ctx: OutfitContext, options: CapsuleOptions): CapsuleResult {
  const k = Math.max(2, Math.floor(options.size));
  const { pool, day } = capsulePool(items, ctx);
  const counter = new OutfitCounter(day);
  const notes: string[] = [];
  if (pool.length <= k) notes.push(`Only ${pool.length} pieces suit this; the capsule is all of them.`);

  // Seed: the best-matching outfit.
  let set: PreparedItem[] = [];
  let bestSeed = -1;
  const shoes = pool.filter((p) => p.slot === "shoes");
  for (const s of shoes) {
    for (const t of pool.filter((p) => p.slot === "top"))
      for (const b of pool.filter((p) => p.slot === "bottom")) {
        const m = scorePrepared([t, b, s], day, null).match;
        if (m >= MIN_MATCH && m > bestSeed) [bestSeed, set] = [m, [t, b, s]];
      }
    for (const d of pool.filter((p) => p.slot === "dress")) {
      const m = scorePrepared([d, s], day, null).match;
      if (m >= MIN_MATCH && m > bestSeed) [bestSeed, set] = [m, [d, s]];
    }
  }
  if (set.length === 0) {
    notes.push("No good outfit can be made for this yet: add a top, a bottom and shoes that suit it.");
    return { items: pool.slice(0, k).map((p) => p.item), outfits: 0, bestAddition: null, notes };
  }
  const fit = new Map(pool.map((p) => [p, contextFit(p, day)] as const));

  // Greedy: the piece adding the most outfits (ties: the better fit).
  let current = counter.count(set);
  while (set.length < Math.min(k, pool.length)) {
    let best: PreparedItem | null = null;
    let bestN = -1;
    for (const p of pool) {
      if (set.includes(p)) continue;
      const n = counter.count([...set, p]);
      if (n > bestN || (n === bestN && best && fit.get(p)! > fit.get(best)!)) [best, bestN] = [p, n];
    }
    if (!best) break;
    set = [...set, best];
    current = bestN;
  }

  // Swaps (one out, one in, while any adds outfits) from the greedy set, and from a few random sets: the best local optimum wins.
  const rounds = options.swapRounds ?? 40;
  if (rounds > 0) {
    let best = improveBySwaps(set, current, pool, counter, rounds);
    for (const start of randomSets(pool, set.length, RESTARTS, 7)) {
      const tried = improveBySwaps(start, counter.count(start), pool, counter, rounds);
      if (tried.count > best.count) best = tried;
    }
    [set, current] = [best.set, best.count];
  }

  // The one piece from the rest of the wardrobe that would add the most.
  let bestAddition: CapsuleResult["bestAddition"] = null;
  for (const p of pool) {
    if (set.includes(p)) continue;
    const adds = marginalGain(counter, set, current, p);
    if (adds > 0 && (!bestAddition || adds > bestAddition.adds)) bestAddition = { item: p.item, adds };
  }
  return { items: set.map((p) => p.item), outfits: current, bestAddition, notes };
}

/**
 * Outfits one more piece would add to a set that makes `current`: what "the one piece
 * that would add the most" ranks by, for wardrobe pieces and catalog products alike.
 */
export function marginalGain(counter: OutfitCounter, set: readonly PreparedItem[], current: number, p: PreparedItem): number {
  return set.includes(p) ? 0 : counter.count([...set, p]) - current;
}

/**
 * For pieces from outside a capsule (catalog products as items, probes): the outfits
 * each would add to it and its fit for the context, in order. A piece that could not be
 * suggested for the context (wrong gender, sandals in the cold, athletic for formal)
 * adds 0, as it could never enter the capsule's pool.
 */
export function additionGains(capsule: readonly Item[], ctx: OutfitContext, candidates: readonly Item[]): { adds: number; fit: number }[] {
  const day = dayOf(ctx.now === undefined ? { ...ctx, now: Date.now() } : ctx);
  const counter = new OutfitCounter(day);
  const set = capsule.map((i) => (i.deletedAt === null ? prepareItem(i) : null)).filter((p): p is PreparedItem => p !== null && canSuggest(p, day));
  const current = counter.count(set);
  return candidates.map((item) => {
    const p = prepareItem(item);
    if (!p || !canSuggest(p, day)) return { adds: 0, fit: 0 };
    return { adds: marginalGain(counter, set, current, p), fit: contextFit(p, day) };
  });
}

/** Local search: the first one-for-one swap that adds outfits, until none does. */
function improveBySwaps(start: PreparedItem[], count: number, pool: readonly PreparedItem[], counter: OutfitCounter, rounds: number) {
  let set = start;
  let current = count;
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (let i = 0; i < set.length; i++) {
      const rest = set.filter((_, j) => j !== i);
      for (const p of pool) {
        if (set.includes(p)) continue;
        const n = counter.count([...rest, p]);
        if (n > current) {
          set = [...rest, p];
          current = n;
          improved = true;
          break;
        }
      }
    }
    if (!improved) break;
  }
  return { set, count: current };
}

/** Starts for the local search besides the greedy set. */
const RESTARTS = 2;

function randomSets(pool: readonly PreparedItem[], size: number, tries: number, seed: number): PreparedItem[][] {
  let s = seed >>> 0 || 1;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const out: PreparedItem[][] = [];
  for (let t = 0; t < tries; t++) {
    const copy = [...pool];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    out.push(copy.slice(0, size));
  }
  return out;
}

/** Random baseline: the best of `tries` random K-sets from the same pool (seeded). */
export function randomCapsuleBaseline(items: readonly Item[], ctx: OutfitContext, size: number, tries: number, seed = 1): number {
  const { pool, day } = capsulePool(items, ctx);
  const counter = new OutfitCounter(day);
  return Math.max(0, ...randomSets(pool, size, tries, seed * 7919 + 13).map((set) => counter.count(set)));
}

/** The good core outfits a set of pieces makes for the context (what buildCapsule counts), best match first. */
export function capsuleOutfits(items: readonly Item[], ctx: OutfitContext): { items: Item[]; match: number }[] {
  const day = dayOf(ctx.now === undefined ? { ...ctx, now: Date.now() } : ctx);
  const by = { top: [] as PreparedItem[], bottom: [] as PreparedItem[], dress: [] as PreparedItem[], shoes: [] as PreparedItem[] };
  for (const item of items) {
    const p = item.deletedAt === null ? prepareItem(item) : null;
    if (p && p.slot in by && canSuggest(p, day)) by[p.slot as keyof typeof by].push(p);
  }
  const out: { items: Item[]; match: number }[] = [];
  const add = (ps: PreparedItem[]) => {
    const match = scorePrepared(ps, day, null).match;
    if (match >= MIN_MATCH) out.push({ items: ps.map((p) => p.item), match });
  };
  for (const s of by.shoes) {
    for (const t of by.top) for (const b of by.bottom) add([t, b, s]);
    for (const d of by.dress) add([d, s]);
  }
  return out.sort((a, b) => b.match - a.match);
}
