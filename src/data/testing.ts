import { encodeJpeg } from "../../e2e/fixtures/jpeg.mjs";
import type { NewPhoto } from "./items";
import { sha256Hex } from "./hash";

/**
 * A small real JPEG for data-layer tests, distinct per `seed` (its colours and a
 * comment carry the seed): the data layer never decodes photos, but a backup import
 * and sync check that every stored photo is an image by its bytes.
 */
export function testJpeg(seed: number, width = 64, height = 48): Uint8Array<ArrayBuffer> {
  const block = (bx: number, by: number) => [(seed * 37 + bx * 29) & 255, (seed * 11 + by * 53) & 255, (seed * 7 + bx * by) & 255];
  return new Uint8Array(encodeJpeg({ width, height, mode: "rgb", block, comment: [...new TextEncoder().encode(`curator test photo ${seed}`)] }));
}

/** A fake photo as the photo import would hand it over (original and thumbnail are real, tiny JPEGs). */
export async function fakePhoto(seed: number): Promise<NewPhoto> {
  const bytes = testJpeg(seed);
  return {
    original: new Blob([bytes], { type: "image/jpeg" }),
    thumbnail: new Blob([testJpeg(seed, 16, 16)], { type: "image/jpeg" }),
    width: 640,
    height: 480,
    mimeType: "image/jpeg",
    sha256: await sha256Hex(bytes),
  };
}
