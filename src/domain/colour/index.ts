/** Colour science for Curator: conversions, dominant colours of a garment, fashion names. */
export * from "./oklab";
export { dominantColours, type DominantColour, type DominantColoursOptions } from "./dominant";
export {
  FASHION_PALETTE,
  nameColour,
  nearestPaletteColour,
  paletteIndexOf,
  paletteColour,
  isNeutralName,
  PALETTE_SIZE,
  type PaletteColour,
  type NearestColour,
} from "./palette";
export { kmeans, mulberry32, type KMeansResult, type KMeansOptions } from "./kmeans";
