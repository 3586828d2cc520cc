/**
 * Capsules against a greedy and a random baseline on 200-piece wardrobes (figures printed):
 * the statistical half of capsule.test.ts, left out of mutation runs like the other
 * *.accuracy.test.ts files (its 200 random sets take minutes per mutant instrumented).
 */
import { describe, expect, it } from "vitest";
import { buildCapsule, randomCapsuleBaseline } from "./capsule";
import { NOW } from "./testing/stylist-wardrobe";
import { syntheticWardrobe } from "./testing/synthetic-wardrobe";
import type { OutfitContext } from "./types";

describe("capsule wardrobe", () => {
  const ctx: OutfitContext = { season: "autumn", occasion: "casual", temperatureC: 14, now: NOW };

  it("K pieces give at least as many outfits as the greedy set and the best of 200 random sets", () => {
    const rows: string[] = [];
    for (const seed of [3, 21]) {
      const items = syntheticWardrobe(200, { seed, now: NOW }).map((i) => ({ ...i, lastWornAt: null, wearCount: 0 }));
      for (const size of [10, 15]) {
        const capsule = buildCapsule(items, ctx, { size });
        const greedy = buildCapsule(items, ctx, { size, swapRounds: 0 });
        const random = randomCapsuleBaseline(items, ctx, size, 200, seed);
        expect(capsule.items).toHaveLength(size);
        expect(new Set(capsule.items.map((i) => i.id)).size).toBe(size);
        expect(capsule.outfits).toBeGreaterThanOrEqual(greedy.outfits);
        expect(capsule.outfits).toBeGreaterThanOrEqual(random);
        rows.push(`seed ${seed}, K=${size}: capsule ${capsule.outfits}, greedy ${greedy.outfits}, best of 200 random ${random}`);
      }
    }
    console.log(`capsule outfits (200-piece wardrobes, casual autumn 14 °C):\n  ${rows.join("\n  ")}`);
  }, 120_000);
});
