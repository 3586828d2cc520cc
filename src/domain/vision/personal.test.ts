import { describe, expect, it } from "vitest";
import { type KindProbability, PERSONAL_DEFAULTS, memoryFrom, personalise } from "./personal";

const model: KindProbability[] = [
  { category: "bag", subtype: "handbag", label: "Bag", p: 0.9 },
  { category: "bottom", subtype: "shorts", label: "Shorts", p: 0.08 },
  { category: null, subtype: null, label: "Not clothing", p: 0.02 },
];

/** A unit vector at angle θ from e0 in the e0–e1 plane (cosine with e0 = cos θ). */
function at(cos: number, dim = 8): number[] {
  const v = new Array<number>(dim).fill(0);
  v[0] = cos;
  v[1] = Math.sqrt(1 - cos * cos);
  return v;
}
const photo = at(1);
const sum = (r: KindProbability[]) => r.reduce((a, b) => a + b.p, 0);

describe("personalise", () => {
  it("is the classifier alone when the user has taught nothing", () => {
    const r = personalise(model, photo, []);
    expect(r.personalWeight).toBe(0);
    expect(r.ranked.map((k) => k.p)).toEqual([0.9, 0.08, 0.02]);
  });

  it("files a close look-alike of a corrected item as the user said", () => {
    const r = personalise(model, photo, [{ embedding: at(0.99), category: "bottom", subtype: "shorts" }]);
    expect(r.ranked[0]!.subtype).toBe("shorts");
    expect(r.ranked[0]!.p).toBeGreaterThan(0.8);
    expect(sum(r.ranked)).toBeCloseTo(1, 10);
  });

  it("leaves the answer to the classifier when the examples are far", () => {
    const r = personalise(model, photo, [{ embedding: at(0.3), category: "bottom", subtype: "shorts" }]);
    expect(r.ranked[0]!.subtype).toBe("handbag");
    expect(r.ranked[0]!.p).toBeGreaterThan(0.89);
    expect(r.personalWeight).toBeLessThan(1e-4);
  });

  it("an example exactly at the model similarity weighs as much as the classifier", () => {
    const s0 = PERSONAL_DEFAULTS.modelSimilarity;
    const r = personalise(model, photo, [{ embedding: at(s0), category: "bottom", subtype: "shorts" }]);
    expect(r.personalWeight).toBeCloseTo(0.5, 6);
    const shorts = r.ranked.find((k) => k.subtype === "shorts")!;
    expect(shorts.p).toBeCloseTo(0.5 + 0.5 * 0.08, 6);
  });

  it("offers a kind the model does not have once the user taught it", () => {
    const taught = [0.995, 0.99, 0.985].map((c) => ({ embedding: at(c), category: "dress" as const, subtype: "kimono" }));
    const r = personalise(model, photo, taught, PERSONAL_DEFAULTS, (_c, s) => s[0]!.toUpperCase() + s.slice(1));
    expect(r.ranked[0]).toMatchObject({ category: "dress", subtype: "kimono", label: "Kimono", taught: true });
  });

  it("ignores examples from another embedder (other dimension) and unit-normalises the rest", () => {
    const mem = memoryFrom(
      [
        { embedding: [1, 2, 3], category: "top", subtype: "shirt" },
        { embedding: at(0.5).map((x) => 3 * x), category: "top", subtype: "shirt" },
      ],
      8,
    );
    expect(mem.size).toBe(1);
    const v = mem.get("top/shirt")!.vectors[0]!;
    expect(Math.hypot(...v)).toBeCloseTo(1, 10);
    const r = personalise(model, photo, [{ embedding: [1, 0, 0], category: "bottom", subtype: "shorts" }]);
    expect(r.personalWeight).toBe(0);
  });

  it("keeps only the newest examples of a kind", () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ embedding: at(i < 10 ? 0.2 : 0.999), category: "bottom" as const, subtype: "shorts" }));
    const mem = memoryFrom(many, 8, 50);
    expect(mem.get("bottom/shorts")!.vectors).toHaveLength(50);
  });
});
