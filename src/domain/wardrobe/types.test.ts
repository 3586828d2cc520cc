import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { displayName, newItem } from "./item";
import { CATEGORIES, currentSubtype, isTaughtKindName, RENAMED_SUBTYPES, SUBTYPES } from "./types";

describe("the wardrobe's kinds", () => {
  it("are the stored vocabulary: a name changed here needs a RENAMED_SUBTYPES entry, or old items lose their kind", () => {
    expect(SUBTYPES).toEqual({
      top: ["t-shirt", "shirt", "blouse", "sweater", "hoodie", "tank top", "polo"],
      bottom: ["trousers", "jeans", "shorts", "skirt", "leggings"],
      dress: ["dress", "jumpsuit", "overalls"],
      outerwear: ["coat", "jacket", "blazer", "cardigan", "raincoat"],
      shoes: ["sneakers", "boots", "sandals", "heels", "loafers", "flats"],
      bag: ["handbag", "backpack", "tote", "clutch", "crossbody"],
      accessory: ["scarf", "hat", "belt", "jewellery", "glasses", "watch", "tie", "socks", "gloves"],
    });
    expect(Object.keys(SUBTYPES)).toEqual([...CATEGORIES]);
  });

  it("hold every kind the classifier can answer, in the category it files it under (models/labels.json)", () => {
    const table = JSON.parse(readFileSync(new URL("../../../models/labels.json", import.meta.url), "utf8")) as {
      classes: { key: string; category: string | null; subtype?: string }[];
    };
    const garments = table.classes.filter((c) => c.category !== null);
    expect(garments.length).toBeGreaterThanOrEqual(20);
    for (const c of garments) expect(SUBTYPES[c.category as keyof typeof SUBTYPES], c.key).toContain(c.subtype);
  });

  it("maps renamed kinds read from old rows, backups and other devices", () => {
    expect(RENAMED_SUBTYPES).toEqual({ sunglasses: "glasses" });
    expect(currentSubtype("sunglasses")).toBe("glasses");
    expect(currentSubtype("kimono")).toBe("kimono");
    expect(currentSubtype(null)).toBeNull();
  });
});

describe("isTaughtKindName: a kind the user names", () => {
  it.each([
    ["kimono", "top"],
    ["tie clip", "accessory"],
    ["sari with a long pallu, folded at the end".slice(0, 40), "dress"],
    ["ṡari", "dress"],
  ] as const)("accepts %j in %s", (name, category) => {
    expect(isTaughtKindName(category, name)).toBe(true);
  });

  it.each([
    ["", "empty"],
    ["   ", "only spaces"],
    [" kimono", "untrimmed"],
    ["kimono ", "untrimmed at the end"],
    ["k".repeat(41), "over 40 characters"],
    ["a<b", "markup"],
    ["a>b", "markup"],
    ["tab\there", "a control character"],
  ])("refuses %j (%s)", (name) => {
    expect(isTaughtKindName("top", name)).toBe(false);
  });

  it("takes exactly 40 characters", () => {
    expect(isTaughtKindName("top", "k".repeat(40))).toBe(true);
  });

  it("refuses a built-in kind, of this category or of another", () => {
    expect(isTaughtKindName("top", "shirt")).toBe(false);
    expect(isTaughtKindName("top", "jeans")).toBe(false);
    expect(isTaughtKindName("accessory", "sneakers")).toBe(false);
    for (const c of CATEGORIES) for (const s of SUBTYPES[c]) expect(isTaughtKindName("bag", s), s).toBe(false);
  });
});

describe("items", () => {
  it("start with every field present and empty, then the given ones", () => {
    const item = newItem("id-1", 1000, { name: "Blue shirt", category: "top" });
    expect(item).toEqual({
      id: "id-1",
      createdAt: 1000,
      updatedAt: 1000,
      name: "Blue shirt",
      category: "top",
      subtype: null,
      colours: [],
      seasons: [],
      occasions: [],
      material: "",
      brand: "",
      price: null,
      purchaseDate: null,
      gender: null,
      neckline: null,
      notes: "",
      favourite: false,
      wearCount: 0,
      lastWornAt: null,
      imageId: null,
      recognition: null,
      embedding: null,
      deletedAt: null,
    });
  });

  it("are named by their name, else their kind, else their category, capitalised", () => {
    expect(displayName({ name: "  my coat ", subtype: "coat", category: "outerwear" })).toBe("My coat");
    expect(displayName({ name: "   ", subtype: "coat", category: "outerwear" })).toBe("Coat");
    expect(displayName({ name: "", subtype: null, category: "outerwear" })).toBe("Outerwear");
    expect(displayName({ name: "", subtype: null, category: null })).toBe("Unnamed item");
  });
});
