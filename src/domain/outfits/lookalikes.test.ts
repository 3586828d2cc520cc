import { describe, expect, it } from "vitest";
import { CATEGORIES, OCCASIONS, SEASONS, SUBTYPES, type Item } from "../wardrobe/types";
import { lookOf } from "./distinct";
import { prepareItem } from "./prepare";
import { suggestOutfits } from "./search";
import { colour, makeItem } from "./testing/synthetic-wardrobe";

/**
 * Big wardrobes hold many look-alikes (five white tees, three pairs of the same
 * jeans). Distinctness is judged by look (slot, type, colour), so when the extra
 * search rounds penalised only the chosen items, a twin of the chosen boots took
 * their place and every new outfit looked like one already chosen: 1–2 outfits at
 * 4–12 °C here before the fix. This wardrobe is the app's debug seeder's
 * (`?curator-debug`, spread categories): 8 colours, types cycling with the index.
 */
const COLOURS = ["navy", "white", "black", "red", "emerald", "beige", "cobalt", "grey"];
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

function lookalikeWardrobe(n: number): Item[] {
  return Array.from({ length: n }, (_, i) => {
    const category = pick(CATEGORIES, i);
    return makeItem({
      id: `i${i}`,
      category,
      subtype: pick(SUBTYPES[category], i),
      colours: [colour(pick(COLOURS, i * 5 + 1))],
      seasons: [pick(SEASONS, i), pick(SEASONS, i + 1)],
      occasions: [pick(OCCASIONS, i * 3)],
    });
  });
}

describe("suggestOutfits with many look-alike items", () => {
  const items = lookalikeWardrobe(10_000);
  for (const temperatureC of [4, 12, 20, 28]) {
    it(`${temperatureC} °C: several outfits with different looks`, () => {
      const { outfits } = suggestOutfits(items, { temperatureC, now: 0 });
      expect(outfits.length).toBeGreaterThanOrEqual(3);
      const looks = outfits.map((o) =>
        o.pieces
          .map((p) => lookOf(prepareItem(p.item)!))
          .sort()
          .join(" "),
      );
      expect(new Set(looks).size).toBe(outfits.length);
    });
  }
});
