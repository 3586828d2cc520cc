import { describe, expect, it } from "vitest";
import { EMPTY_QUERY, SORT_KEYS, SORT_LABELS, coloursInUse, kindsOf, queryWardrobe, searchText } from "./filter";
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
  it("sorts oldest first, least worn first, and breaks ties newest first", () => {
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, sort: "oldest" }))).toEqual(["a", "b", "c"]);
    // From an order that is neither: a comparator that ignored the dates would keep it.
    const shuffled = [items[1]!, items[2]!, items[0]!];
    expect(ids(queryWardrobe(shuffled, { ...EMPTY_QUERY, sort: "oldest" }))).toEqual(["a", "b", "c"]);
    expect(ids(queryWardrobe(shuffled, { ...EMPTY_QUERY, sort: "newest" }))).toEqual(["c", "b", "a"]);
    // c has never been worn (0), a 3 times, b 10 times.
    expect(ids(queryWardrobe(items, { ...EMPTY_QUERY, sort: "least-worn" }))).toEqual(["c", "a", "b"]);
    const twins = [newItem("old", 1, { wearCount: 2, price: 5 }), newItem("new", 9, { wearCount: 2, price: 5 })];
    for (const sort of ["most-worn", "least-worn", "price-high", "price-low"] as const)
      expect(ids(queryWardrobe(twins, { ...EMPTY_QUERY, sort })), sort).toEqual(["new", "old"]);
    // Two items without a price keep the newest first, after the priced ones.
    const unpriced = [newItem("p", 1, { price: 1 }), newItem("u1", 2), newItem("u2", 3)];
    expect(ids(queryWardrobe(unpriced, { ...EMPTY_QUERY, sort: "price-high" }))).toEqual(["p", "u2", "u1"]);
    expect(ids(queryWardrobe(unpriced, { ...EMPTY_QUERY, sort: "price-low" }))).toEqual(["p", "u2", "u1"]);
    expect(Object.keys(SORT_LABELS)).toEqual([...SORT_KEYS]);
    expect(SORT_LABELS["price-low"]).toBe("Price: low to high");
  });
  it("filters by kind within a category, a taught kind included", () => {
    const more = [...items, newItem("k", 6, { category: "dress", subtype: "kimono" })];
    expect(ids(queryWardrobe(more, { ...EMPTY_QUERY, category: "outerwear", kind: "blazer" }))).toEqual(["a"]);
    expect(ids(queryWardrobe(more, { ...EMPTY_QUERY, kind: "kimono" }))).toEqual(["k"]);
    expect(ids(queryWardrobe(more, { ...EMPTY_QUERY, kind: null }))).toEqual(["k", "c", "b", "a"]);
  });
  it("searches the kind, the category, the neckline and the colour names too; spaces around words do not matter", () => {
    const shirt = newItem("s", 1, { category: "top", subtype: "polo", neckline: "v-neck", colours: [{ hex: "#2e7d4f", name: "green", share: 1 }] });
    expect(searchText(shirt)).toBe(["", "top", "polo", "", "", "", "v-neck", "green"].join(" "));
    for (const text of ["polo", "TOP", "v-neck", "green", "  green   polo  "])
      expect(ids(queryWardrobe([shirt, items[2]!], { ...EMPTY_QUERY, text })), text).toEqual(["s"]);
  });
  it("offers a category's built-in kinds, then the kinds the user taught on live items, A–Z", () => {
    const taught = [
      newItem("1", 1, { category: "dress", subtype: "kimono" }),
      newItem("2", 2, { category: "dress", subtype: "abaya" }),
      newItem("3", 3, { category: "dress", subtype: "kimono" }),
      newItem("4", 4, { category: "dress", subtype: "sari", deletedAt: 5 }),
      newItem("5", 5, { category: "top", subtype: "tunic" }),
      newItem("6", 6, { category: "dress", subtype: "dress" }),
      newItem("7", 7, { category: "dress", subtype: null }),
    ];
    expect(kindsOf(taught, "dress")).toEqual(["dress", "jumpsuit", "overalls", "abaya", "kimono"]);
    expect(kindsOf([], "dress")).toEqual(["dress", "jumpsuit", "overalls"]);
  });
  it("lists colours in use and readable names", () => {
    expect(coloursInUse(items)).toEqual(["navy", "white"]);
    // A–Z, and a deleted item's colours are not offered.
    const more = [
      newItem("z", 1, {
        colours: [
          { hex: "#f8f8f8", name: "white", share: 1 },
          { hex: "#1a1a1a", name: "black", share: 1 },
        ],
      }),
    ];
    expect(coloursInUse([...more, newItem("y", 2, { deletedAt: 3, colours: [{ hex: "#c62f2f", name: "red", share: 1 }] })])).toEqual(["black", "white"]);
    expect(displayName(items[1]!)).toBe("T-shirt");
    expect(displayName(newItem("x", 0))).toBe("Unnamed item");
  });
});
