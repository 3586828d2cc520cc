import { describe, expect, it } from "vitest";
import { deltaEOK, hexToOklab, hexToOklch, hexToRgb, hueDistance, oklabToHex, oklabToOklch, oklchToOklab, rgbToHex, srgbToOklab } from "./oklab";

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
});
