import { describe, expect, it } from "vitest";
import { MAX_PIXELS } from "./limits";
import { checkHeader } from "./process";
import { Refusal, sniff, type Sniffed } from "./sniff";

/**
 * The pixel limit protects the decoder from a small file that would decode to a
 * huge bitmap. It must hold for formats whose size is not in the first bytes.
 */

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const box = (type: string, body: number[]) => [...u32(8 + body.length), ...ascii(type), ...body];
const fullBox = (type: string, body: number[]) => box(type, [0, 0, 0, 0, ...body]);

/** An AVIF laid out with its image data first and its 'meta' box (where 'ispe' gives the size) after it, as some encoders write. */
function avifWithMetaLast(width: number, height: number, dataBytes: number): Uint8Array {
  const ftyp = box("ftyp", [...ascii("avif"), 0, 0, 0, 0, ...ascii("avifmif1miaf")]);
  const mdat = box("mdat", new Array<number>(dataBytes).fill(0x11));
  const ispe = fullBox("ispe", [...u32(width), ...u32(height)]);
  const hdlr = fullBox("hdlr", [0, 0, 0, 0, ...ascii("pict"), ...new Array<number>(13).fill(0)]);
  const meta = fullBox("meta", [...hdlr, ...box("iprp", box("ipco", ispe))]);
  return new Uint8Array([...ftyp, ...mdat, ...meta]);
}

const unsized: Sniffed = { kind: "webp", mime: "image/webp", width: null, height: null, orientation: 1, frames: 1, components: null };

describe("the pixel limit", () => {
  it("reads an AVIF's size even when its 'ispe' box comes after 64 KB of image data, and refuses a huge one", () => {
    const s = sniff(avifWithMetaLast(20_000, 20_000, 70_000));
    expect(s).toMatchObject({ kind: "avif", width: 20_000, height: 20_000 });
    expect(() => checkHeader(s)).toThrow(Refusal);
    expect(20_000 * 20_000).toBeGreaterThan(MAX_PIXELS);
    expect(sniff(avifWithMetaLast(4000, 3000, 70_000))).toMatchObject({ width: 4000, height: 3000 });
  });

  it("refuses an image whose header gives no size (it cannot be checked before decoding)", () => {
    expect(() => checkHeader(unsized)).toThrow(/size/);
  });
});
