import { describe, expect, it } from "vitest";
import { dominantColours } from "./dominant";
import { deltaEOK, hexToRgb, oklabToHex, srgbToOklab } from "./oklab";
import { nameColour } from "./palette";
import { syntheticGarment } from "./testing/synthetic-image";

const NAVY = "#1f2b52";
const CAMEL = "#c09162";

describe("dominantColours", () => {
  it("finds one cluster named navy in a solid navy image", () => {
    const img = syntheticGarment([{ hex: NAVY, share: 1 }]);
    const cs = dominantColours(img.pixels, img.mask);
    expect(cs).toHaveLength(1);
    expect(cs[0]!.name).toBe("navy");
    expect(cs[0]!.share).toBe(1);
    expect(cs[0]!.hex).toBe(NAVY);
  });

  it("splits a 70/30 navy/camel garment into two named clusters, shares within 2 points", () => {
    const img = syntheticGarment(
      [
        { hex: NAVY, share: 0.7 },
        { hex: CAMEL, share: 0.3 },
      ],
      { noise: 6 },
    );
    const cs = dominantColours(img.pixels, img.mask);
    expect(cs.map((c) => c.name)).toEqual(["navy", "camel"]);
    expect(Math.abs(cs[0]!.share - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(cs[1]!.share - 0.3)).toBeLessThan(0.02);
  });

  it("does not split one colour because of sensor noise or shading", () => {
    for (const hex of [NAVY, CAMEL, "#c0222c", "#f8f8f6", "#141414"]) {
      const img = syntheticGarment([{ hex, share: 1 }], { noise: 14, seed: 7 });
      const cs = dominantColours(img.pixels, img.mask);
      expect(cs, hex).toHaveLength(1);
    }
    // Light and shadow of the same fabric (folds): still one colour.
    const folds = syntheticGarment(
      [
        { hex: "#23305a", share: 0.5 },
        { hex: "#1b2649", share: 0.5 },
      ],
      { noise: 5 },
    );
    expect(dominantColours(folds.pixels, folds.mask).map((c) => c.name)).toEqual(["navy"]);
  });

  it("ignores a sprinkle of random pixels (salt noise)", () => {
    const img = syntheticGarment(
      [
        { hex: CAMEL, share: 0.6 },
        { hex: "#f8f8f6", share: 0.4 },
      ],
      { salt: 0.02, noise: 4 },
    );
    const cs = dominantColours(img.pixels, img.mask);
    expect(cs.map((c) => c.name)).toEqual(["camel", "white"]);
    expect(Math.abs(cs[0]!.share - 0.6)).toBeLessThan(0.03);
  });

  it("honours the mask: a white background is excluded", () => {
    const img = syntheticGarment([{ hex: NAVY, share: 1 }], { background: "#ffffff", garmentFraction: 0.4, noise: 3 });
    expect(dominantColours(img.pixels, img.mask).map((c) => c.name)).toEqual(["navy"]);
    // Without the mask the background is counted (proves the mask did the work).
    const unmasked = dominantColours(img.pixels);
    expect(unmasked.map((c) => c.name).sort()).toEqual(["navy", "white"]);
    expect(unmasked.find((c) => c.name === "white")!.share).toBeCloseTo(0.6, 1);
  });

  it("honours transparency when no mask is given", () => {
    const img = syntheticGarment([{ hex: "#c0222c", share: 1 }], { garmentFraction: 0.5 });
    for (let p = 0; p < img.mask.length; p++) if (!img.mask[p]) img.pixels[p * 4 + 3] = 0;
    expect(dominantColours(img.pixels).map((c) => c.name)).toEqual(["red"]);
  });

  it("handles scattered (non-contiguous) colours and caps k at maxColours", () => {
    const regions = [
      { hex: "#141414", share: 0.4 },
      { hex: "#f8f8f6", share: 0.25 },
      { hex: "#c0222c", share: 0.2 },
      { hex: "#cf9f2a", share: 0.15 },
    ];
    const img = syntheticGarment(regions, { layout: "shuffle", noise: 5 });
    const cs = dominantColours(img.pixels, img.mask);
    expect(cs.map((c) => c.name)).toEqual(["black", "white", "red", "mustard"]);
    expect(dominantColours(img.pixels, img.mask, { maxColours: 2 })).toHaveLength(2);
  });

  it("returns [] for a fully masked-out image and rejects malformed input clearly", () => {
    const img = syntheticGarment([{ hex: NAVY, share: 1 }], { width: 10, height: 10 });
    expect(dominantColours(img.pixels, new Uint8Array(100))).toEqual([]);
    expect(() => dominantColours(new Uint8ClampedArray(7))).toThrow(/RGBA/);
    expect(() => dominantColours(img.pixels, new Uint8Array(5))).toThrow(/mask has 5 entries for 100 pixels/);
  });

  it("is deterministic", () => {
    const img = syntheticGarment(
      [
        { hex: "#137578", share: 0.55 },
        { hex: "#f2a0b6", share: 0.45 },
      ],
      { noise: 10, layout: "shuffle" },
    );
    expect(dominantColours(img.pixels, img.mask)).toEqual(dominantColours(img.pixels, img.mask));
  });

  it("clamps maxColours to 1–5 and rounds it down", () => {
    const six = ["#141414", "#f8f8f6", "#c0222c", "#cf9f2a", "#137578", "#f2a0b6"].map((hex) => ({ hex, share: 1 / 6 }));
    const img = syntheticGarment(six, { layout: "shuffle", noise: 3 });
    expect(dominantColours(img.pixels, img.mask)).toHaveLength(5);
    expect(dominantColours(img.pixels, img.mask, { maxColours: 9 })).toHaveLength(5);
    const four = syntheticGarment(
      ["#141414", "#f8f8f6", "#c0222c", "#cf9f2a"].map((hex) => ({ hex, share: 0.25 })),
      { layout: "shuffle", noise: 3 },
    );
    expect(dominantColours(four.pixels, four.mask)).toHaveLength(4);
    expect(dominantColours(four.pixels, four.mask, { maxColours: 3.9 })).toHaveLength(3);
    expect(dominantColours(img.pixels, img.mask, { maxColours: 0 })).toHaveLength(1);
    const one = dominantColours(img.pixels, img.mask, { maxColours: 1 });
    expect(one).toHaveLength(1);
    expect(one[0]!.share).toBe(1);
  });

  it("folds clusters under minShare into the rest (shares still sum to 1), but never drops the largest", () => {
    const img = syntheticGarment(
      [
        { hex: NAVY, share: 0.92 },
        { hex: "#f3d43a", share: 0.08 },
      ],
      { noise: 3 },
    );
    const both = dominantColours(img.pixels, img.mask);
    expect(both.map((c) => c.name)).toEqual(["navy", "yellow"]);
    expect(both[1]!.share).toBeCloseTo(0.08, 2);
    const folded = dominantColours(img.pixels, img.mask, { minShare: 0.1 });
    expect(folded.map((c) => [c.name, c.share])).toEqual([["navy", 1]]);
    // Every cluster under the bar: the largest one stays and takes every pixel.
    const even = syntheticGarment(
      [
        { hex: NAVY, share: 0.6 },
        { hex: "#f3d43a", share: 0.4 },
      ],
      { noise: 3 },
    );
    const kept = dominantColours(even.pixels, even.mask, { minShare: 0.9 });
    expect(kept.map((c) => c.share)).toEqual([1]);
    // …refitted on every pixel: its centre is the mean of the garment's pixels in OKLab.
    const mean = { L: 0, a: 0, b: 0 };
    let n = 0;
    for (let p = 0; p < even.mask.length; p++) {
      if (!even.mask[p]) continue;
      const lab = srgbToOklab([even.pixels[p * 4]!, even.pixels[p * 4 + 1]!, even.pixels[p * 4 + 2]!]);
      mean.L += lab.L;
      mean.a += lab.a;
      mean.b += lab.b;
      n++;
    }
    expect(deltaEOK(kept[0]!.lab, { L: mean.L / n, a: mean.a / n, b: mean.b / n })).toBeLessThan(1e-5);
  });

  it("lists colours largest first with shares summing to 1, each hex and name describing its OKLab centre", () => {
    const img = syntheticGarment(
      [
        { hex: "#c0222c", share: 0.2 },
        { hex: "#f8f8f6", share: 0.5 },
        { hex: "#141414", share: 0.3 },
      ],
      { noise: 6, layout: "shuffle" },
    );
    const cs = dominantColours(img.pixels, img.mask);
    expect(cs.map((c) => c.name)).toEqual(["white", "black", "red"]);
    expect(cs.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
    for (const c of cs) {
      expect(oklabToHex(c.lab)).toBe(c.hex);
      expect(nameColour(c.hex)).toBe(c.name);
    }
  });

  it("fits on a sample when asked (shares are still counted on every pixel) and honours the alpha threshold", () => {
    const img = syntheticGarment(
      [
        { hex: NAVY, share: 0.7 },
        { hex: CAMEL, share: 0.3 },
      ],
      { noise: 4, layout: "shuffle" },
    );
    const sampled = dominantColours(img.pixels, img.mask, { maxSamples: 64 });
    expect(sampled.map((c) => c.name)).toEqual(["navy", "camel"]);
    expect(sampled[0]!.share).toBeCloseTo(0.7, 2);
    // Alpha exactly at the threshold is garment, one below is background: red at alpha 127, navy at 128.
    const half = syntheticGarment([{ hex: "#c0222c", share: 1 }], { width: 10, height: 10, garmentFraction: 1 });
    const [nr, ng, nb] = hexToRgb(NAVY);
    for (let p = 0; p < 100; p++) {
      if (p >= 50) half.pixels.set([nr, ng, nb], p * 4);
      half.pixels[p * 4 + 3] = p < 50 ? 127 : 128;
    }
    expect(dominantColours(half.pixels).map((c) => [c.name, c.share])).toEqual([["navy", 1]]);
    expect(dominantColours(half.pixels, null, { alphaThreshold: 127 }).map((c) => [c.name, c.share])).toEqual([
      ["red", 0.5],
      ["navy", 0.5],
    ]);
    expect(dominantColours(half.pixels, null, { alphaThreshold: 129 })).toEqual([]);
  });

  it("splits only when the split pays for itself (splitRatio, minGain), and merges by distance or by name", () => {
    const two = syntheticGarment(
      [
        { hex: NAVY, share: 0.6 },
        { hex: CAMEL, share: 0.4 },
      ],
      { noise: 4 },
    );
    const names = (o: Parameters<typeof dominantColours>[2]) => dominantColours(two.pixels, two.mask, o).map((c) => c.name);
    expect(names({})).toEqual(["navy", "camel"]);
    // The split must cut the error to splitRatio of one cluster's, and gain minGain per pixel.
    expect(names({ splitRatio: 0.001 })).toHaveLength(1);
    expect(names({ minGain: 1 })).toHaveLength(1);
    // Centres closer than mergeDistance are one colour.
    expect(names({ mergeDistance: 2 })).toHaveLength(1);
    // Two shades of one name are one colour even when they are far apart in OKLab (ΔE_OK 0.11).
    const shades = syntheticGarment(
      [
        { hex: "#2a3a70", share: 0.5 },
        { hex: "#18223f", share: 0.5 },
      ],
      { noise: 2 },
    );
    const apart = dominantColours(shades.pixels, shades.mask, { mergeDistance: 0 });
    expect(apart.map((c) => [c.name, c.share])).toEqual([["navy", 1]]);
  });
});
