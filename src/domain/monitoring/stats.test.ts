import { describe, expect, it } from "vitest";
import { histogram, quantile, shares } from "./stats";

describe("monitoring statistics", () => {
  it("interpolates quantiles between order statistics (NumPy's default)", () => {
    const xs = [1, 2, 3, 4];
    expect(quantile(xs, 0.5)).toBeCloseTo(2.5, 12);
    // h = (4 − 1) · 0.1 = 0.3 → 1 + 0.3 · (2 − 1)
    expect(quantile(xs, 0.1)).toBeCloseTo(1.3, 12);
    // h = 2.7 → 3 + 0.7 · (4 − 3)
    expect(quantile(xs, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(4);
    expect(quantile([0.42], 0.1)).toBe(0.42);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("bins confidences like the training pipeline: 20 equal bins, 1 in the last, outliers clamped", () => {
    const counts = histogram([0, 0.049, 0.05, 0.5, 0.999, 1, 1.2, -0.1, Number.NaN], 20);
    expect(counts).toHaveLength(20);
    expect(counts[0]).toBe(4); // 0, 0.049, −0.1 (clamped), NaN (as 0)
    expect(counts[1]).toBe(1); // 0.05
    expect(counts[10]).toBe(1); // 0.5
    expect(counts[19]).toBe(3); // 0.999, 1, 1.2
    expect(counts.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it("turns counts into shares (zeros for nothing)", () => {
    expect(shares([1, 3])).toEqual([0.25, 0.75]);
    expect(shares([0, 0])).toEqual([0, 0]);
  });
});
