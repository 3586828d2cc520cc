// The sniffer on hand-built headers, byte by byte: each format's size fields, the
// structures that make a file complete or damaged, and what is refused and why. (Real
// files made by encoders are checked in workers/image/sniff.test.ts.)
import { describe, expect, it } from "vitest";
import { Refusal, sniff } from "./sniff";

const bytes = (...parts: (number[] | string | Uint8Array)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : [...p])));
const u16le = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const u24le = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff];
const u32le = (v: number) => [...u16le(v & 0xffff), ...u16le(v >>> 16)];
const u16be = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const u32be = (v: number) => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const box = (type: string, ...body: (number[] | string | Uint8Array)[]) => {
  const b = bytes(...body);
  return bytes(u32be(8 + b.length), type, b);
};

const refusal = (b: Uint8Array) => {
  try {
    sniff(b);
  } catch (e) {
    expect(e).toBeInstanceOf(Refusal);
    expect((e as Error).name).toBe("Refusal");
    return (e as Error).message;
  }
  throw new Error("not refused");
};

describe("WebP: the size from each of its three headers", () => {
  const riff = (chunk: string, body: number[]) => bytes("RIFF", u32le(4 + 8 + body.length), "WEBP", chunk, u32le(body.length), body);

  it("VP8X (extended): 24-bit sizes minus one", () => {
    const b = riff("VP8X", [0, 0, 0, 0, ...u24le(3999), ...u24le(2999)]);
    expect(sniff(b)).toEqual({ kind: "webp", mime: "image/webp", width: 4000, height: 3000, orientation: 1, frames: 1, components: null });
  });

  it("VP8 (lossy): 14-bit sizes after the key frame's start code, scale bits ignored", () => {
    const b = riff("VP8 ", [0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(640 | 0x4000), ...u16le(480 | 0x8000)]);
    expect(sniff(b)).toMatchObject({ kind: "webp", width: 640, height: 480 });
  });

  it("VP8L (lossless): two 14-bit fields minus one, packed after the signature byte", () => {
    const bits = (1023 - 1) | ((767 - 1) << 14);
    const b = riff("VP8L", [0x2f, ...u32le(bits)]);
    expect(sniff(b)).toMatchObject({ kind: "webp", width: 1023, height: 767 });
  });

  it("an unknown chunk: a WebP of unknown size (the decoder decides)", () => {
    expect(sniff(riff("ALPH", [0, 0, 0, 0]))).toMatchObject({ kind: "webp", width: null, height: null });
  });
});

describe("BMP", () => {
  it("reads 32-bit sizes; a top-down bitmap's negative height counts as its size", () => {
    const header = bytes("BM", new Array(16).fill(0), u32le(70000), u32le(-300 >>> 0), [0, 0]);
    expect(header.length).toBeGreaterThan(26);
    expect(sniff(header)).toEqual({ kind: "bmp", mime: "image/bmp", width: 70000, height: 300, orientation: 1, frames: 1, components: null });
  });

  it("is not a BMP when the header is too short to hold its size", () => {
    expect(() => sniff(bytes("BM", new Array(23).fill(0)))).toThrow(Refusal);
  });
});

describe("GIF: frames are counted through colour tables and extension blocks", () => {
  const frame = (localTable: boolean) =>
    bytes([0x2c], u16le(0), u16le(0), u16le(2), u16le(2), [localTable ? 0x81 : 0], localTable ? new Array(12).fill(0) : [], [2, 2, 0x4c, 0x01, 0]);
  const gif = (...body: Uint8Array[]) =>
    bytes("GIF89a", u16le(300), u16le(200), [0x80 | 0x01, 0, 0], new Array(12).fill(0), ...body.map((b) => [...b]), [0x3b]);

  it("counts each image descriptor, skipping global and local colour tables and extensions", () => {
    const ext = bytes([0x21, 0xf9, 4, 0, 0, 0, 0, 0]);
    const b = gif(ext, frame(false), ext, frame(true), frame(false));
    expect(sniff(b)).toEqual({ kind: "gif", mime: "image/gif", width: 300, height: 200, orientation: 1, frames: 3, components: null });
  });

  it("GIF87a is a GIF too", () => {
    const b = gif(frame(false));
    b.set(bytes("GIF87a"), 0);
    expect(sniff(b).frames).toBe(1);
  });

  it("refuses a GIF without an image", () => {
    expect(refusal(gif())).toMatch(/incomplete/);
  });

  it("counts nothing that is not an image descriptor, and reads a GIF without a global colour table", () => {
    const junk = gif(bytes([0x99, 0x2c]));
    expect(refusal(junk)).toMatch(/incomplete/);
    const bare = bytes("GIF89a", u16le(2), u16le(2), [0, 0, 0], frame(false), [0x3b]);
    expect(sniff(bare).frames).toBe(1);
  });
});

