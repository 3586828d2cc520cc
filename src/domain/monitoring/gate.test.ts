import { describe, expect, it } from "vitest";
import { describeGate, gateAt } from "./gate";
import type { GatePoint } from "./types";

const CURVE: GatePoint[] = [
  { threshold: 0.95, share_above: 0.66, accuracy_above: 0.982, accuracy_below: 0.7 },
  { threshold: 0.5, share_above: 0.97, accuracy_above: 0.9, accuracy_below: 0.4 },
  { threshold: 0.9, share_above: 0.76, accuracy_above: 0.97, accuracy_below: 0.62 },
  { threshold: 0.93, share_above: 0.71, accuracy_above: 0.977, accuracy_below: 0.67 },
  { threshold: 0.99, share_above: 0.4, accuracy_above: null, accuracy_below: 0.8 },
];

describe("what a threshold means on the test set", () => {
  it("reads a curve point exactly (the curve need not be sorted)", () => {
    expect(gateAt(CURVE, 0.93)).toEqual({ threshold: 0.93, shareAbove: 0.71, accuracyAbove: 0.977, exact: true });
  });

  it("interpolates linearly between the two nearest points", () => {
    const g = gateAt(CURVE, 0.915)!;
    expect(g.exact).toBe(false);
    expect(g.shareAbove).toBeCloseTo(0.735, 10); // halfway between 0.76 and 0.71
    expect(g.accuracyAbove!).toBeCloseTo(0.9735, 10);
    const q = gateAt(CURVE, 0.6)!; // a quarter of the way from 0.5 to 0.9
    expect(q.shareAbove).toBeCloseTo(0.97 - 0.25 * 0.21, 10);
  });

  it("holds the end points outside the curve and copes with a missing accuracy", () => {
    expect(gateAt(CURVE, 0.3)).toMatchObject({ shareAbove: 0.97, exact: false });
    expect(gateAt(CURVE, 0.999)).toMatchObject({ shareAbove: 0.4, accuracyAbove: null, exact: false });
    // Between 0.95 and 0.99 (no accuracy at 0.99): the known side's value until the end.
    expect(gateAt(CURVE, 0.97)!.accuracyAbove).toBe(0.982);
  });

  it("is exact at the curve's ends and at a point reached from below; a missing accuracy on the low side gives the high side's", () => {
    expect(gateAt(CURVE, 0.5)).toEqual({ threshold: 0.5, shareAbove: 0.97, accuracyAbove: 0.9, exact: true });
    expect(gateAt(CURVE, 0.99)).toEqual({ threshold: 0.99, shareAbove: 0.4, accuracyAbove: null, exact: true });
    expect(gateAt(CURVE, 0.93 - 1e-12)).toMatchObject({ shareAbove: 0.71, exact: true });
    const lowUnknown: GatePoint[] = [
      { threshold: 0.5, share_above: 0.9, accuracy_above: null, accuracy_below: null },
      { threshold: 0.7, share_above: 0.5, accuracy_above: 0.8, accuracy_below: null },
    ];
    expect(gateAt(lowUnknown, 0.6)!.accuracyAbove).toBe(0.8);
    expect(gateAt(lowUnknown, 0.6)!.shareAbove).toBeCloseTo(0.7, 10);
    // Points without a finite threshold or share are left out, not read as zero.
    const withJunk = [
      ...lowUnknown,
      { threshold: NaN, share_above: 0.1, accuracy_above: 0.1, accuracy_below: null },
      { threshold: 0.6, share_above: Infinity, accuracy_above: 0.1, accuracy_below: null },
    ];
    expect(gateAt(withJunk, 0.6)!.shareAbove).toBeCloseTo(0.7, 10);
    expect(gateAt(CURVE, NaN)).toBeNull();
  });

  it("has nothing to say without a curve", () => {
    expect(gateAt(undefined, 0.93)).toBeNull();
    expect(gateAt([], 0.93)).toBeNull();
  });
});

describe("the threshold slider's sentence", () => {
  it("says what the threshold does, in the slider's percent", () => {
    expect(describeGate(CURVE, 0.93)).toBe("At 93 %: about 71 % of photos are filed automatically; 97.7 % of those were right (Fashion-MNIST test set).");
    expect(describeGate(CURVE, 0.915)).toBe("At 92 %: about 74 % of photos are filed automatically; 97.4 % of those were right (Fashion-MNIST test set).");
    expect(describeGate(CURVE, 0.99)).toBe("At 99 %: about 40 % of photos are filed automatically (Fashion-MNIST test set).");
    expect(describeGate(undefined, 0.93)).toBeNull();
  });
});
