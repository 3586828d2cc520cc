import { describe, expect, it } from "vitest";
import { encodeJpeg } from "../../e2e/fixtures/jpeg.mjs";
import { exifApp1 } from "../../e2e/fixtures/exif.mjs";
import { stripJpegMetadata } from "./strip";

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const segment = (marker: number, payload: number[]) => [0xff, marker, ((payload.length + 2) >> 8) & 255, (payload.length + 2) & 255, ...payload];
// Varied blocks so the scan data holds stuffed 0xFF 0x00 bytes, as real photos do.
// Black/white checks: each +255 DC step codes as a run of 1 bits, hence 0xFF bytes.
const block = (bx: number, by: number) => ((bx + by) % 2 ? [255, 255, 255] : [0, 0, 0]);
const plain = (mode: "rgb" | "cmyk" = "rgb") =>
  new Uint8Array(encodeJpeg({ width: 128, height: 64, mode, block: mode === "rgb" ? block : (x, y) => [...block(x, y), 40] }));

function contains(b: Uint8Array, pattern: number[]): boolean {
  outer: for (let i = 0; i + pattern.length <= b.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (b[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** Inserts segments right after the SOI (or, with `beforeEoi`, just before the end). */
function withSegments(jpeg: Uint8Array, segs: number[][], beforeEoi = false): Uint8Array {
  const at = beforeEoi ? jpeg.length - 2 : 2;
  return new Uint8Array([...jpeg.subarray(0, at), ...segs.flat(), ...jpeg.subarray(at)]);
}

describe("stripJpegMetadata: drops metadata, keeps the image bytes", () => {
  it("the fixture's scan really contains stuffed 0xFF bytes", () => {
    expect(contains(plain(), [0xff, 0x00])).toBe(true);
  });

  it("removes EXIF (GPS, camera) and comments; the rest is byte-identical", () => {
    const source = new Uint8Array(
      encodeJpeg({ width: 128, height: 64, mode: "rgb", block, app1: exifApp1({ gps: { lat: 48.85, lon: 2.35 } }), comment: ascii("shot by Jane at home") }),
    );
    expect(contains(source, ascii("Exif\0\0"))).toBe(true);
    const out = stripJpegMetadata(source);
    expect(out).not.toBeNull();
    expect(contains(out!, ascii("Exif"))).toBe(false);
    expect(contains(out!, ascii("CuratorTestCam"))).toBe(false);
    expect(contains(out!, ascii("Jane"))).toBe(false);
    expect(contains(out!, [0x88, 0x25, 0x00, 0x04])).toBe(false);
    expect(out).toEqual(plain());
  });

  it("drops XMP, IPTC, multi-picture data, JFIF thumbnails and anything after the end marker", () => {
    const jfifThumb = segment(0xe0, [...ascii("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 1, 1, 9, 9, 9]);
    const source = withSegments(plain(), [
      segment(0xe1, ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Jane</x:xmpmeta>")),
      segment(0xed, ascii("Photoshop 3.0\0IPTC Jane")),
      segment(0xe2, ascii("MPF\0MM\0*")),
      jfifThumb,
    ]);
    const trailer = ascii("ftypmp42 a motion photo's video of Jane");
    const out = stripJpegMetadata(new Uint8Array([...source, ...trailer]));
    expect(out).toEqual(plain());
  });

  it("keeps what colours depend on: the ICC profile and the Adobe transform flag", () => {
    const icc = segment(0xe2, [...ascii("ICC_PROFILE\0"), 1, 1, ...ascii("fake profile")]);
    const withIcc = withSegments(plain(), [icc]);
    expect(stripJpegMetadata(withIcc)).toEqual(withIcc);
    const cmyk = plain("cmyk");
    expect(contains(cmyk, ascii("Adobe"))).toBe(true);
    expect(stripJpegMetadata(cmyk)).toEqual(cmyk);
  });

  it("removes a comment between the last scan and the end marker", () => {
    expect(stripJpegMetadata(withSegments(plain(), [segment(0xfe, ascii("late comment"))], true))).toEqual(plain());
  });

  it("gives up (null) on files that are not complete JPEGs", () => {
    const jpeg = plain();
    expect(stripJpegMetadata(jpeg.subarray(0, jpeg.length - 2))).toBeNull();
    expect(stripJpegMetadata(jpeg.subarray(0, 40))).toBeNull();
    expect(stripJpegMetadata(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    const noScan = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    expect(stripJpegMetadata(noScan)).toBeNull();
  });
});
