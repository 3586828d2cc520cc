/**
 * planTrip: a packing list for a trip — the fewest pieces that dress every day
 * (repeats planned), and each day's outfit from them.
 *
 * A day needs a top, a bottom and shoes, and a layer when the weather calls for one
 * (cold, cool or rain as the user feels it). A piece may go to a day when it could be
 * suggested for that day's occasion and weather (occasion.ts, slots.ts) and fits it
 * reasonably (contextFit ≥ TRIP_FIT_FLOOR). A piece is worn at most its laundry number
 * of times (laundry.ts: a tee once, jeans four times, shoes and coats any number)
 * between washes: once over the whole trip with no laundry, per stretch of
 * `laundryEveryDays` days otherwise.
 *
 * Slots are independent (a piece fills one slot), so the fewest pieces is the sum of
 * the fewest per slot: a covering problem with capacities, checked by bipartite
 * matching (days → a piece's wears in a wash cycle). Pieces alike for the trip (the
 * same days, the same number of wears) are interchangeable, so the search runs over
 * those kinds, smallest sets first, from a lower bound up; a greedy cover (then
 * pruned) answers when the exact search would be too long. Then each day, in order,
 * gets the best-scoring outfit of packed pieces that leaves the other days covered.
 * Cost: O(pieces · days) to sort, and small searches over kinds.
 */
import type { Item, Occasion } from "../wardrobe/types";
import { localDate, noonOf as noon } from "../dates";
import { dayOf, type Day } from "./day";
import { canSuggest, contextFit } from "./fit";
import { washLimit, type LaundryRules } from "./laundry";
import { occasionAdvice, warmthAdvice } from "./occasion";
import { prepareItem, type PreparedItem } from "./prepare";
import { scorePrepared } from "./score";
import type { Hemisphere, OutfitContext, OutfitPiece, Slot, TemperatureFeel } from "./types";
import type { Gender } from "../wardrobe/types";

export interface TripDay {
  /** YYYY-MM-DD. */
  date: string;
  occasion: Occasion | null;
  /** The day's expected temperature, °C. */
  temperatureC: number | null;
  rain?: boolean;
}

export interface TripRequest {
  days: readonly TripDay[];
  /** Laundry every this many days on the trip; null = none. */
  laundryEveryDays?: number | null;
  gender?: Gender | null;
  hemisphere?: Hemisphere | null;
  feel?: TemperatureFeel | null;
  /** The user's wears before the wash per kind (Settings → Outfits); defaults otherwise. */
  washLimits?: LaundryRules["limits"];
  /** Pieces the user does not want to take (in the wash, say). */
  excludeItemIds?: readonly string[];
}

export interface TripDayPlan {
  date: string;
  occasion: Occasion | null;
  temperatureC: number | null;
  rain: boolean;
  /** Empty when the wardrobe has nothing for a slot this day (see `missing`). */
  pieces: OutfitPiece[];
  score: number;
  /** Slots nothing packed can fill this day, with what to add. */
  missing: { slot: Slot; advice: string }[];
}

export interface TripPlan {
  /** What to pack, by slot (top, bottom, outerwear, shoes), best-fitting first. */
  items: Item[];
  days: TripDayPlan[];
  /** How many times each packed piece is worn. */
  wears: Record<string, number>;
  notes: string[];
}

/** Below this fit to a day's occasion and weather, a piece is not packed for it. */
export const TRIP_FIT_FLOOR = 0.5;
export const TRIP_SLOTS = ["top", "bottom", "outerwear", "shoes"] as const satisfies readonly Slot[];
export type TripSlot = (typeof TRIP_SLOTS)[number];
/** The exact search gives up after this many sets checked (then the greedy cover stands). */
const SEARCH_BUDGET = 20_000;

const DAY_MS = 86_400_000;

/** Each trip day as an outfit context. */
export function tripContexts(req: TripRequest): OutfitContext[] {
  return req.days.map((d) => ({
    occasion: d.occasion,
    temperatureC: d.temperatureC,
    rain: Boolean(d.rain),
    gender: req.gender ?? null,
    hemisphere: req.hemisphere ?? null,
    feel: req.feel ?? null,
    excludeItemIds: req.excludeItemIds ?? [],
    now: noon(d.date),
  }));
}

