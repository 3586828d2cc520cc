/**
 * Colour versatility (which items of a large wardrobe enter the beam search): checked
 * against a direct computation from its definition — the mean, over every candidate of
 * the other slots, of the prior harmony (in logit units) plus the learner's colour-pair weight.
 */
import { describe, expect, it } from "vitest";
import type { Item } from "../wardrobe/types";
import { FASHION_PALETTE } from "../colour/palette";
import { colourHarmony, harmonyColour, UNKNOWN_HARMONY } from "./harmony";
import { compileLearner, PRIOR_SCALE, type CompiledLearner } from "./learner";
import { NO_COLOUR, prepareItem, type PreparedItem } from "./prepare";
import { OUTFIT_WEIGHTS, PAIR_WEIGHTS } from "./score";
import { piece } from "./testing/stylist-wardrobe";
import type { Slot } from "./types";
import { versatility } from "./versatility";

const SCALE = PRIOR_SCALE * OUTFIT_WEIGHTS.pairs * PAIR_WEIGHTS.harmony;

function prepare(items: Item[]): PreparedItem[] {
  return items.map((it) => {
    const p = prepareItem(it);
    if (!p) throw new Error(`${it.id} cannot be prepared`);
    return p;
  });
}

function poolOf(prepared: PreparedItem[], indices = prepared.map((_, i) => i)): Map<Slot, number[]> {
  const pool = new Map<Slot, number[]>();
  for (const i of indices) pool.set(prepared[i]!.slot, [...(pool.get(prepared[i]!.slot) ?? []), i]);
  return pool;
}

const paletteColour = (code: number) => harmonyColour(FASHION_PALETTE[code]!.hex, FASHION_PALETTE[code]!.name);

/** The definition, item by item. */
function direct(prepared: PreparedItem[], pool: Map<Slot, number[]>, learner: CompiledLearner): number[] {
  const inPool = new Set([...pool.values()].flat());
  return prepared.map((p, i) => {
    if (!inPool.has(i) || p.colourCode === NO_COLOUR) return 0;
    const others = [...pool].filter(([slot]) => slot !== p.slot).flatMap(([, list]) => list);
    if (others.length === 0) return 0;
    let sum = 0;
    for (const j of others) {
      const q = prepared[j]!;
      const harmony = q.colourCode === NO_COLOUR ? UNKNOWN_HARMONY.score : colourHarmony(paletteColour(p.colourCode), paletteColour(q.colourCode)).score;
      sum += SCALE * harmony + learner.colourPair(p.colourCode, q.colourCode);
    }
    return sum / others.length;
  });
}

const WARDROBE = [
  piece("white-tee", "top", "t-shirt", "white"),
  piece("red-tee", "top", "t-shirt", "red"),
  piece("navy-shirt", "top", "shirt", "navy"),
  piece("jeans", "bottom", "jeans", "denim blue"),
  piece("camel-trousers", "bottom", "trousers", "camel"),
  piece("green-trousers", "bottom", "trousers", "green"),
  piece("sneakers", "shoes", "sneakers", "white"),
  piece("boots", "shoes", "boots", "brown"),
  piece("coat", "outerwear", "coat", "camel"),
];

describe("versatility", () => {
  it("is the mean prior harmony against every candidate of the other slots, with no learner", () => {
    const prepared = prepare(WARDROBE);
    const pool = poolOf(prepared);
    const learner = compileLearner(null);
    const got = Array.from(versatility(prepared, pool, learner));
    const want = direct(prepared, pool, learner);
    got.forEach((v, i) => expect(v, WARDROBE[i]!.id).toBeCloseTo(want[i]!, 10));
    // Not a constant: colours differ in how well they go with the rest.
    expect(new Set(got.map((v) => v.toFixed(6))).size).toBeGreaterThan(3);
  });

  it("adds what the learner knows about a colour pair, weighted by how many candidates have that colour", () => {
    const prepared = prepare(WARDROBE);
    const pool = poolOf(prepared);
    const none = compileLearner(null);
    const red = prepared[1]!.colourCode;
    const camel = prepared[4]!.colourCode;
    // A learner that likes red with camel (one direction only: the weight is read as colourPair(item, other)).
    const learner: CompiledLearner = { ...none, colourPair: (a, b) => (a === red && b === camel ? 3 : 0) };
    const got = Array.from(versatility(prepared, pool, learner));
    const want = direct(prepared, pool, learner);
    got.forEach((v, i) => expect(v, WARDROBE[i]!.id).toBeCloseTo(want[i]!, 10));
    const base = versatility(prepared, pool, none);
    // Camel is two of the red tee's six other-slot candidates (trousers and coat).
    expect(got[1]! - base[1]!).toBeCloseTo((3 * 2) / 6, 10);
    for (const i of [0, 2, 3, 4, 5, 6, 7, 8]) expect(got[i]).toBeCloseTo(base[i]!, 10);
  });

  it("only counts the candidates in the pool, and gives items outside it 0", () => {
    const prepared = prepare(WARDROBE);
    const pool = poolOf(prepared, [0, 1, 3, 6]);
    const learner = compileLearner(null);
    const got = Array.from(versatility(prepared, pool, learner));
    expect(got).toHaveLength(WARDROBE.length);
    const want = direct(prepared, pool, learner);
    got.forEach((v, i) => expect(v, WARDROBE[i]!.id).toBeCloseTo(want[i]!, 10));
    for (const i of [2, 4, 5, 7, 8]) expect(got[i]).toBe(0);
    expect(got[0]).not.toBe(0);
  });

  it("gives an item without a colour 0, and counts it among the others as an unknown harmony", () => {
    const items = [...WARDROBE.slice(0, 4), piece("plain-shoes", "shoes", "sneakers", "white", { colours: [] })];
    const prepared = prepare(items);
    expect(prepared[4]!.colourCode).toBe(NO_COLOUR);
    const pool = poolOf(prepared);
    const learner = compileLearner(null);
    const got = Array.from(versatility(prepared, pool, learner));
    const want = direct(prepared, pool, learner);
    got.forEach((v, i) => expect(v, items[i]!.id).toBeCloseTo(want[i]!, 10));
    expect(got[4]).toBe(0);
  });

  it("is 0 when only one slot has candidates (nothing to go with)", () => {
    const prepared = prepare(WARDROBE.slice(0, 3));
    expect(Array.from(versatility(prepared, poolOf(prepared), compileLearner(null)))).toEqual([0, 0, 0]);
  });
});
