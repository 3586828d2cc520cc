// The greyscale PNG encoder, read back chunk by chunk: lengths, CRCs (against zlib's own
// CRC-32), the header's fields and every pixel.
import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PNG_SIGNATURE, encodeGreyPng } from "./png";
import { seeded } from "./random";

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const out: Chunk[] = [];
  let off = 8;
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString("latin1", off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    expect(png.readUInt32BE(off + 8 + len), `${type} CRC`).toBe(crc32(png.subarray(off + 4, off + 8 + len)));
    out.push({ type, data });
    off += 12 + len;
  }
  expect(off).toBe(png.length);
  return out;
}

function decode(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const [ihdr, idat, iend, ...rest] = chunks(png);
  expect([ihdr?.type, idat?.type, iend?.type, rest.length]).toEqual(["IHDR", "IDAT", "IEND", 0]);
  expect(iend!.data.length).toBe(0);
  const h = ihdr!.data;
  expect(h.length).toBe(13);
  // Bit depth 8, greyscale, deflate, no filter method extension, no interlace.
  expect([...h.subarray(8)]).toEqual([8, 0, 0, 0, 0]);
  const width = h.readUInt32BE(0);
  const height = h.readUInt32BE(4);
  const raw = inflateSync(idat!.data);
  expect(raw.length).toBe(height * (width + 1));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width + 1)], `row ${y} filter`).toBe(0);
    pixels.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  }
  return { width, height, pixels };
}

describe("encodeGreyPng", () => {
  it("round-trips a 28x28 picture, every pixel", () => {
    const rand = seeded(11);
    const pixels = Uint8Array.from({ length: 28 * 28 }, () => Math.floor(rand() * 256));
    pixels[0] = 0;
    pixels[783] = 255;
    expect(decode(encodeGreyPng(28, 28, pixels))).toEqual({ width: 28, height: 28, pixels });
  });

  it("keeps rows apart in a wide and a tall picture", () => {
    const wide = Uint8Array.from({ length: 300 * 2 }, (_, i) => i % 251);
    expect(decode(encodeGreyPng(300, 2, wide))).toEqual({ width: 300, height: 2, pixels: wide });
    const tall = Uint8Array.from({ length: 1 * 5 }, (_, i) => 50 * i);
    expect(decode(encodeGreyPng(1, 5, tall))).toEqual({ width: 1, height: 5, pixels: tall });
  });

  it("starts with the PNG signature it exports", () => {
    expect(PNG_SIGNATURE).toEqual(Buffer.from("\x89PNG\r\n\x1a\n", "latin1"));
    expect(encodeGreyPng(1, 1, new Uint8Array([7])).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it("refuses a pixel count that does not match the size", () => {
    expect(() => encodeGreyPng(28, 28, new Uint8Array(28 * 28 - 1))).toThrow(new RangeError("783 pixels for 28x28"));
    expect(() => encodeGreyPng(2, 2, new Uint8Array(5))).toThrow(RangeError);
  });
});

describe("seeded (mulberry32)", () => {
  it("gives the reference mulberry32 sequence, so the demo catalog's metadata and IVF samples never move", () => {
    // Against mulberry32 as Tommy Ettinger published it (written the published way, below).
    const first = (seed: number) => Array.from({ length: 1000 }, seeded(seed));
    for (const seed of [0, 1, 42, 0x7fffffff, 0xdeadbeef]) expect(first(seed), `seed ${seed}`).toEqual(Array.from({ length: 1000 }, reference(seed)));
    // The seed is taken as an unsigned 32-bit integer.
    expect(first(-1)).toEqual(first(2 ** 32 - 1));
    expect(first(2 ** 32 + 42)).toEqual(first(42));
  });

  it("stays in [0, 1) and is roughly uniform", () => {
    const rand = seeded(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const v = rand();
      expect(v >= 0 && v < 1).toBe(true);
      bins[Math.floor(v * 10)]!++;
    }
    for (const b of bins) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});

/** mulberry32 in its published form. */
function reference(seed: number): () => number {
  let a = seed;
  return () => {
    let t = (a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
