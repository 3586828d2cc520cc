import { describe, expect, it } from "vitest";
import {
  deltaEOK,
  hexToOklab,
  hexToOklch,
  hexToRgb,
  hueDistance,
  linearChannelToSrgb,
  linearSrgbToOklab,
  oklabToHex,
  oklabToLinearSrgb,
  oklabToOklch,
  oklabToSrgb,
  oklchToOklab,
  rgbToHex,
  srgbChannelToLinear,
  SRGB8_TO_LINEAR,
  srgbToOklab,
} from "./oklab";

describe("OKLab conversions", () => {
  it("matches Ottosson's reference values", () => {
    // Reference values published with OKLab (bottosson.github.io/posts/oklab).
    const white = srgbToOklab([255, 255, 255]);
    expect(white.L).toBeCloseTo(1, 4);
    expect(white.a).toBeCloseTo(0, 4);
    expect(white.b).toBeCloseTo(0, 4);
    const red = srgbToOklab([255, 0, 0]);
    expect(red.L).toBeCloseTo(0.62796, 4);
    expect(red.a).toBeCloseTo(0.22486, 4);
    expect(red.b).toBeCloseTo(0.12585, 4);
    const blue = srgbToOklab([0, 0, 255]);
    expect(blue.L).toBeCloseTo(0.45201, 4);
    expect(blue.a).toBeCloseTo(-0.03246, 4);
    expect(blue.b).toBeCloseTo(-0.31153, 4);
    expect(srgbToOklab([0, 0, 0]).L).toBeCloseTo(0, 6);
  });

  it("round-trips hex → OKLab → hex for every 17th sRGB colour", () => {
    for (let r = 0; r < 256; r += 17)
      for (let g = 0; g < 256; g += 17)
        for (let b = 0; b < 256; b += 17) {
          const hex = rgbToHex([r, g, b]);
          expect(oklabToHex(hexToOklab(hex))).toBe(hex);
        }
  });

  it("round-trips OKLab ⇄ OKLCh", () => {
    const lab = hexToOklab("#c09162");
    const back = oklchToOklab(oklabToOklch(lab));
    expect(deltaEOK(lab, back)).toBeLessThan(1e-9);
    expect(hexToOklch("#808080").C).toBeLessThan(1e-4);
  });

  it("puts hues where a colour wheel would", () => {
    expect(hexToOklch("#ff0000").h).toBeCloseTo(29.2, 0);
    expect(hueDistance(350, 10)).toBe(20);
    expect(hueDistance(10, 190)).toBe(180);
  });

  it("parses short and long hex, rejects garbage with the bad value in the message", () => {
    expect(hexToRgb("#abc")).toEqual([0xaa, 0xbb, 0xcc]);
    expect(hexToRgb("1F2A44")).toEqual([0x1f, 0x2a, 0x44]);
    expect(() => hexToRgb("navy")).toThrow(/"navy"/);
  });

  it("gives hues in [0, 360) on every side of the wheel, and hue 0 to greys", () => {
    // Blue and violet have negative atan2 angles: they must come out past 180°, not below 0.
    expect(hexToOklch("#0000ff").h).toBeCloseTo(264.05, 1);
    expect(hexToOklch("#8000ff").h).toBeGreaterThan(270);
    expect(hexToOklch("#8000ff").h).toBeLessThan(310);
    expect(hexToOklch("#00ff00").h).toBeCloseTo(142.5, 0);
    for (const hex of ["#ff00ff", "#00ffff", "#123456", "#ffffff"]) {
      const { h } = hexToOklch(hex);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(360);
    }
    // Below the chroma floor the hue is meaningless and reported as 0; just above it, it is the real angle.
    expect(oklabToOklch({ L: 0.5, a: -5e-7, b: -5e-7 }).h).toBe(0);
    expect(oklabToOklch({ L: 0.5, a: -2e-6, b: -2e-6 }).h).toBeCloseTo(225, 6);
    expect(oklabToOklch({ L: 0.5, a: 0, b: 0.1 }).C).toBeCloseTo(0.1, 12);
    // Exactly on the a axis the hue is 0, not 360.
    expect(oklabToOklch({ L: 0.5, a: 0.1, b: 0 }).h).toBe(0);
  });

  it("measures hue distance the short way round, for any angles", () => {
    expect(hueDistance(0, 540)).toBe(180);
    expect(hueDistance(5, 725)).toBe(0);
    expect(hueDistance(20, 10)).toBe(10);
    expect(hueDistance(0, 181)).toBe(179);
    expect(hueDistance(0, 179)).toBe(179);
  });

  it("computes ΔE_OK over all three axes", () => {
    const o = { L: 0.5, a: 0, b: 0 };
    expect(deltaEOK(o, { L: 0.8, a: 0, b: 0 })).toBeCloseTo(0.3, 12);
    expect(deltaEOK(o, { L: 0.5, a: 0.3, b: 0 })).toBeCloseTo(0.3, 12);
    expect(deltaEOK(o, { L: 0.5, a: 0, b: -0.4 })).toBeCloseTo(0.4, 12);
    expect(deltaEOK(o, { L: 0.8, a: 0, b: 0.4 })).toBeCloseTo(0.5, 12);
  });

  it("accepts only whole hex colours, with or without # and surrounding spaces", () => {
    expect(hexToRgb("  #ABCDEF \n")).toEqual([0xab, 0xcd, 0xef]);
    expect(hexToRgb("fff")).toEqual([255, 255, 255]);
    for (const bad of ["#abcd", "#abcdef0", "x#abc", "#abcx", "#ab", "", "#", "##abc", "#ggg"]) expect(() => hexToRgb(bad), bad).toThrow(/Not a hex colour/);
  });

  it("clamps and rounds channels when writing hex, and clips out-of-gamut OKLab to the nearest byte", () => {
    expect(rgbToHex([300, -5, 12.6])).toBe("#ff000d");
    expect(rgbToHex([254.5, 0.4, 0.5])).toBe("#ff0001");
    expect(srgbToOklab([400, -20, 0])).toEqual(srgbToOklab([255, 0, 0]));
    expect(oklabToSrgb({ L: 2, a: 0, b: 0 })).toEqual([255, 255, 255]);
    expect(oklabToSrgb({ L: -1, a: 0, b: 0 })).toEqual([0, 0, 0]);
    // A vivid OKLab green outside sRGB: each channel clipped on its own, green stays at the top.
    const [r, g, b] = oklabToSrgb({ L: 0.9, a: -0.4, b: 0.2 });
    expect(g).toBe(255);
    expect(r).toBeLessThan(g);
    expect(b).toBeLessThan(g);
  });

  it("follows the sRGB transfer curve on both sides of its linear toe", () => {
    // The toe is linear (c / 12.92) up to 0.04045; above it, the 2.4 power law.
    expect(srgbChannelToLinear(0.04)).toBeCloseTo(0.04 / 12.92, 12);
    expect(srgbChannelToLinear(0.5)).toBeCloseTo(0.214041, 6);
    expect(srgbChannelToLinear(1)).toBeCloseTo(1, 12);
    expect(linearChannelToSrgb(0.003)).toBeCloseTo(0.003 * 12.92, 12);
    expect(linearChannelToSrgb(0.214041)).toBeCloseTo(0.5, 5);
    expect(linearChannelToSrgb(1)).toBeCloseTo(1, 12);
    // The two halves meet: no jump at either threshold.
    expect(srgbChannelToLinear(0.04045 + 1e-9) - srgbChannelToLinear(0.04045)).toBeLessThan(1e-6);
    expect(linearChannelToSrgb(0.0031308 + 1e-9) - linearChannelToSrgb(0.0031308)).toBeLessThan(1e-6);
    expect(SRGB8_TO_LINEAR.length).toBe(256);
    expect(SRGB8_TO_LINEAR[128]).toBeCloseTo(srgbChannelToLinear(128 / 255), 6);
    expect(SRGB8_TO_LINEAR[5]).toBeCloseTo(5 / 255 / 12.92, 9);
  });

  it("inverts OKLab → linear sRGB exactly, including colours outside the gamut", () => {
    const colours: [number, number, number][] = [
      [0.2, 0.5, 0.9],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0.05, 0.05, 0.05],
    ];
    for (const rgb of colours) {
      const back = oklabToLinearSrgb(linearSrgbToOklab(...rgb));
      back.forEach((v, i) => expect(v).toBeCloseTo(rgb[i]!, 6));
    }
    const outside = oklabToLinearSrgb({ L: 0.9, a: -0.4, b: 0.2 });
    expect(Math.min(...outside)).toBeLessThan(0);
    const lab = linearSrgbToOklab(...outside);
    expect(deltaEOK(lab, { L: 0.9, a: -0.4, b: 0.2 })).toBeLessThan(1e-6);
  });
});