describe("HEIF and AVIF (ISO-BMFF)", () => {
  const ftyp = (major: string, ...compatible: string[]) => box("ftyp", major, u32be(0), ...compatible);
  const ispe = (w: number, h: number) => box("ispe", u32be(0), u32be(w), u32be(h));
  const meta = (...props: Uint8Array[]) => box("meta", u32be(0), box("iprp", box("ipco", ...props)));

  it("takes the largest 'ispe' in meta → iprp → ipco as the image's size (thumbnails are smaller)", () => {
    const b = bytes(ftyp("heic", "mif1"), meta(ispe(320, 240), ispe(4032, 3024), ispe(512, 512)));
    expect(sniff(b)).toEqual({ kind: "heif", mime: "image/heic", width: 4032, height: 3024, orientation: 1, frames: 1, components: null });
  });

  it("knows AVIF by a compatible brand too, and finds a 'meta' written after the image data", () => {
    const b = bytes(ftyp("mif1", "miaf", "avif"), box("mdat", new Array(40).fill(7)), meta(ispe(1920, 1080)));
    expect(sniff(b)).toMatchObject({ kind: "avif", mime: "image/avif", width: 1920, height: 1080 });
  });

  it("reads a 64-bit box size (high word 0) and a box that runs to the end (size 0)", () => {
    const body = bytes(u32be(0), box("iprp", box("ipco", ispe(800, 600))));
    const large = bytes(u32be(1), "meta", u32be(0), u32be(16 + body.length), body);
    expect(sniff(bytes(ftyp("heic"), large))).toMatchObject({ width: 800, height: 600 });
    const toEnd = bytes(u32be(0), "meta", body);
    expect(sniff(bytes(ftyp("heic"), toEnd))).toMatchObject({ width: 800, height: 600 });
  });

  it("falls back to scanning for 'ispe' when the boxes do not lead to one (one ending the file included)", () => {
    const b = bytes(ftyp("heic"), box("free", ispe(640, 480), ispe(1280, 960)));
    expect(sniff(b)).toMatchObject({ kind: "heif", width: 1280, height: 960 });
  });

  it.each(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"])("knows HEIF by its brand %s", (brand) => {
    expect(sniff(bytes(ftyp("isom", "mp41", brand), meta(ispe(10, 20))))).toMatchObject({ kind: "heif", mime: "image/heic", width: 10, height: 20 });
  });

  it("AVIF wins over HEIF brands (an AVIF lists mif1 too), 'avis' (AVIF sequence) included", () => {
    expect(sniff(bytes(ftyp("mif1", "avis"), meta(ispe(10, 20)))).kind).toBe("avif");
  });

  it("has no size when it holds no 'ispe' at all, and is no image with another brand", () => {
    expect(sniff(bytes(ftyp("heic"), box("free", new Array(20).fill(0))))).toMatchObject({ kind: "heif", width: null, height: null });
    expect(() => sniff(bytes(ftyp("isom", "mp41"), box("free", new Array(20).fill(0))))).toThrow(Refusal);
  });

  // A decoy: 'ispe' bytes inside the image data, larger than any real image. The box walk never
  // looks there; the fallback scan would, so each case shows which of the two answered.
  const decoy = box("mdat", ispe(60000, 60000));
  const props = bytes(u32be(0), box("iprp", box("ipco", ispe(800, 600))));

  it("answers from the boxes, not a scan, whenever the boxes lead to an 'ispe' (64-bit and to-the-end sizes too)", () => {
    expect(sniff(bytes(ftyp("heic"), decoy, meta(ispe(4032, 3024))))).toMatchObject({ width: 4032, height: 3024 });
    expect(sniff(bytes(ftyp("heic"), decoy, bytes(u32be(1), "meta", u32be(0), u32be(16 + props.length), props)))).toMatchObject({ width: 800, height: 600 });
    expect(sniff(bytes(ftyp("heic"), decoy, bytes(u32be(0), "meta", props)))).toMatchObject({ width: 800, height: 600 });
  });

  it("stops at a box it cannot hold (over 4 GiB, shorter than its header, past the end) and scans instead", () => {
    const over4GiB = bytes(u32be(1), "meta", u32be(1), u32be(16 + props.length), props);
    expect(sniff(bytes(ftyp("heic"), decoy, over4GiB))).toMatchObject({ width: 60000, height: 60000 });
    const pastEnd = bytes(u32be(8 + props.length + 1), "meta", props);
    expect(sniff(bytes(ftyp("heic"), decoy, pastEnd))).toMatchObject({ width: 60000, height: 60000 });
    // A size of 4: a walker that stepped 4 bytes on would land on a well-formed 'meta'.
    const underHeader = bytes(u32be(4), meta(ispe(800, 600)));
    expect(sniff(bytes(ftyp("heic"), decoy, underHeader))).toMatchObject({ width: 60000, height: 60000 });
  });

  it("skips an 'ispe' too short to hold both sizes, keeps the first of equal areas, and has no size at zero area", () => {
    const short = box("ispe", u32be(0), u32be(1000));
    expect(sniff(bytes(ftyp("heic"), meta(short, ispe(100, 50))))).toMatchObject({ width: 100, height: 50 });
    expect(sniff(bytes(ftyp("heic"), meta(ispe(200, 100), ispe(100, 200))))).toMatchObject({ width: 200, height: 100 });
    expect(sniff(bytes(ftyp("heic"), meta(ispe(0, 500))))).toMatchObject({ width: null, height: null });
    // The scan keeps the largest, whatever the order.
    expect(sniff(bytes(ftyp("heic"), box("free", ispe(1280, 960), ispe(640, 480))))).toMatchObject({ width: 1280, height: 960 });
  });
});

