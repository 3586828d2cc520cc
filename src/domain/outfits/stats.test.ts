import { describe, expect, it } from "vitest";
import { categoryBalance, colourPalette, costPerWear, neverWorn, wardrobeStats, wearStats } from "./stats";
import { colour, makeItem } from "./testing/synthetic-wardrobe";

const items = [
  makeItem({ id: "a", category: "top", price: 40, wearCount: 10, lastWornAt: 5, colours: [colour("navy", 0.7), colour("white", 0.3)], createdAt: 1 }),
  makeItem({ id: "b", category: "bottom", price: 90, wearCount: 3, lastWornAt: 9, colours: [colour("camel")], createdAt: 2 }),
  makeItem({ id: "c", category: "shoes", price: 120, wearCount: 0, colours: [colour("white")], createdAt: 3 }),
  makeItem({ id: "d", category: "top", price: null, wearCount: 0, colours: [{ hex: "#1f2a44", name: "midnight", share: 1 }], createdAt: 0 }),
  makeItem({ id: "gone", category: "dress", price: 500, wearCount: 50, deletedAt: 1 }),
  makeItem({ id: "e", category: null, colours: [] }),
];

describe("wardrobe statistics", () => {
  it("computes cost per wear, null when never worn or unpriced", () => {
    expect(costPerWear(items[0]!)).toBe(4);
    expect(costPerWear(items[1]!)).toBe(30);
    expect(costPerWear(items[2]!)).toBeNull();
    expect(costPerWear({ price: null, wearCount: 4 })).toBeNull();
  });

  it("lists wear counts, most worn first, without deleted items", () => {
    const s = wearStats(items);
    expect(s.map((w) => w.item.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(s[0]).toMatchObject({ wearCount: 10, costPerWear: 4 });
  });

  it("finds never-worn items, oldest first", () => {
    expect(neverWorn(items).map((i) => i.id)).toEqual(["d", "e", "c"]);
  });

  it("aggregates the colour palette by palette name, shares summing to 1", () => {
    const p = colourPalette(items);
    expect(p.map((c) => c.name)).toEqual(["navy", "white", "camel"]);
    // navy: 0.7 (a) + 1 (d, "midnight" named by its hex) of 4 coloured items.
    expect(p[0]!.share).toBeCloseTo(1.7 / 4, 10);
    expect(p[0]!.items).toBe(2);
    expect(p.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 10);
  });

  it("balances categories, listing empty ones and the uncategorised", () => {
    const b = categoryBalance(items);
    expect(b.find((c) => c.category === "top")).toEqual({ category: "top", count: 2, share: 2 / 5 });
    expect(b.find((c) => c.category === "dress")!.count).toBe(0);
    expect(b.find((c) => c.category === "uncategorised")!.count).toBe(1);
  });

  it("summarises the wardrobe", () => {
    const s = wardrobeStats(items);
    expect(s.itemCount).toBe(5);
    expect(s.totalWears).toBe(13);
    expect(s.totalValue).toBe(250);
    expect(s.averageCostPerWear).toBeCloseTo(130 / 13, 10);
    expect(s.mostWorn.map((w) => w.item.id)).toEqual(["a", "b"]);
    expect(wardrobeStats([]).averageCostPerWear).toBeNull();
  });
});
