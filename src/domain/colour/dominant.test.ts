import { describe, expect, it } from "vitest";
import { dominantColours } from "./dominant";
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
});