/** Which slots a day needs: a layer when cold, cool or rainy as the user feels it. */
export function tripSlotsFor(day: Day): TripSlot[] {
  const layer = day.needs.outerwear === "required" || day.needs.outerwear === "preferred";
  return layer ? ["top", "bottom", "outerwear", "shoes"] : ["top", "bottom", "shoes"];
}

/** Whether a piece may be packed for a day (the rule the brute-force tests share). */
export function tripSuits(p: PreparedItem, day: Day): boolean {
  return canSuggest(p, day) && contextFit(p, day) >= TRIP_FIT_FLOOR;
}

/** Wears of a piece allowed per wash cycle (0 in the rules = any number). */
export function tripCapacity(item: Item, limits: LaundryRules["limits"] | undefined, days: number): number {
  const n = washLimit(item, { limits: limits ?? {} });
  return n === 0 ? days : n;
}

interface Candidate {
  p: PreparedItem;
  /** Day indices this piece may be worn on (for this slot). */
  days: number[];
  cap: number;
  /** Mean fit over its days: the better-fitting of interchangeable pieces is packed. */
  fit: number;
}

/** Whether `chosen` can dress every day in `need` within each piece's wears per cycle (augmenting paths). */
export function coverable(chosen: readonly Candidate[], need: readonly number[], cycleOf: (d: number) => number): boolean {
  // Right nodes: (piece, cycle) with capacity cap.
  const used = new Map<string, number[]>();
  const slotKey = (k: number, d: number) => `${k}:${cycleOf(d)}`;
  const canUse = new Map<number, number[]>();
  for (const d of need) canUse.set(d, []);
  chosen.forEach((c, k) => {
    for (const d of c.days) canUse.get(d)?.push(k);
  });
  const assign = (d: number, seen: Set<string>): boolean => {
    for (const k of canUse.get(d)!) {
      const key = slotKey(k, d);
      if (seen.has(key)) continue;
      seen.add(key);
      const holders = used.get(key) ?? [];
      if (holders.length < chosen[k]!.cap) {
        used.set(key, [...holders, d]);
        return true;
      }
      for (let h = 0; h < holders.length; h++) {
        const other = holders[h]!;
        const rest = holders.filter((_, i) => i !== h);
        used.set(key, rest);
        if (assign(other, seen)) {
          used.set(key, [...used.get(key)!, d]);
          return true;
        }
        used.set(key, holders);
      }
    }
    return false;
  };
  for (const d of need) if (!assign(d, new Set())) return false;
  return true;
}

/** The fewest candidates covering `need` (exact over interchangeable kinds within the budget, else greedy and pruned). */
function fewest(cands: Candidate[], need: number[], cycleOf: (d: number) => number): Candidate[] {
  if (need.length === 0) return [];
  // Interchangeable pieces: the same days and wears; keep the best-fitting few of each kind (no cover needs more than the days).
  const kinds = new Map<string, Candidate[]>();
  for (const c of cands) {
    const key = `${c.cap}|${c.days.join(",")}`;
    kinds.set(key, [...(kinds.get(key) ?? []), c]);
  }
  const pool: Candidate[] = [];
  for (const group of kinds.values()) pool.push(...group.sort((a, b) => b.fit - a.fit).slice(0, Math.ceil(need.length / group[0]!.cap)));
  pool.sort((a, b) => b.days.length * Math.min(b.cap, need.length) - a.days.length * Math.min(a.cap, need.length) || b.fit - a.fit);
  if (!coverable(pool, need, cycleOf)) return [];

  const greedy = greedyCover(pool, need, cycleOf);
  const maxCap = Math.max(...pool.map((c) => c.cap));
  const perCycle = new Map<number, number>();
  for (const d of need) perCycle.set(cycleOf(d), (perCycle.get(cycleOf(d)) ?? 0) + 1);
  const lower = Math.max(...[...perCycle.values()].map((n) => Math.ceil(n / maxCap)), 1);
  let budget = SEARCH_BUDGET;
  for (let k = lower; k < greedy.length; k++) {
    const found = search(pool, k, need, cycleOf, () => --budget >= 0);
    if (found) return found;
    if (budget < 0) break;
  }
  return greedy;
}

