import { describe, expect, it } from "vitest";
import { EMPTY_QUERY, coloursInUse, queryWardrobe } from "./filter";
import { displayName, newItem } from "./item";
import type { Item } from "./types";

const items: Item[] = [
  newItem("a", 1, {
    name: "Navy blazer",
    category: "outerwear",
    subtype: "blazer",
    colours: [{ hex: "#1f2a56", name: "navy", share: 1 }],
    seasons: ["autumn"],
    occasions: ["work"],
    price: 120,
    wearCount: 3,
  }),
  newItem("b", 2, {
    category: "top",
    subtype: "t-shirt",
    brand: "Acme",
    colours: [{ hex: "#f8f8f8", name: "white", share: 1 }],
    seasons: ["summer"],
    favourite: true,
    wearCount: 10,
  }),
  newItem("c", 3, { name: "Red dress", category: "dress", price: 60, occasions: ["party"], notes: "silk, dry clean" }),
  newItem("d", 4, { name: "Gone", category: "top", deletedAt: 5 }),
];
const ids = (xs: Item[]) => xs.map((i) => i.id);

describe("queryWardrobe", () => {
  it("hides deleted items and sorts newest first by default", () => {
    expect(ids(queryWardrobe(items, EMPTY_QUERY))).toEqual(["c", "b", "a"]);
  });
  it("filters by category, colour, season, occasion, favourite", () => {
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, category: "top" }))).toEqual(["b"]);
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, colour: "navy" }))).toEqual(["a"]);
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, season: "summer" }))).toEqual(["b"]);
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, occasion: "party" }))).toEqual(["c"]);
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, favouritesOnly: true }))).toEqual(["b"]);
  });
  it("searches every word across name, brand, notes, subtype, case-insensitively", () => {
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, text: "acme" }))).toEqual(["b"]);
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, text: "SILK dress" }))).toEqual(["c"]);
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, text: "silk blazer" }))).toEqual([]);
  });
  it("sorts by wear and by price, unknown prices last", () => {
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, sort: "most-worn" }))).toEqual(["b", "a", "c"]);
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, sort: "price-high" }))).toEqual(["a", "c", "b"]);
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, sort: "price-low" }))).toEqual(["c", "a", "b"]);
  });
  it("lists colours in use and readable names", () => {
    expect(coloursInUse(items)).toEqual(["navy", "white"]);
    expect(displayName(items[1]!)).toBe("T-shirt");
    expect(displayName(newItem("x", 0))).toBe("Unnamed item");
  });
});
