import type { NewPhoto } from "./items";
import { sha256Hex } from "./hash";

/** A small fake photo for data-layer tests (any bytes will do: the data layer never decodes). */
export async function fakePhoto(seed: number): Promise<NewPhoto> {
  const bytes = new Uint8Array(256).map((_, i) => (i * 31 + seed) & 255);
  return {
    original: new Blob([bytes], { type: "image/jpeg" }),
    thumbnail: new Blob([bytes.slice(0, 64)], { type: "image/webp" }),
    width: 640,
    height: 480,
    mimeType: "image/jpeg",
    sha256: await sha256Hex(bytes),
  };
}