/** Sets of k from the pool, in order (best first), interchangeable pieces taken in order only. */
function search(pool: Candidate[], k: number, need: number[], cycleOf: (d: number) => number, spend: () => boolean): Candidate[] | null {
  const pick: Candidate[] = [];
  const kindOf = (c: Candidate) => `${c.cap}|${c.days.join(",")}`;
  const go = (from: number): Candidate[] | null => {
    if (pick.length === k) {
      if (!spend()) return null;
      return coverable(pick, need, cycleOf) ? [...pick] : null;
    }
    for (let i = from; i <= pool.length - (k - pick.length); i++) {
      // Of interchangeable pieces, the second is only taken after the first.
      if (i > from && kindOf(pool[i]!) === kindOf(pool[i - 1]!)) continue;
      pick.push(pool[i]!);
      const r = go(i + 1);
      pick.pop();
      if (r) return r;
    }
    return null;
  };
  return go(0);
}

function greedyCover(pool: Candidate[], need: number[], cycleOf: (d: number) => number): Candidate[] {
  const chosen: Candidate[] = [];
  const coveredBy = (set: Candidate[]) => {
    // Days coverable: grow a day list until it breaks (order by need).
    let n = 0;
    for (let i = 1; i <= need.length; i++) if (coverable(set, need.slice(0, i), cycleOf)) n = i;
    return n;
  };
  let covered = 0;
  while (covered < need.length) {
    let best: Candidate | null = null;
    let bestN = covered;
    for (const c of pool) {
      if (chosen.includes(c)) continue;
      const n = coverable([...chosen, c], need, cycleOf) ? need.length : coveredBy([...chosen, c]);
      if (n > bestN) {
        best = c;
        bestN = n;
        if (n === need.length) break;
      }
    }
    if (!best) break;
    chosen.push(best);
    covered = bestN;
  }
  // Prune: a piece the others cover without goes back in the wardrobe.
  for (let i = chosen.length - 1; i >= 0; i--) {
    const without = chosen.filter((_, j) => j !== i);
    if (coverable(without, need, cycleOf)) chosen.splice(i, 1);
  }
  return chosen;
}

