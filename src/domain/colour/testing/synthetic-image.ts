/**
 * Synthetic RGBA images with known colours, for tests of dominantColours.
 * Deterministic (seeded) so a failing case can be replayed.
 */
import { mulberry32 } from "../kmeans";
import { hexToRgb } from "../oklab";

export interface Region {
  hex: string;
  /** Fraction of the garment (mask) pixels painted in this colour. */
  share: number;
}

export interface SyntheticImage {
  pixels: Uint8ClampedArray;
  mask: Uint8Array;
  width: number;
  height: number;
}

export interface SyntheticOptions {
  width?: number;
  height?: number;
  /** Gaussian noise, standard deviation in 0–255 units, per channel. */
  noise?: number;
  seed?: number;
  /** Background colour outside the mask (the garment is a centred rectangle of `garmentFraction` of the area). */
  background?: string;
  garmentFraction?: number;
  /** Fraction of garment pixels replaced by random colours (salt noise). */
  salt?: number;
  /** "rows": horizontal bands (like stripes when bands repeat); "shuffle": colours scattered pixel by pixel. */
  layout?: "bands" | "shuffle";
}

/** Paint a garment made of `regions` (shares summing to 1) on a background. */
export function syntheticGarment(regions: Region[], o: SyntheticOptions = {}): SyntheticImage {
  const width = o.width ?? 100;
  const height = o.height ?? 125;
  const rand = mulberry32(o.seed ?? 1);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const frac = o.garmentFraction ?? 1;
  const side = Math.sqrt(frac);
  const gw = Math.round(width * side);
  const gh = Math.round(height * side);
  const x0 = Math.floor((width - gw) / 2);
  const y0 = Math.floor((height - gh) / 2);
  const pixels = new Uint8ClampedArray(width * height * 4);
  const mask = new Uint8Array(width * height);
  const bg = hexToRgb(o.background ?? "#ffffff");
  const colours = regions.map((r) => hexToRgb(r.hex));
  // Cumulative shares pick a region for the k-th garment pixel, exactly honouring shares.
  const cumulative: number[] = [];
  regions.reduce((acc, r) => (cumulative.push(acc + r.share), acc + r.share), 0);
  const total = gw * gh;
  const order = Array.from({ length: total }, (_, i) => i);
  if (o.layout === "shuffle") {
    for (let i = total - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  let g = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const inside = x >= x0 && x < x0 + gw && y >= y0 && y < y0 + gh;
      let rgb = bg;
      if (inside) {
        mask[p] = 1;
        const rank = (order[g++]! + 0.5) / total;
        let r = cumulative.findIndex((c) => rank < c + 1e-9);
        if (r < 0) r = regions.length - 1;
        rgb = colours[r]!;
        if (o.salt && rand() < o.salt) rgb = [rand() * 255, rand() * 255, rand() * 255];
      }
      const noise = o.noise ?? 0;
      pixels[p * 4] = rgb[0] + noise * gauss();
      pixels[p * 4 + 1] = rgb[1] + noise * gauss();
      pixels[p * 4 + 2] = rgb[2] + noise * gauss();
      pixels[p * 4 + 3] = 255;
    }
  }
  return { pixels, mask, width, height };
}
