/**
 * Packing for a trip: the fewest pieces that dress every day, checked against a
 * brute-force optimum on small wardrobes, and the plan a traveller would expect.
 */
import { describe, expect, it } from "vitest";
import type { Item, Occasion } from "../wardrobe/types";
import { dayOf } from "./day";
import { prepareItem } from "./prepare";
import { piece } from "./testing/stylist-wardrobe";
import { syntheticWardrobe } from "./testing/synthetic-wardrobe";
import { planTrip, tripCapacity, tripContexts, tripDates, tripSlotsFor, tripSuits, type TripRequest } from "./trip";

const KINDS: [Item["category"], string, string[]][] = [
  ["top", "t-shirt", ["white", "grey", "black"]],
  ["top", "shirt", ["sky blue", "white"]],
  ["top", "sweater", ["navy", "camel"]],
  ["bottom", "jeans", ["denim blue"]],
  ["bottom", "trousers", ["black", "camel", "grey"]],
  ["shoes", "sneakers", ["white"]],
  ["shoes", "loafers", ["black", "brown"]],
  ["shoes", "boots", ["brown"]],
  ["outerwear", "blazer", ["navy"]],
  ["outerwear", "coat", ["camel"]],
];

/** A small wardrobe drawn from KINDS with a seeded generator. */
function smallWardrobe(seed: number, size: number): Item[] {
  let s = seed * 7919 + 1;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: Item[] = [];
  // At least one of each core slot, then random pieces.
  const pickKind = (cat?: Item["category"]) => {
    const pool = cat ? KINDS.filter((k) => k[0] === cat) : KINDS;
    const [c, sub, colours] = pool[Math.floor(rnd() * pool.length)]!;
    out.push(piece(`p${out.length}-${sub}`, c, sub, colours[Math.floor(rnd() * colours.length)]!));
  };
  pickKind("top");
  pickKind("bottom");
  pickKind("shoes");
  while (out.length < size) pickKind();
  return out;
}

const week = (occasions: (Occasion | null)[], temperatureC: number, laundryEveryDays: number | null = null): TripRequest => ({
  days: tripDates("2026-05-11", occasions.length).map((date, k) => ({ date, occasion: occasions[k]!, temperatureC })),
  laundryEveryDays,
});

/**
 * The fewest pieces, by brute force: a piece fills one slot and its wears are its own, so
 * the fewest is the sum over slots of the smallest subset of that slot's pieces (tried
 * smallest first) for which some assignment of pieces to days (tried exhaustively) works.
 */
function bruteForceMinimum(items: Item[], req: TripRequest): number | null {
  const days = tripContexts(req).map(dayOf);
  const n = days.length;
  const every = req.laundryEveryDays ?? null;
  const cycle = (d: number) => (every ? Math.floor(d / every) : 0);
  let total = 0;
  for (const slot of ["top", "bottom", "outerwear", "shoes"] as const) {
    const need = days.map((_, d) => d).filter((d) => tripSlotsFor(days[d]!).includes(slot));
    if (need.length === 0) continue;
    const its = items.filter((i) => prepareItem(i)!.slot === slot);
    const suits = its.map((i) => days.map((day) => tripSuits(prepareItem(i)!, day)));
    const caps = its.map((i) => tripCapacity(i, undefined, n));
    const feasible = (mask: number): boolean => {
      const used = new Map<string, number>();
      const go = (k: number): boolean => {
        if (k === need.length) return true;
        const d = need[k]!;
        for (let i = 0; i < its.length; i++) {
          if (!(mask & (1 << i)) || !suits[i]![d]) continue;
          const key = `${i}:${cycle(d)}`;
          const u = used.get(key) ?? 0;
          if (u >= caps[i]!) continue;
          used.set(key, u + 1);
          if (go(k + 1)) return true;
          used.set(key, u);
        }
        return false;
      };
      return go(0);
    };
    const bits = (m: number) => m.toString(2).replace(/0/g, "").length;
    const masks = Array.from({ length: 1 << its.length }, (_, m) => m).sort((a, b) => bits(a) - bits(b));
    const found = masks.find(feasible);
    if (found === undefined) return null;
    total += bits(found);
  }
  return total;
}

