/** Colours of the garment only: k-means over the pixels the contract's mask keeps. */
import { dominantColours } from "@domain/colour";
import type { ItemColour } from "@domain/wardrobe/types";
import type { GarmentInput } from "@domain/vision/preprocess";

export function garmentColours(pre: GarmentInput): ItemColour[] {
  // The mask indexes the contract's working-size pixels, which it hands back.
  return dominantColours(pre.workPixels, pre.mask).map((c) => ({ hex: c.hex, name: c.name, share: c.share }));
}
