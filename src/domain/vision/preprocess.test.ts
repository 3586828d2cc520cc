// Behaviour of preprocessing contract v1 on small synthetic images whose right
// answer is known by construction.
import { describe, expect, it } from "vitest";
import { areaResize } from "./areaResize";
import { CONTRACT_VERSION, preprocessGarment, type Box, type RgbaImage } from "./preprocess";

type Rgb = [number, number, number];

function canvas(width: number, height: number, bg: Rgb): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...bg, 255], i * 4);
  return { data, width, height };
}

function rect(img: RgbaImage, x0: number, y0: number, w: number, h: number, colour: Rgb, alpha = 255): void {
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) img.data.set([...colour, alpha], (y * img.width + x) * 4);
  }
}

const at = (t: Float32Array, x: number, y: number): number => t[y * 28 + x]!;

/** The box holds the true one and overshoots by at most one working pixel (`slack`, rounded out). */
function expectBoxAround(box: Box, truth: Box, slack: number): void {
  expect(box.x).toBeLessThanOrEqual(truth.x);
  expect(box.y).toBeLessThanOrEqual(truth.y);
  expect(box.x + box.width).toBeGreaterThanOrEqual(truth.x + truth.width);
  expect(box.y + box.height).toBeGreaterThanOrEqual(truth.y + truth.height);
  expect(truth.x - box.x).toBeLessThanOrEqual(Math.ceil(slack));
  expect(truth.y - box.y).toBeLessThanOrEqual(Math.ceil(slack));
  expect(box.x + box.width - truth.x - truth.width).toBeLessThanOrEqual(Math.ceil(slack));
  expect(box.y + box.height - truth.y - truth.height).toBeLessThanOrEqual(Math.ceil(slack));
}

