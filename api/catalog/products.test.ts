import { describe, expect, it } from "vitest";
import { API_CATEGORIES, API_GENDERS } from "../contract";
import { CLASSES, describeProduct, parseProductId, productId } from "./products";

describe("demo product metadata", () => {
  it("is deterministic in (split, index, label) and differs between products", () => {
    expect(describeProduct("train", 12345, 3)).toEqual(describeProduct("train", 12345, 3));
    const names = new Set(Array.from({ length: 200 }, (_, i) => describeProduct("train", i, i % 10).name + describeProduct("train", i, i % 10).brand));
    expect(names.size).toBeGreaterThan(150);
  });

  it("has the contract's id format and round-trips it", () => {
    expect(productId("train", 42)).toBe("fm-train-000042");
    expect(parseProductId("fm-test-009999")).toEqual({ split: "test", index: 9999 });
    for (const bad of ["fm-train-42", "fm-valid-000001", "fm-train-0000001", "xfm-train-000001"]) expect(parseProductId(bad)).toBeNull();
    expect(describeProduct("train", 42, 0).imageUrl).toBe("/v1/products/fm-train-000042/image.png");
  });

  it("takes category and subtype from models/labels.json; dresses are women's; prices are EUR with 2 decimals in range", () => {
    const genders = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const label = i % 10;
      const p = describeProduct("train", i, label);
      expect(p.category).toBe(CLASSES[label]!.category);
      expect(p.subtype).toBe(CLASSES[label]!.subtype);
      expect(API_CATEGORIES).toContain(p.category);
      expect(API_GENDERS).toContain(p.gender);
      if (p.category === "dress") expect(p.gender).toBe("women");
      else genders.add(p.gender);
      expect(p.price.currency).toBe("EUR");
      expect(p.price.amount).toBeGreaterThan(5);
      expect(p.price.amount).toBeLessThan(400);
      expect(Math.round(p.price.amount * 100) / 100).toBe(p.price.amount);
      expect(p.name).toMatch(/^[A-Z]/);
    }
    expect([...genders].sort()).toEqual(["men", "unisex", "women"]);
    expect(() => describeProduct("train", 1, 10)).toThrow(RangeError);
  });
});