describe("JPEG: segments, fill bytes and the EXIF orientation", () => {
  const sof = (w: number, h: number, comps = 3) => bytes([0xff, 0xc0], u16be(8 + 3 * comps), [8], u16be(h), u16be(w), [comps], new Array(3 * comps).fill(0));
  const sos = bytes([0xff, 0xda], u16be(8), [1, 1, 0, 0, 0x3f, 0], [0x12, 0x34, 0xff, 0x00, 0x56], [0xff, 0xd9]);
  const exif = (le: boolean, orientation: number) => {
    const r16 = le ? u16le : u16be;
    const r32 = le ? u32le : u32be;
    const tiff = bytes(le ? "II" : "MM", r16(42), r32(8), r16(1), r16(0x0112), r16(3), r32(1), r16(orientation), [0, 0], r32(0));
    const payload = bytes("Exif", [0, 0], tiff);
    return bytes([0xff, 0xe1], u16be(2 + payload.length), payload);
  };
  const jpeg = (...segments: Uint8Array[]) => bytes([0xff, 0xd8], ...segments, sos);

  it("reads the size and components from the frame header", () => {
    expect(sniff(jpeg(sof(640, 480, 1)))).toEqual({ kind: "jpeg", mime: "image/jpeg", width: 640, height: 480, orientation: 1, frames: 1, components: 1 });
  });

  it.each([
    [true, 6],
    [false, 8],
    [true, 1],
  ])("reads the orientation from little-endian (%s) or big-endian TIFF: %i", (le, o) => {
    expect(sniff(jpeg(exif(le, o), sof(640, 480))).orientation).toBe(o);
  });

  it("ignores an orientation outside 1–8", () => {
    expect(sniff(jpeg(exif(true, 9), sof(640, 480))).orientation).toBe(1);
    expect(sniff(jpeg(exif(false, 0), sof(640, 480))).orientation).toBe(1);
  });

  it("takes the size from any frame header (progressive, lossless), never from a Huffman or arithmetic table", () => {
    const table = (marker: number) => bytes([0xff, marker], u16be(8), [9, 9, 9, 9, 9, 9]);
    const progressive = bytes([0xff, 0xc2], sof(800, 600).subarray(2));
    expect(sniff(jpeg(table(0xc4), progressive, table(0xcc)))).toMatchObject({ width: 800, height: 600 });
    const lastSof = bytes([0xff, 0xcf], sof(81, 61).subarray(2));
    expect(sniff(jpeg(lastSof))).toMatchObject({ width: 81, height: 61 });
    expect(sniff(jpeg(table(0xc4), table(0xc8)))).toMatchObject({ width: null, height: null });
  });

  it("reads EXIF only from an 'Exif' APP1 (not XMP), and accepts an empty segment", () => {
    const xmp = exif(true, 6);
    xmp.set(bytes("http"), 4);
    expect(sniff(jpeg(xmp, sof(640, 480))).orientation).toBe(1);
    expect(sniff(jpeg(bytes([0xff, 0xe0], u16be(2)), sof(640, 480))).width).toBe(640);
  });

  it("skips fill bytes between segments", () => {
    expect(sniff(jpeg(bytes([0xff, 0xff]), sof(32, 16))).width).toBe(32);
  });

  it("refuses a broken segment chain, and a file cut before its end marker", () => {
    expect(refusal(bytes([0xff, 0xd8], [0xff, 0xe0], u16be(4), [0, 0], [0x00, 0xc0, 0, 0, 0, 0]))).toMatch(/damaged/);
    expect(refusal(bytes([0xff, 0xd8], [0xff, 0xe0], u16be(1), [0, 0]))).toMatch(/incomplete/);
    expect(refusal(bytes([0xff, 0xd8], [0xff, 0xe0], u16be(200), [0, 0]))).toMatch(/incomplete/);
    const cut = jpeg(sof(640, 480));
    expect(refusal(cut.subarray(0, cut.length - 2))).toMatch(/incomplete/);
  });

  // EXIF whose IFD, or whose orientation entry, lies past the end of its APP1 segment: the bytes
  // there belong to the next segment (here a comment holding a well-formed orientation-6 IFD),
  // so they are not read.
  const com = (...payload: (number[] | Uint8Array)[]) => {
    const b = bytes(...payload);
    return bytes([0xff, 0xfe], u16be(2 + b.length), b);
  };
  const app1 = (...payload: (number[] | string | Uint8Array)[]) => {
    const b = bytes(...payload);
    return bytes([0xff, 0xe1], u16be(2 + b.length), b);
  };
  const entry6 = bytes(u16le(0x0112), u16le(3), u32le(1), u16le(6), [0, 0]);

  it("does not read an EXIF directory, or an entry, that runs past its segment", () => {
    // APP1 at 2: TIFF header at 12, segment ends at 20; the comment's payload (the IFD) starts at 24 = TIFF + 12.
    const ifdOutside = bytes([0xff, 0xd8], app1("Exif", [0, 0], "II", u16le(42), u32le(12)), com(u16le(1), entry6, u32le(0)), sof(64, 48), sos);
    expect(sniff(ifdOutside).orientation).toBe(1);
    // Shifted into the segment, the same directory is read: the layout above is right.
    expect(sniff(bytes([0xff, 0xd8], app1("Exif", [0, 0], "II", u16le(42), u32le(8), u16le(1), entry6, u32le(0)), sof(64, 48), sos)).orientation).toBe(6);
    // The entry's value is inside the segment but its last two bytes are not: the entry is not read.
    const entryCut = bytes([0xff, 0xd8], app1("Exif", [0, 0], "II", u16le(42), u32le(8), u16le(1), entry6.subarray(0, 10)), sof(64, 48), sos);
    expect(sniff(entryCut).orientation).toBe(1);
    // An entry ending exactly at the segment's end is read.
    expect(sniff(bytes([0xff, 0xd8], app1("Exif", [0, 0], "II", u16le(42), u32le(8), u16le(1), entry6), sof(64, 48), sos)).orientation).toBe(6);
  });

  it("reads EXIF from APP1 only, and takes the largest orientation of several", () => {
    const asApp0 = exif(true, 6);
    asApp0[1] = 0xe0;
    expect(sniff(jpeg(asApp0, sof(640, 480))).orientation).toBe(1);
    expect(sniff(jpeg(exif(true, 3), exif(false, 6), sof(640, 480))).orientation).toBe(6);
    expect(sniff(jpeg(exif(true, 6), exif(false, 3), sof(640, 480))).orientation).toBe(6);
  });

  it("looks for the end marker only after the scan header", () => {
    // FF D9 inside the scan header's own bytes, then coded data that is cut off: incomplete.
    const header = bytes([0xff, 0xda], u16be(10), [1, 1, 0, 0, 0x3f, 0xff, 0xd9, 0]);
    expect(refusal(bytes([0xff, 0xd8], sof(64, 48), header, [0x12, 0x34, 0x56]))).toMatch(/incomplete/);
    expect(refusal(bytes([0xff, 0xd8], sof(64, 48), header, [0x12, 0x34, 0xff]))).toMatch(/incomplete/);
    expect(sniff(bytes([0xff, 0xd8], sof(64, 48), header, [0x12, 0xff, 0xd9])).width).toBe(64);
  });
});

