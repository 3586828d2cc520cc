import { describe, expect, it } from "vitest";
import { encodePng } from "../../../e2e/fixtures/png.mjs";
import { testJpeg } from "@data/testing";
import { checkStylePhoto, StylePhotoRefused } from "./photoLimit";

/** A small real PNG whose header is patched to claim `width` × `height` (what a crafted file does). */
function pngClaiming(width: number, height: number): Uint8Array<ArrayBuffer> {
  const png = new Uint8Array(encodePng({ width: 8, height: 8, mode: "grey", depth: 8, pixel: () => [128] }));
  const view = new DataView(png.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return png;
}

describe("the Style tab opens a photo only when its header says it is safe to", () => {
  it("refuses a file claiming 20,000 × 20,000 pixels before any decoder sees it", async () => {
    const e = await checkStylePhoto(new Blob([pngClaiming(20_000, 20_000)])).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StylePhotoRefused);
    expect((e as Error).message).toMatch(/too large to open \(20000 × 20000 pixels\)/);
  });

  it("refuses SVG, and anything that is not an image, by its bytes", async () => {
    for (const bytes of [new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"), new TextEncoder().encode("%PDF-1.7")]) {
      await expect(checkStylePhoto(new Blob([bytes], { type: "image/jpeg" }))).rejects.toBeInstanceOf(StylePhotoRefused);
    }
  });

  it("lets an ordinary photo through, with its size", async () => {
    expect(await checkStylePhoto(new Blob([testJpeg(3, 64, 48)]))).toMatchObject({ kind: "jpeg", width: 64, height: 48 });
    expect(await checkStylePhoto(new Blob([pngClaiming(4000, 3000)]))).toMatchObject({ kind: "png", width: 4000, height: 3000 });
  });
});
