import { describe, expect, it } from "vitest";
import { outfitProblems, slotNeeds, slotOf, weatherAllows, weatherBand } from "./slots";
import { fixtureWardrobe } from "./testing/fixture-wardrobe";
import { makeItem } from "./testing/synthetic-wardrobe";

const w = fixtureWardrobe();
const get = (id: string) => w.find((i) => i.id === id)!;
const codes = (ids: string[], ctx = {}) => outfitProblems(ids.map(get), ctx).map((p) => p.code);

describe("slots", () => {
  it("takes the slot from the subtype when it knows it, else from the category", () => {
    expect(slotOf({ category: "top", subtype: "cardigan" })).toBe("outerwear");
    expect(slotOf({ category: "dress", subtype: "jumpsuit" })).toBe("dress");
    expect(slotOf({ category: "bottom", subtype: "something new" })).toBe("bottom");
    expect(slotOf({ category: null, subtype: null })).toBeNull();
  });

  it("accepts top + bottom + shoes and dress + shoes, with optional layers", () => {
    expect(codes(["tee-white", "jeans", "sneakers"])).toEqual([]);
    expect(codes(["dress-green", "sneakers"])).toEqual([]);
    expect(codes(["sweater-navy", "chinos-camel", "boots", "coat-camel", "tote", "scarf"])).toEqual([]);
  });

  it("never allows two bottoms, a dress with separates, or no shoes", () => {
    expect(codes(["tee-white", "jeans", "chinos-camel", "sneakers"])).toContain("duplicate-slot");
    expect(codes(["dress-green", "jeans", "sneakers"])).toContain("dress-with-separates");
    expect(codes(["tee-white", "jeans"])).toEqual(["no-shoes"]);
    expect(codes(["tee-white", "sneakers"])).toEqual(["no-core"]);
    const unknown = makeItem({ id: "x", category: null, name: "Mystery" });
    expect(outfitProblems([unknown])[0]!.message).toBe('"Mystery" has no category yet.');
  });

  it("applies the weather rules: closed shoes in rain and cold, no coat in heat (raincoat in rain excepted)", () => {
    expect(codes(["tee-white", "jeans", "sandals"], { rain: true })).toEqual(["weather"]);
    expect(outfitProblems(["tee-white", "jeans", "sandals"].map(get), { rain: true })[0]!.message).toBe("Sandals in the rain: pick closed shoes or boots.");
    expect(codes(["tee-white", "jeans", "sandals"], { temperatureC: 4 })).toEqual(["weather"]);
    expect(codes(["tee-white", "jeans", "sandals"], { temperatureC: 30 })).toEqual([]);
    expect(codes(["tee-white", "jeans", "sneakers", "coat-camel"], { temperatureC: 30 })).toEqual(["weather"]);
    expect(weatherAllows("outerwear", "raincoat", { temperatureC: 30, rain: true })).toBe(true);
    expect(weatherAllows("outerwear", "coat", { temperatureC: 30, rain: true })).toBe(false);
  });

  it("asks for outerwear when cold or wet, a bag for work, and no layers in heat", () => {
    expect(weatherBand(4)).toBe("cold");
    expect(weatherBand(12)).toBe("cool");
    expect(weatherBand(20)).toBe("mild");
    expect(weatherBand(30)).toBe("hot");
    expect(weatherBand(null)).toBe("unknown");
    expect(slotNeeds({ temperatureC: 3 }).outerwear).toBe("required");
    expect(slotNeeds({ temperatureC: 20, rain: true }).outerwear).toBe("required");
    expect(slotNeeds({ temperatureC: 14 }).outerwear).toBe("preferred");
    expect(slotNeeds({ temperatureC: 29 }).outerwear).toBe("excluded");
    expect(slotNeeds({ occasion: "work" }).bag).toBe("preferred");
    expect(slotNeeds({}).bag).toBe("optional");
  });
});
