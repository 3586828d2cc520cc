import { describe, expect, it } from "vitest";
import { API_CATEGORIES, API_COLOURS, MAX_TEXT_CHARS } from "@api/contract";
import type { CatalogWant } from "@domain/outfits";
import { capsuleShopQueries, productsOf } from "./capsuleQuery";

const wants: CatalogWant[] = [
  { category: "shoes", subtype: "boots", colour: "black", adds: 6 },
  { category: "top", subtype: "t-shirt", colour: "navy", adds: 2 },
];

describe("what the capsule's shop search sends", () => {
  it("words and filters only: the colour and kind, the category, the gender when known", () => {
    const qs = capsuleShopQueries(wants, "women");
    expect(qs).toEqual([
      { text: "black boots", k: 8, category: "shoes", gender: "women" },
      { text: "navy t-shirt", k: 8, category: "top", gender: "women" },
    ]);
    for (const q of qs) {
      expect(Object.keys(q).sort()).toEqual(["category", "gender", "k", "text"]);
      expect(API_CATEGORIES).toContain(q.category);
      expect([...q.text].length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
      expect(API_COLOURS.some((c) => q.text.startsWith(`${c} `))).toBe(true);
    }
    expect(capsuleShopQueries(wants, null)[0]).toEqual({ text: "black boots", k: 8, category: "shoes" });
  });

  it("a colour the catalog does not know is not asked for", () => {
    expect(capsuleShopQueries([{ category: "top", subtype: "shirt", colour: "chartreuse", adds: 1 }], null)).toEqual([]);
  });

  it("productsOf flattens the answers in order", () => {
    const p = (id: string) => ({
      id,
      name: id,
      brand: "b",
      category: "top" as const,
      subtype: "shirt",
      gender: "unisex" as const,
      price: { amount: 1, currency: "EUR" },
      imageUrl: "x",
    });
    const answers = [
      { results: [{ score: 1, product: p("a") }], candidates: 1, tookMs: 1, understood: { words: "" } },
      {
        results: [
          { score: 1, product: p("b") },
          { score: 1, product: p("a") },
        ],
        candidates: 2,
        tookMs: 1,
        understood: { words: "" },
      },
    ];
    expect(productsOf(answers).map((x) => x.id)).toEqual(["a", "b", "a"]);
  });
});
