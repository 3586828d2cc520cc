/**
 * Occasion floors, at their edges: the formality range each occasion allows (core pieces,
 * and bags and accessories with their own floor), what tags override and what they do
 * not, and the stylist's words for what to add.
 */
import { describe, expect, it } from "vitest";
import type { Occasion } from "../wardrobe/types";
import { occasionAdvice, suitsOccasion, warmthAdvice } from "./occasion";
import { prepareItem, type PreparedItem } from "./prepare";
import { piece } from "./testing/stylist-wardrobe";

const base = {
  top: prepareItem(piece("top", "top", "shirt", "white"))!,
  shoes: prepareItem(piece("shoes", "shoes", "loafers", "black"))!,
  bag: prepareItem(piece("bag", "bag", "tote", "black"))!,
  accessory: prepareItem(piece("acc", "accessory", "watch", "black"))!,
};
const at = (slot: keyof typeof base, formality: number, over: Partial<PreparedItem> = {}): PreparedItem => ({
  ...base[slot],
  formality,
  athletic: false,
  sunglasses: false,
  occasionMask: 0,
  ...over,
});

describe("suitsOccasion", () => {
  it("anything goes with no occasion", () => {
    expect(suitsOccasion(at("top", 0, { athletic: true }), null)).toBe(true);
    expect(suitsOccasion(at("top", 0), undefined)).toBe(true);
  });

  const EDGES: [Occasion, number, number][] = [
    // occasion, lowest formality that goes, highest (core pieces)
    ["formal", 0.5, 1],
    ["work", 0.2, 1],
    ["party", 0.2, 1],
    ["casual", 0, 1],
    ["sport", 0, 0.45],
    ["outdoor", 0, 0.65],
  ];
  it.each(EDGES)("%s: a core piece goes from formality %s to %s, inclusive", (occasion, min, max) => {
    expect(suitsOccasion(at("top", min), occasion)).toBe(true);
    expect(suitsOccasion(at("top", max), occasion)).toBe(true);
    if (min > 0) expect(suitsOccasion(at("top", min - 0.01), occasion)).toBe(false);
    if (max < 1) expect(suitsOccasion(at("top", max + 0.01), occasion)).toBe(false);
  });

  it("bags and accessories: a floor of 0.4 for formal only, and no ceiling", () => {
    for (const slot of ["bag", "accessory"] as const) {
      expect(suitsOccasion(at(slot, 0.4), "formal"), slot).toBe(true);
      expect(suitsOccasion(at(slot, 0.39), "formal"), slot).toBe(false);
      expect(suitsOccasion(at(slot, 0), "work"), slot).toBe(true);
      expect(suitsOccasion(at(slot, 1), "sport"), slot).toBe(true);
      expect(suitsOccasion(at(slot, 1), "outdoor"), slot).toBe(true);
    }
  });

  it("the user's tag lets a piece go whatever its formality", () => {
    // A blazer tagged for sport, through prepareItem (the tag also pulls its formality down, to 0.38).
    const tagged = prepareItem(piece("blazer", "outerwear", "blazer", "navy", { occasions: ["sport"] }))!;
    expect(suitsOccasion(tagged, "sport")).toBe(true);
    expect(suitsOccasion({ ...tagged, formality: 0.8 }, "sport")).toBe(true);
    expect(suitsOccasion({ ...tagged, formality: 0.8, occasionMask: 0 }, "sport")).toBe(false);
    const formalTag = prepareItem(piece("tee", "top", "t-shirt", "white", { occasions: ["formal"] }))!;
    expect(suitsOccasion(formalTag, "formal")).toBe(true);
    expect(suitsOccasion(formalTag, "work")).toBe(true);
    expect(suitsOccasion({ ...formalTag, formality: 0.1 }, "work")).toBe(false);
  });

  it("sportswear never goes to a formal occasion, tagged or not", () => {
    const hoodie = prepareItem(piece("hoodie", "top", "hoodie", "grey", { occasions: ["formal"] }))!;
    expect(hoodie.athletic).toBe(true);
    expect(suitsOccasion(hoodie, "formal")).toBe(false);
    expect(suitsOccasion(at("top", 0.9, { athletic: true }), "formal")).toBe(false);
    expect(suitsOccasion(at("bag", 0.9, { athletic: true }), "formal")).toBe(false);
  });

  it("athletic tops and bottoms do not go to work or a party; athletic shoes, bags and accessories may", () => {
    for (const occasion of ["work", "party"] as const) {
      expect(suitsOccasion(at("top", 0.5, { athletic: true }), occasion), occasion).toBe(false);
      expect(suitsOccasion(at("shoes", 0.5, { athletic: true }), occasion), occasion).toBe(true);
      expect(suitsOccasion(at("bag", 0.5, { athletic: true }), occasion), occasion).toBe(true);
      expect(suitsOccasion(at("accessory", 0.5, { athletic: true }), occasion), occasion).toBe(true);
    }
    expect(suitsOccasion(at("top", 0.3, { athletic: true }), "casual")).toBe(true);
  });

  it("sunglasses do not go to a formal occasion (unless tagged for it)", () => {
    expect(suitsOccasion(at("accessory", 0.9, { sunglasses: true }), "formal")).toBe(false);
    expect(suitsOccasion(at("accessory", 0.9, { sunglasses: true }), "party")).toBe(true);
    const tagged = prepareItem(piece("shades", "accessory", "glasses", "black", { name: "Sunglasses", occasions: ["formal"] }))!;
    expect(tagged.sunglasses).toBe(true);
    expect(suitsOccasion(tagged, "formal")).toBe(true);
  });
});

