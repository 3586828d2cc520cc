import { describe, expect, it } from "vitest";
import { type ClassLabel, garmentEnergy, logSumExp, recognise } from "./recognise";

const labels: ClassLabel[] = [
  { index: 0, category: "top", subtype: "t-shirt", label: "T-shirt / top" },
  { index: 1, category: "bag", subtype: "handbag", label: "Bag" },
  { index: 2, category: "bottom", subtype: "shorts", label: "Shorts" },
  { index: 3, category: null, subtype: null, label: "Not clothing", key: "not-clothing" },
];
const e0 = [1, 0, 0, 0];
const near = [0.995, Math.sqrt(1 - 0.995 ** 2), 0, 0];
const base = { labels, energy: 5, energyThreshold: 2, embedding: e0, examples: [], threshold: 0.93 };

describe("recognise", () => {
  it("files a confident garment", () => {
    const r = recognise({ ...base, probs: [0.96, 0.02, 0.01, 0.01] });
    expect(r).toMatchObject({ notClothing: false, confident: true, personalWeight: 0 });
    expect(r.top.map((t) => t.subtype)).toEqual(["t-shirt", "handbag", "shorts"]);
  });

  it("asks below the threshold", () => {
    const r = recognise({ ...base, probs: [0.6, 0.3, 0.05, 0.05] });
    expect(r.confident).toBe(false);
    expect(r.notClothing).toBe(false);
  });

  it("says 'not clothing' when that class wins, and never offers it as a guess", () => {
    const r = recognise({ ...base, probs: [0.05, 0.03, 0.02, 0.9] });
    expect(r.notClothing).toBe(true);
    expect(r.confident).toBe(false);
    expect(r.top.every((t) => t.category !== null)).toBe(true);
  });

  it("says 'not clothing' when the garment energy is below the threshold, even at high confidence", () => {
    const r = recognise({ ...base, probs: [0.97, 0.01, 0.01, 0.01], energy: 1.5 });
    expect(r).toMatchObject({ notClothing: true, confident: false });
  });

  it("the user's own look-alike example overrides a refusal", () => {
    const r = recognise({ ...base, probs: [0.05, 0.03, 0.02, 0.9], energy: 1, examples: [{ embedding: near, category: "dress", subtype: "kimono" }] });
    expect(r.notClothing).toBe(false);
    expect(r.top[0]).toMatchObject({ category: "dress", subtype: "kimono", taught: true });
    expect(r.personalWeight).toBeGreaterThan(0.5);
  });

  it("a correction changes the next prediction of a look-alike", () => {
    const before = recognise({ ...base, probs: [0.02, 0.95, 0.02, 0.01] });
    const after = recognise({ ...base, probs: [0.02, 0.95, 0.02, 0.01], examples: [{ embedding: near, category: "bottom", subtype: "shorts" }] });
    expect(before.top[0]!.subtype).toBe("handbag");
    expect(after.top[0]!.subtype).toBe("shorts");
  });
});

describe("garmentEnergy", () => {
  it("is logsumexp over the garment logits, leaving out 'not clothing'", () => {
    expect(garmentEnergy([1, 2, 3, 50], 3)).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), 10);
    expect(garmentEnergy([1, 2], null)).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(2)), 10);
  });
});

describe("recognise at its edges", () => {
  it("is confident exactly at the threshold, not a hair below", () => {
    expect(recognise({ ...base, probs: [0.93, 0.05, 0.01, 0.01] }).confident).toBe(true);
    expect(recognise({ ...base, probs: [0.9299, 0.0501, 0.01, 0.01] }).confident).toBe(false);
    expect(recognise({ ...base, probs: [0.8, 0.1, 0.05, 0.05], threshold: 0.8 }).confident).toBe(true);
  });

  it("refuses below the energy threshold only: at it, or with no threshold or no energy, the answer stands", () => {
    const probs = [0.97, 0.01, 0.01, 0.01];
    expect(recognise({ ...base, probs, energy: 2 }).notClothing).toBe(false);
    expect(recognise({ ...base, probs, energy: 1.999 }).notClothing).toBe(true);
    expect(recognise({ ...base, probs, energy: -50, energyThreshold: null }).notClothing).toBe(false);
    expect(recognise({ ...base, probs, energy: null }).notClothing).toBe(false);
  });

  it("offers at most three garment kinds, best first, with the model's own probabilities", () => {
    const wide: ClassLabel[] = [...labels.slice(0, 3), { index: 4, category: "shoes", subtype: "boots", label: "Boot" }, { ...labels[3]!, index: 3 }];
    const r = recognise({ ...base, labels: wide, probs: [0.1, 0.4, 0.2, 0.05, 0.25] });
    expect(r.top.map((t) => [t.subtype, t.confidence])).toEqual([
      ["handbag", 0.4],
      ["boots", 0.25],
      ["shorts", 0.2],
    ]);
    expect(r.personalWeight).toBe(0);
  });

  it("with no labels at all there is nothing to file: not clothing, no guesses", () => {
    const r = recognise({ ...base, labels: [], probs: [] });
    expect(r).toEqual({ top: [], notClothing: true, confident: false, personalWeight: 0 });
  });
});

describe("logSumExp", () => {
  it("is stable for large values and defined at the edges", () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.log(2), 10);
    expect(logSumExp([0])).toBe(0);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([Infinity, 1])).toBe(Infinity);
  });
});