describe("PNG", () => {
  const png = (w: number, h: number, end = true) =>
    bytes(
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      u32be(13),
      "IHDR",
      u32be(w),
      u32be(h),
      [8, 6, 0, 0, 0],
      u32be(0),
      end ? bytes(u32be(0), "IEND", u32be(0xae426082)) : [],
    );

  it("reads the size from IHDR when the file ends with IEND", () => {
    expect(sniff(png(4000, 3000))).toEqual({ kind: "png", mime: "image/png", width: 4000, height: 3000, orientation: 1, frames: 1, components: null });
  });

  it("refuses a PNG cut before IEND, one without IHDR, and one too short to hold it", () => {
    expect(refusal(png(40, 30, false))).toMatch(/incomplete/);
    const noIhdr = png(40, 30);
    noIhdr.set(bytes("IHDX"), 12);
    expect(refusal(noIhdr)).toMatch(/incomplete/);
    expect(refusal(png(40, 30).subarray(0, 32))).toMatch(/incomplete/);
  });

  it("accepts up to 56 bytes after IEND (tools append a few), not more", () => {
    expect(sniff(bytes(png(40, 30), new Array(56).fill(0))).width).toBe(40);
    expect(refusal(bytes(png(40, 30), new Array(57).fill(0)))).toMatch(/incomplete/);
  });
});