describe("advice", () => {
  it("what to add for an occasion, per slot, in a stylist's words", () => {
    expect(occasionAdvice("shoes", "formal")).toBe("a smarter shoe (loafers, heels or dress shoes)");
    expect(occasionAdvice("top", "work")).toBe("a smarter top (a shirt or blouse)");
    expect(occasionAdvice("bottom", "party")).toBe("smarter trousers or a skirt");
    expect(occasionAdvice("dress", "formal")).toBe("a smarter dress");
    expect(occasionAdvice("outerwear", "formal")).toBe("a smarter layer such as a blazer or a tailored coat");
    expect(occasionAdvice("shoes", "sport")).toBe("trainers");
    expect(occasionAdvice("bottom", "sport")).toBe("sports shorts, joggers or leggings");
    expect(occasionAdvice("top", "sport")).toBe("a sports top");
    expect(occasionAdvice("dress", "sport")).toBe("sportswear");
    expect(occasionAdvice("outerwear", "sport")).toBe("a sports jacket");
    expect(occasionAdvice("shoes", "outdoor")).toBe("sturdy shoes or boots");
    expect(occasionAdvice("top", "outdoor")).toBe("a practical top");
    expect(occasionAdvice("bottom", "outdoor")).toBe("practical trousers or shorts");
    expect(occasionAdvice("dress", "outdoor")).toBe("something practical to walk in");
    expect(occasionAdvice("outerwear", "outdoor")).toBe("a practical jacket");
    expect(occasionAdvice("bag", "formal")).toBe("a bag for formal");
    expect(occasionAdvice("accessory", "sport")).toBe("an accessory for sport");
  });

  it("what to add for the temperature, per slot", () => {
    expect(warmthAdvice("shoes", true)).toBe("warmer shoes such as boots");
    expect(warmthAdvice("shoes", false)).toBe("lighter shoes");
    expect(warmthAdvice("bottom", true)).toBe("warmer trousers");
    expect(warmthAdvice("bottom", false)).toBe("lighter trousers, shorts or a skirt");
    expect(warmthAdvice("outerwear", true)).toBe("a warm coat");
    expect(warmthAdvice("outerwear", false)).toBe("a lighter layer");
    expect(warmthAdvice("top", true)).toBe("a warmer top");
    expect(warmthAdvice("dress", false)).toBe("a lighter dress");
  });
});
