import { describe, expect, it } from "vitest";
import { DEFAULT_K } from "@api/contract";
import type { Category, Gender } from "@domain/wardrobe/types";
import { searchRequest, type Filters } from "./query";

const g = { embedding: [0.6, 0.8, ...Array<number>(126).fill(0)], embedder: { name: "garment-embedder", version: 3 } };

describe("searchRequest", () => {
  it("sends the filters that are set, and only the keys of the contract", () => {
    expect(searchRequest(g, { category: "shoes", gender: "men" }, 4)).toEqual({ ...g, k: 4, category: "shoes", gender: "men" });
  });

  it("'any category' and no gender send no filter keys at all", () => {
    const r = searchRequest(g, { category: null, gender: null });
    expect(Object.keys(r).sort()).toEqual(["embedder", "embedding", "k"]);
    expect(r.k).toBe(DEFAULT_K);
  });

  it("the wardrobe's categories and genders are the contract's (a wardrobe value is a valid filter)", () => {
    // Compile-time: Category/Gender must be assignable to the contract's filter types.
    const f: Filters = { category: "top" satisfies Category, gender: "unisex" satisfies Gender };
    expect(searchRequest(g, f)).toMatchObject({ category: "top", gender: "unisex" });
  });
});