export function planTrip(items: readonly Item[], req: TripRequest): TripPlan {
  const ctxs = tripContexts(req);
  const days = ctxs.map(dayOf);
  const n = days.length;
  const every = req.laundryEveryDays && req.laundryEveryDays > 0 ? Math.floor(req.laundryEveryDays) : null;
  const cycleOf = (d: number) => (every ? Math.floor(d / every) : 0);
  const cycles = every ? Math.ceil(n / every) : 1;
  const needs = days.map(tripSlotsFor);
  const prepared = items.filter((i) => i.deletedAt === null).map(prepareItem);

  const packed: Candidate[] = [];
  const notes: string[] = [];
  const missing: TripDayPlan["missing"][] = days.map(() => []);
  for (const slot of TRIP_SLOTS) {
    const need = days.map((_, d) => d).filter((d) => needs[d]!.includes(slot));
    if (need.length === 0) continue;
    const cands: Candidate[] = [];
    for (const p of prepared) {
      if (!p || p.slot !== slot) continue;
      const its = need.filter((d) => tripSuits(p, days[d]!));
      if (its.length === 0) continue;
      const fit = its.reduce((s, d) => s + contextFit(p, days[d]!), 0) / its.length;
      cands.push({ p, days: its, cap: tripCapacity(p.item, req.washLimits, n), fit });
    }
    // Days nothing in the wardrobe can dress in this slot: said, and left out of the cover.
    const open = need.filter((d) => cands.some((c) => c.days.includes(d)));
    for (const d of need)
      if (!open.includes(d)) {
        const ctx = ctxs[d]!;
        const advice = slot === "outerwear" || !ctx.occasion ? warmthAdvice(slot, (days[d]!.felt ?? 15) < 18) : occasionAdvice(slot, ctx.occasion);
        missing[d]!.push({ slot, advice });
      }
    let chosen = fewest(cands, open, cycleOf);
    if (open.length > 0 && chosen.length === 0) {
      // More days than the pieces' wears: pack everything that helps and say so.
      chosen = greedyCover(cands, open, cycleOf);
      notes.push(`Not enough ${slot === "shoes" ? "shoes" : `${slot}s`} to wear a clean one every day without laundry: wash on the way, or add some.`);
    }
    packed.push(...chosen.sort((a, b) => b.fit - a.fit));
  }

  // Each day's outfit from the packed pieces, best first, keeping the remaining days covered.
  const left = new Map<string, number>();
  const capLeft = (c: Candidate, d: number) => left.get(`${c.p.item.id}:${cycleOf(d)}`) ?? c.cap;
  const wears: Record<string, number> = {};
  const plans: TripDayPlan[] = [];
  let previous = "";
  for (let d = 0; d < n; d++) {
    const day = days[d]!;
    const slots = needs[d]!.filter((s) => !missing[d]!.some((m) => m.slot === s));
    const options = slots.map((s) => packed.filter((c) => c.p.slot === s && c.days.includes(d) && capLeft(c, d) > 0));
    let best: { cs: Candidate[]; score: number } | null = null;
    const combos = product(options);
    const ranked = combos
      .map((cs) => {
        const key = cs.map((c) => c.p.item.id).join("+");
        // The same full outfit two days running only when nothing else will do.
        return {
          cs,
          score:
            scorePrepared(
              cs.map((c) => c.p),
              day,
              null,
            ).prior - (key === previous ? 0.5 : 0),
        };
      })
      .sort((a, b) => b.score - a.score);
    for (const r of ranked) {
      const keys = r.cs.map((c) => `${c.p.item.id}:${cycleOf(d)}`);
      for (const [i, c] of r.cs.entries()) left.set(keys[i]!, capLeft(c, d) - 1);
      const rest = days.map((_, j) => j).filter((j) => j > d);
      const ok = TRIP_SLOTS.every((s) => {
        const need = rest.filter((j) => needs[j]!.includes(s) && !missing[j]!.some((m) => m.slot === s));
        return coverableWithCycles(
          packed.filter((c) => c.p.slot === s),
          need,
        );
      });
      if (ok) {
        best = r;
        break;
      }
      for (const [i, c] of r.cs.entries()) left.set(keys[i]!, capLeft(c, d) + 1);
    }
    function coverableWithCycles(cands: Candidate[], need: number[]): boolean {
      // Each piece split into its wash cycles, with the wears left in each.
      const split: Candidate[] = [];
      for (const c of cands)
        for (let cy = 0; cy < cycles; cy++) {
          const cap = left.get(`${c.p.item.id}:${cy}`) ?? c.cap;
          const ds = c.days.filter((x) => cycleOf(x) === cy);
          if (cap > 0 && ds.length > 0) split.push({ ...c, cap, days: ds });
        }
      return coverable(split, need, () => 0);
    }
    if (!best && ranked.length > 0) best = ranked[0]!;
    const cs = best?.cs ?? [];
    for (const c of cs) wears[c.p.item.id] = (wears[c.p.item.id] ?? 0) + 1;
    previous = cs.map((c) => c.p.item.id).join("+");
    const src = req.days[d]!;
    plans.push({
      date: src.date,
      occasion: src.occasion,
      temperatureC: src.temperatureC,
      rain: Boolean(src.rain),
      pieces: cs.map((c) => ({ slot: c.p.slot, item: c.p.item })),
      score: best
        ? scorePrepared(
            cs.map((c) => c.p),
            day,
            null,
          ).prior
        : 0,
      missing: missing[d]!,
    });
  }
  const lacking = plans.filter((p) => p.missing.length > 0).length;
  if (lacking > 0) notes.push(`${lacking} ${lacking === 1 ? "day has" : "days have"} a gap the wardrobe cannot fill: see the day.`);
  return { items: packed.map((c) => c.p.item), days: plans, wears, notes };
}

function product<T>(lists: readonly (readonly T[])[]): T[][] {
  let out: T[][] = [[]];
  for (const l of lists) {
    if (l.length === 0) return [];
    out = out.flatMap((prefix) => l.map((x) => [...prefix, x]));
  }
  return out;
}

/** Days from `start` (YYYY-MM-DD), `count` of them, as YYYY-MM-DD. */
export function tripDates(start: string, count: number): string[] {
  const t = noon(start);
  return Array.from({ length: count }, (_, k) => localDate(t + k * DAY_MS));
}
