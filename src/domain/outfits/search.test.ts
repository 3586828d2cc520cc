import { describe, expect, it } from "vitest";
import type { Item } from "../wardrobe/types";
import { lookOverlap } from "./distinct";
import { createLearner, outfitKey } from "./learner";
import { prepareItem, type PreparedItem } from "./prepare";
import { suggestOutfits } from "./search";
import { outfitProblems } from "./slots";
import { fixtureWardrobe, NOW } from "./testing/fixture-wardrobe";
import { syntheticWardrobe } from "./testing/synthetic-wardrobe";
import type { OutfitContext, OutfitSuggestion } from "./types";

const wardrobe = fixtureWardrobe();
const ids = (o: OutfitSuggestion) => o.pieces.map((p) => p.item.id);
const prepared = (o: OutfitSuggestion) => o.pieces.map((p) => prepareItem(p.item)!) as PreparedItem[];

function expectValidAndDistinct(outfits: OutfitSuggestion[], ctx: OutfitContext, maxOverlap = 0.45) {
  for (const o of outfits)
    expect(
      outfitProblems(
        o.pieces.map((p) => p.item),
        ctx,
      ),
      ids(o).join("+"),
    ).toEqual([]);
  for (let a = 0; a < outfits.length; a++)
    for (let b = a + 1; b < outfits.length; b++) expect(lookOverlap(prepared(outfits[a]!), prepared(outfits[b]!))).toBeLessThanOrEqual(maxOverlap);
  expect(new Set(outfits.map((o) => o.key)).size).toBe(outfits.length);
}

