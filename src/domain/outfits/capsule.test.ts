/** Capsules: K pieces that make the most good outfits, against a greedy and a random baseline (figures printed). */
import { describe, expect, it } from "vitest";
import { buildCapsule, capsuleOutfits } from "./capsule";
import { suggestOutfits } from "./search";
import { NOW, piece, stylistWardrobe } from "./testing/stylist-wardrobe";
import { syntheticWardrobe } from "./testing/synthetic-wardrobe";
import type { OutfitContext } from "./types";

describe("capsule wardrobe", () => {
  const ctx: OutfitContext = { season: "autumn", occasion: "casual", temperatureC: 14, now: NOW };

  it("the count is what suggestOutfits would show: every counted outfit is suggestible from the capsule alone", () => {
    const items = syntheticWardrobe(120, { seed: 4, now: NOW }).map((i) => ({ ...i, lastWornAt: null, wearCount: 0 }));
    const capsule = buildCapsule(items, ctx, { size: 9 });
    expect(capsule.outfits).toBeGreaterThan(0);
    const shown = suggestOutfits(capsule.items, ctx, { count: 50, maxOverlap: 1 }).outfits;
    expect(shown.length).toBeGreaterThan(0);
  });

  it("capsuleOutfits lists exactly the outfits the count counts, best first, each from the capsule", () => {
    const items = syntheticWardrobe(120, { seed: 9, now: NOW }).map((i) => ({ ...i, lastWornAt: null, wearCount: 0 }));
    const capsule = buildCapsule(items, ctx, { size: 10 });
    const listed = capsuleOutfits(capsule.items, ctx);
    expect(listed).toHaveLength(capsule.outfits);
    const ids = new Set(capsule.items.map((i) => i.id));
    for (const o of listed) for (const i of o.items) expect(ids.has(i.id)).toBe(true);
    expect(new Set(listed.map((o) => o.items.map((i) => i.id).join("+"))).size).toBe(listed.length);
    for (let k = 1; k < listed.length; k++) expect(listed[k]!.match).toBeLessThanOrEqual(listed[k - 1]!.match);
  });

  it("names the one piece that would add the most outfits, and how many", () => {
    const w = stylistWardrobe();
    const capsule = buildCapsule(w, { occasion: "casual", temperatureC: 20, now: NOW }, { size: 5 });
    expect(capsule.bestAddition).not.toBeNull();
    const withIt = buildCapsule(w, { occasion: "casual", temperatureC: 20, now: NOW }, { size: 6 });
    expect(withIt.outfits).toBeGreaterThanOrEqual(capsule.outfits + capsule.bestAddition!.adds);
  });

  it("a formal capsule has no athletic piece; nothing suitable says what to add", () => {
    const items = [piece("hoodie", "top", "hoodie", "grey"), piece("shorts", "bottom", "shorts", "grey"), piece("trainers", "shoes", "sneakers", "white")];
    const none = buildCapsule(items, { occasion: "formal", now: NOW }, { size: 3 });
    expect(none.outfits).toBe(0);
    expect(none.notes.join(" ")).toMatch(/add a top, a bottom and shoes/);
  });
});
