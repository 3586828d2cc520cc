import { describe, expect, it } from "vitest";
import { buildFixtures } from "../../e2e/fixtures/make-fixtures.mjs";
import { Refusal, sniff } from "./sniff";

const fx = buildFixtures();
const bytes = (name: string) => new Uint8Array(fx[name]!.bytes);

describe("sniff: identifies files by their bytes", () => {
  it.each([
    ["tshirt-navy.jpg", "jpeg", 320, 400],
    ["cmyk-shirt.jpg", "jpeg", 320, 400],
    ["rotated-exif6.jpg", "jpeg", 256, 128],
    ["grey.png", "png", 200, 200],
    ["deep-16bit.png", "png", 160, 160],
    ["huge-50mp.png", "png", 8000, 6250],
    ["animated.gif", "gif", 96, 96],
    ["photo.heic", "heif", 4032, 3024],
  ])("%s → %s %i×%i", (name, kind, w, h) => {
    const s = sniff(bytes(name));
    expect(s).toMatchObject({ kind, width: w, height: h });
  });

  it("reads EXIF orientation, CMYK components and animation frames", () => {
    expect(sniff(bytes("rotated-exif6.jpg")).orientation).toBe(6);
    expect(sniff(bytes("tshirt-navy.jpg")).orientation).toBe(1);
    expect(sniff(bytes("cmyk-shirt.jpg")).components).toBe(4);
    expect(sniff(bytes("animated.gif")).frames).toBe(2);
  });

  it.each([
    ["empty.jpg", /empty/],
    ["truncated.jpg", /incomplete/],
    ["invoice.jpg", /PDF document/],
    ["logo.svg", /SVG/],
  ])("refuses %s", (name, why) => {
    expect(() => sniff(bytes(name))).toThrow(Refusal);
    expect(() => sniff(bytes(name))).toThrow(why);
  });

  it("refuses a PNG cut short and unknown bytes", () => {
    const png = bytes("grey.png");
    expect(() => sniff(png.subarray(0, png.length - 20))).toThrow(/incomplete/);
    expect(() => sniff(new TextEncoder().encode("just some text, not a photo"))).toThrow(/isn't an image/);
    expect(() => sniff(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 1, 2, 3]))).toThrow(/TIFF/);
  });
});