describe("preprocessGarment", () => {
  it("crops a dark square on white to its box and makes it light on black", () => {
    const img = canvas(100, 80, [255, 255, 255]);
    rect(img, 30, 20, 40, 40, [20, 20, 20]);
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    expect(r.contractVersion).toBe(CONTRACT_VERSION);
    expect(r.bbox).toEqual({ x: 30, y: 20, width: 40, height: 40 });
    expect(r.background).toEqual([255, 255, 255]);
    // A square fills the whole 28x28 canvas, at full brightness.
    expect(Math.min(...r.tensor)).toBeCloseTo(1, 6);
    expect(r.mask.reduce((a, b) => a + b, 0)).toBe(40 * 40);
  });

  it("keeps the aspect ratio and centres a wide garment", () => {
    const img = canvas(200, 100, [240, 240, 240]);
    rect(img, 20, 40, 140, 35, [200, 30, 30]);
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    // 200x100 works at 128x64: partly covered working pixels belong to the box.
    expectBoxAround(r.bbox, { x: 20, y: 40, width: 140, height: 35 }, 200 / 128);
    // ~140x35 -> 28x7, centred vertically: rows 10..16 lit, the rest black.
    expect(at(r.tensor, 14, 13)).toBeCloseTo(1, 5);
    expect(at(r.tensor, 0, 10)).toBeGreaterThan(0.5);
    expect(at(r.tensor, 14, 9)).toBe(0);
    expect(at(r.tensor, 14, 17)).toBe(0);
  });

  it("maps the working-size box back to input pixels for a large photo", () => {
    const img = canvas(1000, 800, [250, 250, 250]);
    rect(img, 200, 100, 400, 500, [10, 60, 10]);
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    expect([r.workWidth, r.workHeight]).toEqual([128, 102]);
    expectBoxAround(r.bbox, { x: 200, y: 100, width: 400, height: 500 }, 1000 / 128);
  });

  it("still makes a light garment on a dark background light on black", () => {
    const img = canvas(90, 90, [20, 20, 30]);
    rect(img, 25, 15, 40, 60, [235, 235, 220]);
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    expect(r.bbox).toEqual({ x: 25, y: 15, width: 40, height: 60 });
    expect(at(r.tensor, 14, 14)).toBeCloseTo(1, 5);
    expect(at(r.tensor, 1, 14)).toBe(0); // 40x60 -> 19x28: columns 0..3 are canvas
  });

  it("ignores small clutter away from the garment", () => {
    const img = canvas(120, 120, [230, 230, 230]);
    rect(img, 40, 30, 50, 70, [30, 30, 120]);
    rect(img, 4, 4, 6, 6, [0, 0, 0]); // a coin in the corner
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    expect(r.bbox).toEqual({ x: 40, y: 30, width: 50, height: 70 });
  });

  it("keeps a garment's separate pieces together but not a second object beside it", () => {
    const img = canvas(128, 100, [250, 250, 250]);
    rect(img, 20, 10, 30, 20, [150, 20, 40]); // bodice
    rect(img, 15, 32, 40, 50, [150, 20, 40]); // skirt, 2 px below
    rect(img, 100, 40, 20, 20, [20, 20, 20]); // a wallet 45 px away
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    expect(r.bbox).toEqual({ x: 15, y: 10, width: 40, height: 72 });
  });

  it("keeps a hole (a bag handle's loop) out of the colour mask and dark in the tensor", () => {
    const img = canvas(100, 100, [255, 255, 255]);
    rect(img, 20, 20, 60, 60, [50, 60, 70]);
    rect(img, 40, 40, 20, 20, [255, 255, 255]);
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    expect(r.mask.reduce((a, b) => a + b, 0)).toBe(60 * 60 - 20 * 20);
    // The mask indexes workPixels: every masked pixel has the garment's colour.
    expect([r.workWidth, r.workHeight, r.workPixels.length]).toEqual([100, 100, 100 * 100 * 4]);
    r.mask.forEach((m, i) => m && expect(Array.from(r.workPixels.subarray(i * 4, i * 4 + 4))).toEqual([50, 60, 70, 255]));
    // As in Fashion-MNIST, the hole is background-dark.
    expect(at(r.tensor, 14, 14)).toBe(0);
  });

  it("takes uneven light (a bright-to-dark ramp across the frame) out of the background", () => {
    const img = canvas(120, 100, [0, 0, 0]);
    for (let y = 0; y < 100; y++) {
      for (let x = 0; x < 120; x++) {
        const v = Math.round(250 - (100 * x) / 119);
        img.data.set([v, v, v - 10, 255], (y * 120 + x) * 4);
      }
    }
    rect(img, 40, 30, 30, 40, [40, 40, 160]);
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    expect(r.unevenLight).toBe(true);
    // A flat background colour would take the dark side of the frame for garment.
    expect(r.bbox).toEqual({ x: 40, y: 30, width: 30, height: 40 });
  });

  it("treats transparent pixels as white background", () => {
    const img = canvas(64, 64, [0, 0, 0]);
    for (let i = 3; i < img.data.length; i += 4) img.data[i] = 0; // fully transparent black
    rect(img, 16, 8, 32, 48, [10, 10, 10]);
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    expect(r.bbox).toEqual({ x: 16, y: 8, width: 32, height: 48 });
    expect(r.background).toEqual([255, 255, 255]);
  });

  it("says clearly that a uniform image holds no garment", () => {
    const r = preprocessGarment(canvas(64, 48, [128, 128, 128]));
    expect(r).toMatchObject({ found: false, reason: "no-garment" });
    if (!r.found) expect(r.message).toMatch(/No garment found/);
  });

  it("says so for a faint speck too small to be a garment", () => {
    const img = canvas(200, 200, [255, 255, 255]);
    rect(img, 100, 100, 2, 2, [0, 0, 0]);
    expect(preprocessGarment(img)).toMatchObject({ found: false, reason: "no-garment" });
  });

  it("refuses images too small to analyse, and malformed buffers", () => {
    expect(preprocessGarment(canvas(5, 40, [0, 0, 0]))).toMatchObject({ found: false, reason: "image-too-small" });
    expect(preprocessGarment({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toMatchObject({
      found: false,
      reason: "image-too-small",
    });
    expect(() => preprocessGarment({ data: new Uint8ClampedArray(10), width: 4, height: 4 })).toThrow(RangeError);
    expect(() => preprocessGarment({ data: new Uint8ClampedArray(16), width: 1.5, height: 2 })).toThrow(/whole numbers/);
  });

  it("outputs values in [0, 1] only", () => {
    const img = canvas(80, 80, [200, 180, 160]);
    for (let i = 0; i < 80 * 80; i++) if ((i * 7919) % 13 < 6 && i % 80 > 20 && i % 80 < 60) img.data[i * 4] = 20;
    const r = preprocessGarment(img);
    if (!r.found) throw new Error(r.message);
    for (const v of r.tensor) expect(v >= 0 && v <= 1).toBe(true);
  });
});

describe("areaResize", () => {
  it("averages exact areas, also for non-integer factors", () => {
    // 3 -> 2 pixels: [a, b, c] -> [(1.5a... ) as (2a + b) / 3, (b + 2c) / 3].
    const r = areaResize({ data: Float64Array.from([0, 30, 60]), width: 3, height: 1, channels: 1 }, 2, 1);
    expect(Array.from(r.data)).toEqual([10, 50]);
  });

  it("keeps the image when the size does not change, and the mean always", () => {
    const data = Float64Array.from({ length: 35 }, (_, i) => (i * 37) % 256);
    expect(Array.from(areaResize({ data, width: 7, height: 5, channels: 1 }, 7, 5).data)).toEqual(Array.from(data));
    const mean = data.reduce((a, b) => a + b, 0) / data.length;
    const one = areaResize({ data, width: 7, height: 5, channels: 1 }, 1, 1);
    expect(one.data[0]).toBeCloseTo(mean, 10);
  });
});