describe("trips: the fewest pieces that dress every day", () => {
  it("a 7-day trip with two occasions and no laundry packs no more pieces than the brute-force optimum (small wardrobes)", () => {
    let compared = 0;
    let totalPacked = 0;
    for (let seed = 1; compared < 25 && seed < 400; seed++) {
      const items = smallWardrobe(seed, 12);
      const req = week(["casual", "work", "casual", "work", "casual", "casual", "work"], 16);
      const best = bruteForceMinimum(items, req);
      if (best === null) continue; // this wardrobe cannot dress the week
      const plan = planTrip(items, req);
      expect(plan.items.length, `seed ${seed}`).toBe(best);
      expect(plan.days.every((d) => d.missing.length === 0 && d.pieces.length >= 3)).toBe(true);
      compared++;
      totalPacked += plan.items.length;
    }
    expect(compared).toBeGreaterThanOrEqual(15);
    console.log(`trip vs brute force: ${compared} small wardrobes, equal every time (mean ${(totalPacked / compared).toFixed(1)} pieces)`);
  }, 60_000);

  it("with laundry every 3 days, fewer tees go in the case", () => {
    const tees = ["white", "grey", "black", "navy", "camel", "olive", "sky blue"].map((c, k) => piece(`tee-${k}`, "top", "t-shirt", c));
    const items = [
      ...tees,
      piece("jeans", "bottom", "jeans", "denim blue"),
      piece("chinos", "bottom", "trousers", "camel"),
      piece("sneakers", "shoes", "sneakers", "white"),
    ];
    const none = planTrip(items, week(Array(7).fill("casual"), 22));
    const washed = planTrip(items, week(Array(7).fill("casual"), 22, 3));
    const count = (p: typeof none) => p.items.filter((i) => i.subtype === "t-shirt").length;
    expect(count(none)).toBe(7);
    expect(count(washed)).toBe(3);
    // Each tee at most once per wash cycle; jeans worn up to four times.
    for (const [id, n] of Object.entries(washed.wears)) if (id.startsWith("tee")) expect(n).toBeLessThanOrEqual(3);
  });

  it("each day gets an outfit for its occasion and weather: smart shoes on the work days, a layer when it is cool", () => {
    const items = smallWardrobe(3, 14).concat(piece("loafers-x", "shoes", "loafers", "black"), piece("blazer-x", "outerwear", "blazer", "navy"));
    const req = week(["casual", "work", "casual", "work", "casual", "casual", "work"], 14);
    const plan = planTrip(items, req);
    for (const d of plan.days) {
      const day = dayOf(tripContexts({ ...req, days: [req.days.find((x) => x.date === d.date)!] })[0]!);
      expect(
        d.pieces.map((p) => p.slot),
        d.date,
      ).toEqual(expect.arrayContaining(["top", "bottom", "shoes", "outerwear"]));
      for (const p of d.pieces) expect(tripSuits(prepareItem(p.item)!, day), `${p.item.name} on ${d.date}`).toBe(true);
    }
    // No full outfit two days running.
    const keys = plan.days.map((d) => d.pieces.map((p) => p.item.id).join("+"));
    for (let k = 1; k < keys.length; k++) expect(keys[k]).not.toBe(keys[k - 1]);
  });

  it("a formal day the wardrobe cannot dress says what to add, and the other days are still planned", () => {
    const items = [
      piece("tee", "top", "t-shirt", "white"),
      piece("hoodie", "top", "hoodie", "grey"),
      piece("jeans", "bottom", "jeans", "denim blue"),
      piece("sneakers", "shoes", "sneakers", "white"),
    ];
    const plan = planTrip(items, week(["casual", "formal"], 22));
    expect(plan.days[0]!.pieces).toHaveLength(3);
    expect(plan.days[1]!.missing.map((m) => m.slot)).toContain("shoes");
    expect(plan.days[1]!.missing.find((m) => m.slot === "shoes")!.advice).toMatch(/smarter shoe/);
    expect(plan.notes.join(" ")).toMatch(/1 day has a gap/);
  });

  it("a 500-piece wardrobe plans a fortnight with two occasions quickly and fully", () => {
    const items = syntheticWardrobe(500, { seed: 5, now: Date.now() });
    const req = week(
      [...Array(14)].map((_, k) => (k % 3 === 1 ? "work" : "casual")),
      12,
      null,
    );
    const t = performance.now();
    const plan = planTrip(items, req);
    const ms = performance.now() - t;
    expect(plan.days.every((d) => d.pieces.length >= 3)).toBe(true);
    console.log(`planTrip, 500 items, 14 days: ${plan.items.length} pieces in ${ms.toFixed(0)} ms (figure, not a gate)`);
  });
});