describe("suggestOutfits on a 15-item wardrobe", () => {
  it("returns at least 3 distinct, valid, scored and explained outfits, best first", () => {
    const ctx = { now: NOW };
    const { outfits } = suggestOutfits(wardrobe, ctx);
    expect(outfits.length).toBeGreaterThanOrEqual(3);
    expectValidAndDistinct(outfits, ctx);
    for (const o of outfits) {
      expect(o.score).toBeGreaterThan(0);
      expect(o.score).toBeLessThan(1);
      expect(o.reasons.length).toBeGreaterThan(0);
      expect(o.key).toBe(outfitKey(ids(o)));
    }
    expect(outfits.map((o) => o.score)).toEqual([...outfits.map((o) => o.score)].sort((a, b) => b - a));
  });

  it("rain: closed shoes, outerwear, and says why", () => {
    const ctx = { rain: true, temperatureC: 12, now: NOW };
    const { outfits } = suggestOutfits(wardrobe, ctx);
    expect(outfits.length).toBeGreaterThanOrEqual(3);
    expectValidAndDistinct(outfits, ctx);
    for (const o of outfits) {
      expect(ids(o)).not.toContain("sandals");
      expect(o.pieces.some((p) => p.slot === "outerwear")).toBe(true);
    }
    const reasons = outfits.flatMap((o) => o.reasons);
    expect(reasons).toContain("boots for rain");
    expect(reasons).toContain("a raincoat for the rain");
  });

  it("cold: every outfit has a coat or jacket and closed shoes", () => {
    const ctx = { temperatureC: 2, now: NOW };
    const { outfits } = suggestOutfits(wardrobe, ctx);
    for (const o of outfits) {
      expect(o.pieces.some((p) => p.slot === "outerwear")).toBe(true);
      expect(ids(o)).not.toContain("sandals");
    }
    expect(outfits.some((o) => o.reasons.includes("a coat for the cold (2 °C)"))).toBe(true);
  });

  it("heat: no outerwear, sandals welcome", () => {
    const ctx = { temperatureC: 31, now: NOW };
    const { outfits } = suggestOutfits(wardrobe, ctx);
    expect(outfits.length).toBeGreaterThanOrEqual(3);
    for (const o of outfits) expect(o.pieces.some((p) => p.slot === "outerwear")).toBe(false);
    expect(outfits.some((o) => ids(o).includes("sandals"))).toBe(true);
  });

  it("filters by gender (unisex fits all) and by not worn in the last N days", () => {
    const men = suggestOutfits(wardrobe, { gender: "men", now: NOW }).outfits;
    expect(men.length).toBeGreaterThanOrEqual(2);
    const menIds = men.flatMap(ids);
    for (const id of ["blouse-red", "skirt-black", "dress-green", "sandals"]) expect(menIds).not.toContain(id);
    const women = suggestOutfits(wardrobe, { gender: "women", now: NOW }).outfits.flatMap(ids);
    expect(women).not.toContain("shirt-blue");
    const cold = { temperatureC: 0, season: "winter" as const, now: NOW };
    expect(suggestOutfits(wardrobe, cold).outfits.flatMap(ids)).toContain("scarf");
    expect(suggestOutfits(wardrobe, { ...cold, notWornDays: 7 }).outfits.flatMap(ids)).not.toContain("scarf");
  });

  it("honours the occasion: work outfits use work pieces and a bag", () => {
    const ctx = { occasion: "work" as const, temperatureC: 20, now: NOW };
    const { outfits } = suggestOutfits(wardrobe, ctx);
    const best = outfits[0]!;
    expect(ids(best)).toContain("tote");
    expect(best.reasons).toContain("a tote finishes the work look");
    for (const p of best.pieces) if (p.item.occasions.length) expect(p.item.occasions).toContain("work");
  });

  it("leans towards necklines that suit the face shape, without filtering others", () => {
    const ctx = { now: NOW, temperatureC: 14 };
    const plain = suggestOutfits(wardrobe, ctx).outfits;
    const withProfile = suggestOutfits(wardrobe, { ...ctx, profile: { suitedNecklines: ["v-neck"], avoidNecklines: ["crew"] } }).outfits;
    const vneck = (os: OutfitSuggestion[]) => os.find((o) => ids(o).includes("sweater-navy"));
    expect(vneck(withProfile)!.score).toBeGreaterThan(vneck(plain)!.score);
    expect(vneck(withProfile)!.reasons).toContain("a V-neck suits your face shape");
  });

  it("never shows a combination the user disliked", () => {
    const ctx = { now: NOW };
    const first = suggestOutfits(wardrobe, ctx).outfits[0]!;
    const learner = { ...createLearner(), disliked: [first.key] };
    const again = suggestOutfits(wardrobe, ctx, { learner, count: 20 }).outfits;
    expect(again.map((o) => o.key)).not.toContain(first.key);
  });

  it("explains an empty result instead of failing", () => {
    const noShoes = wardrobe.filter((i) => i.category !== "shoes");
    const r = suggestOutfits(noShoes, { now: NOW });
    expect(r.outfits).toEqual([]);
    expect(r.notes[0]).toMatch(/shoes missing after the filters/);
    expect(suggestOutfits([], {}).notes[0]).toMatch(/No complete outfit/);
  });

  it("relaxes occasion tags for a slot with no tagged item, and says so", () => {
    const r = suggestOutfits(wardrobe, { occasion: "sport", now: NOW });
    expect(r.outfits.length).toBeGreaterThan(0);
    expect(r.notes.join(" ")).toMatch(/tagged for sport/);
  });

  it("is deterministic", () => {
    const ctx = { occasion: "casual" as const, temperatureC: 16, now: NOW };
    expect(suggestOutfits(wardrobe, ctx).outfits.map((o) => o.key)).toEqual(suggestOutfits(wardrobe, ctx).outfits.map((o) => o.key));
  });
});

describe("suggestOutfits on a 1,500-item synthetic wardrobe", () => {
  const big: Item[] = syntheticWardrobe(1500, { seed: 3, now: NOW });
  const contexts: OutfitContext[] = [
    {},
    { rain: true, temperatureC: 8 },
    { temperatureC: 30, gender: "men" },
    { occasion: "work", temperatureC: 15, gender: "women" },
    { occasion: "party", season: "summer", temperatureC: 24 },
    { temperatureC: -3, notWornDays: 14 },
  ];

  it.each(contexts.map((c) => [JSON.stringify(c), c] as const))("honours every rule for %s", (_label, c) => {
    const ctx = { ...c, now: NOW };
    const { outfits } = suggestOutfits(big, ctx);
    expect(outfits).toHaveLength(5);
    expectValidAndDistinct(outfits, ctx);
    for (const o of outfits)
      for (const { item } of o.pieces) {
        if (ctx.gender) expect([ctx.gender, "unisex", null]).toContain(item.gender);
        if (ctx.notWornDays && item.lastWornAt != null) expect(NOW - item.lastWornAt).toBeGreaterThanOrEqual(ctx.notWornDays * 86_400_000);
      }
  });
});
