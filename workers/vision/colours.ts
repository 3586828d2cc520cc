/** Colours of the garment only: k-means over the pixels the contract's mask keeps. */
import { dominantColours } from "../../src/domain/colour";
import type { ItemColour } from "../../src/domain/wardrobe/types";
import { areaResizeRgba } from "../../src/domain/vision/areaResize";
import type { GarmentInput } from "../../src/domain/vision/preprocess";

export function garmentColours(data: Uint8ClampedArray, width: number, height: number, pre: GarmentInput): ItemColour[] {
  // The mask lives at the contract's working size; bring the pixels to the same grid.
  let pixels = data;
  if (pre.workWidth !== width || pre.workHeight !== height) {
    const rgb = areaResizeRgba(data, width, height, pre.workWidth, pre.workHeight).data;
    const n = pre.workWidth * pre.workHeight;
    pixels = new Uint8ClampedArray(n * 4);
    for (let i = 0; i < n; i++) {
      pixels[i * 4] = rgb[i * 3]!;
      pixels[i * 4 + 1] = rgb[i * 3 + 1]!;
      pixels[i * 4 + 2] = rgb[i * 3 + 2]!;
      pixels[i * 4 + 3] = 255;
    }
  }
  return dominantColours(pixels, pre.mask).map((c) => ({ hex: c.hex, name: c.name, share: c.share }));
}