describe("what is refused", () => {
  it("a RIFF file that is not a WebP (a WAV sound)", () => {
    expect(() => sniff(bytes("RIFF", u32le(40), "WAVE", "fmt ", u32le(16), new Array(24).fill(0)))).toThrow(Refusal);
  });

  it("a BMP header one byte too short to hold its height", () => {
    expect(() => sniff(bytes("BM", new Array(24).fill(0)))).toThrow(Refusal);
    expect(sniff(bytes("BM", new Array(16).fill(0), u32le(2), u32le(3), [0])).kind).toBe("bmp");
  });

  it.each([
    [bytes(""), /empty/],
    [bytes("%PDF-1.7\n"), /PDF/],
    [bytes([0x49, 0x49, 0x2a, 0x00], new Array(8).fill(0)), /TIFF/],
    [bytes([0x4d, 0x4d, 0x00, 0x2a], new Array(8).fill(0)), /TIFF/],
    [bytes("\uFEFF  <?xml version='1.0'?><svg/>"), /SVG/],
    [bytes("<!DOCTYPE html><html></html>"), /SVG/],
    [bytes("<html><body></body></html>"), /SVG/],
    [bytes("<!-- a comment --><svg xmlns='http://www.w3.org/2000/svg'/>"), /SVG/],
  ])("%#: %s", (b, why) => {
    expect(refusal(b)).toMatch(why);
  });
});
