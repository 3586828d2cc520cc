import { describe, expect, it } from "vitest";
import { letterbox, letterboxTensor, PAD_VALUE } from "./letterbox";

describe("letterbox", () => {
  it("scales the longer side to the input and keeps the aspect ratio", () => {
    expect(letterbox(4000, 3000)).toEqual({ scale: 0.064, width: 256, height: 192, size: 256 });
    expect(letterbox(3000, 4000)).toEqual({ scale: 0.064, width: 192, height: 256, size: 256 });
    // Smaller photos grow to fill the input (s > 1), as the contract's s = 256 / max(W, H).
    expect(letterbox(128, 64)).toEqual({ scale: 2, width: 256, height: 128, size: 256 });
    expect(letterbox(5000, 10, 320).height).toBe(1);
  });

  it("refuses a photo without pixels", () => {
    expect(() => letterbox(0, 100)).toThrow(/pixels/);
    expect(() => letterbox(100, 0)).toThrow(/pixels/);
  });

  it("puts the pixels at the top-left, CHW, and pads with grey 114/255", () => {
    const w = 3;
    const h = 2;
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([i * 10, 100 + i, 255, 255], i * 4);
    const size = 4;
    const t = letterboxTensor(rgba, w, h, size);
    expect(t.length).toBe(3 * size * size);
    const at = (c: number, y: number, x: number) => t[c * size * size + y * size + x]!;
    expect(at(0, 1, 2)).toBeCloseTo(50 / 255, 6); // pixel 5: R = 50
    expect(at(1, 1, 2)).toBeCloseTo(105 / 255, 6);
    expect(at(2, 0, 0)).toBeCloseTo(1, 6);
    for (const [y, x] of [
      [0, 3],
      [2, 0],
      [3, 3],
    ] as const)
      for (let c = 0; c < 3; c++) expect(at(c, y, x)).toBeCloseTo(PAD_VALUE, 6);
  });

  it("composites transparent pixels over the pad grey", () => {
    const t = letterboxTensor(new Uint8ClampedArray([255, 0, 0, 0, 255, 0, 0, 255]), 2, 1, 2);
    expect(t[0]).toBeCloseTo(PAD_VALUE, 6); // fully transparent red reads as padding
    expect(t[1]).toBeCloseTo(1, 6);
    // Half transparent: half the colour, half the pad grey (the contract's 114/255).
    const half = letterboxTensor(new Uint8ClampedArray([255, 0, 0, 128]), 1, 1, 1);
    const a = 128 / 255;
    expect(half[0]).toBeCloseTo(a + (114 / 255) * (1 - a), 6);
    expect(half[1]).toBeCloseTo((114 / 255) * (1 - a), 6);
    expect(PAD_VALUE).toBeCloseTo(114 / 255, 9);
  });

  it("refuses pixels that do not fit or do not match their size", () => {
    expect(() => letterboxTensor(new Uint8ClampedArray(300 * 4), 300, 1, 256)).toThrow(/scale them first/);
    expect(() => letterboxTensor(new Uint8ClampedArray(300 * 4), 1, 300, 256)).toThrow(/scale them first/);
    expect(() => letterboxTensor(new Uint8ClampedArray(7), 2, 1, 256)).toThrow("Expected 8 RGBA bytes, got 7");
    // Exactly the input's size fits.
    expect(letterboxTensor(new Uint8ClampedArray(4 * 4 * 4), 4, 4, 4).length).toBe(3 * 16);
  });
});
