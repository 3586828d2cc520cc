import { describe, expect, it } from "vitest";
import { type ClassLabel, garmentEnergy, recognise } from "./recognise";

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
