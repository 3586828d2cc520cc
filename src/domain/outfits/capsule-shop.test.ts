/** The capsule's best piece from a shop's catalog: what to ask for, and products ranked by the outfits they would add. */
import { describe, expect, it } from "vitest";
import { API_COLOURS } from "@api/contract";
import { buildCapsule, capsuleOutfits } from "./capsule";
import { CATALOG_COLOURS, catalogPieceItem, catalogWants, rankCatalogProducts, type CatalogProduct } from "./capsule-shop";
import { NOW, piece, stylistWardrobe } from "./testing/stylist-wardrobe";
import type { OutfitContext } from "./types";

const casual: OutfitContext = { occasion: "casual", temperatureC: 16, now: NOW };

/** A catalog product as the shop service sends it (only the fields scored). */
const product = (id: string, category: CatalogProduct["category"], subtype: string, colour: string, extra: Partial<CatalogProduct> = {}): CatalogProduct => ({
  id,
  name: `${colour} ${subtype}`,
  brand: "Halden",
  category,
  subtype,
  gender: "unisex",
  colour,
  price: { amount: 49.95, currency: "EUR" },
  ...extra,
});

/** Tops and bottoms only: no outfit can be made until shoes come. */
const noShoes = () => [
  piece("white-tee", "top", "t-shirt", "white"),
  piece("navy-sweater", "top", "sweater", "navy"),
  piece("camel-chinos", "bottom", "trousers", "camel"),
  piece("jeans", "bottom", "jeans", "denim blue"),
];

describe("the capsule's best piece from the catalog", () => {
  it("a capsule without shoes: a shoe product wins, a top that completes nothing is left out", () => {
    const capsule = noShoes();
    expect(capsuleOutfits(capsule, casual)).toHaveLength(0);
    const ranked = rankCatalogProducts(capsule, casual, [
      product("p-top", "top", "shirt", "white"),
      product("p-shoe", "shoes", "sneakers", "white"),
      product("p-bottom", "bottom", "trousers", "black"),
    ]);
    expect(ranked.map((r) => r.product.id)).toEqual(["p-shoe"]);
    expect(ranked[0]!.adds).toBeGreaterThanOrEqual(3);
  });

  it("the gain is the capsule's own count: the outfits with the product minus the outfits without", () => {
    const capsule = buildCapsule(stylistWardrobe(), casual, { size: 6 }).items;
    const products = [
      product("a", "shoes", "boots", "black"),
      product("b", "top", "shirt", "white"),
      product("c", "bottom", "trousers", "navy"),
      product("d", "top", "t-shirt", "yellow"),
      product("e", "shoes", "sandals", "brown"),
    ];
    const ranked = rankCatalogProducts(capsule, casual, products);
    expect(ranked.length).toBeGreaterThan(0);
    const before = capsuleOutfits(capsule, casual).length;
    for (const r of ranked) expect(capsuleOutfits([...capsule, catalogPieceItem(r.product, NOW)], casual).length - before, r.product.id).toBe(r.adds);
    for (let k = 1; k < ranked.length; k++) expect(ranked[k]!.adds).toBeLessThanOrEqual(ranked[k - 1]!.adds);
  });

  it("ties are broken the same way whatever order the catalog answers in; a product sent twice counts once", () => {
    const capsule = noShoes();
    const products = [
      product("z-shoe", "shoes", "sneakers", "white"),
      product("a-shoe", "shoes", "sneakers", "white"),
      product("m-shoe", "shoes", "sneakers", "white"),
    ];
    const one = rankCatalogProducts(capsule, casual, products).map((r) => r.product.id);
    const other = rankCatalogProducts(capsule, casual, [...products].reverse().concat(products[0]!)).map((r) => r.product.id);
    expect(one).toEqual(["a-shoe", "m-shoe", "z-shoe"]);
    expect(other).toEqual(one);
  });

  it("what is inferred for untagged pieces holds for products: no sneakers or hoodie for a formal capsule", () => {
    const formal: OutfitContext = { occasion: "formal", temperatureC: 16, now: NOW };
    const capsule = [piece("white-shirt", "top", "shirt", "white"), piece("black-trousers", "bottom", "trousers", "black")];
    const ranked = rankCatalogProducts(capsule, formal, [product("sneaker", "shoes", "sneakers", "white"), product("loafer", "shoes", "loafers", "black")]);
    expect(ranked.map((r) => r.product.id)).toEqual(["loafer"]);
    const wants = catalogWants(capsule, formal);
    expect(wants.length).toBeGreaterThan(0);
    expect(wants.map((w) => w.subtype)).not.toContain("sneakers");
    expect(wants.every((w) => w.category === "shoes" || w.category === "dress")).toBe(true);
  });

  it("ties in outfits added go to what suits the season when no temperature is given: boots for winter, sandals for summer", () => {
    const capsule = noShoes();
    const shoes = [product("sandals", "shoes", "sandals", "black"), product("boots", "shoes", "boots", "black")];
    const winter = rankCatalogProducts(capsule, { occasion: "casual", season: "winter", now: NOW }, shoes);
    const summer = rankCatalogProducts(capsule, { occasion: "casual", season: "summer", now: NOW }, shoes);
    expect(winter.map((r) => r.adds)).toEqual([winter[0]!.adds, winter[0]!.adds]);
    expect(winter.map((r) => r.product.id)).toEqual(["boots", "sandals"]);
    expect(summer.map((r) => r.product.id)).toEqual(["sandals", "boots"]);
    // The date's season counts too (a hemisphere known, no season chosen): December in the north.
    const december = new Date(2026, 11, 5, 19).getTime();
    expect(catalogWants(capsule, { occasion: "casual", hemisphere: "north", now: december })[0]!.subtype).not.toBe("sandals");
    expect(catalogWants(capsule, { occasion: "casual", hemisphere: "south", now: december }).map((w) => w.subtype)).not.toContain("boots");
  });

  it("a product for another gender, or sandals on a cold day, adds nothing", () => {
    const capsule = noShoes();
    const ctx: OutfitContext = { ...casual, gender: "women" };
    expect(rankCatalogProducts(capsule, ctx, [product("mens", "shoes", "boots", "black", { gender: "men" })])).toEqual([]);
    expect(rankCatalogProducts(capsule, ctx, [product("womens", "shoes", "boots", "black", { gender: "women" })])).toHaveLength(1);
    expect(rankCatalogProducts(capsule, { ...casual, temperatureC: 2 }, [product("sandal", "shoes", "sandals", "brown")])).toEqual([]);
  });

  it("what to ask for: shoes first for a capsule without them, at most two kinds per category, each adding outfits", () => {
    const wants = catalogWants(noShoes(), casual);
    expect(wants[0]!.category).toBe("shoes");
    expect(wants.filter((w) => w.category === "shoes").length).toBeLessThanOrEqual(2);
    expect(wants.length).toBeLessThanOrEqual(6);
    for (const w of wants) expect(w.adds).toBeGreaterThan(0);
    for (const w of wants) expect(Object.keys(CATALOG_COLOURS)).toContain(w.colour);
    // A full capsule still gets asks in more than one category when several would add outfits.
    const capsule = buildCapsule(stylistWardrobe(), casual, { size: 6 }).items;
    const more = catalogWants(capsule, casual);
    expect(new Set(more.map((w) => w.category)).size).toBeGreaterThan(1);
    for (let k = 1; k < more.length; k++) expect(more[k]!.adds).toBeLessThanOrEqual(more[k - 1]!.adds);
  });

  it("every catalog colour is scored as a palette colour; a product without one is a piece without colour", () => {
    for (const c of API_COLOURS) expect(catalogPieceItem(product("x", "top", "shirt", c), NOW).colours, c).toHaveLength(1);
    expect(catalogPieceItem({ ...product("x", "top", "shirt", "red"), colour: undefined }, NOW).colours).toEqual([]);
    const item = catalogPieceItem(product("fm-1", "shoes", "Boots", "navy"), NOW);
    expect(item).toMatchObject({ id: "catalog:fm-1", category: "shoes", subtype: "boots", gender: "unisex", price: 49.95 });
    expect(item.colours[0]!.name).toBe("navy");
  });
});
