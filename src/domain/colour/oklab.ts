/**
 * sRGB ⇄ linear sRGB ⇄ OKLab ⇄ OKLCh (Björn Ottosson, 2020).
 *
 * OKLab is used everywhere colours are compared because Euclidean distance in it
 * tracks perceived difference far better than RGB, and it is cheap (one 3×3 matrix,
 * a cube root, another 3×3 matrix) — fast enough for every pixel of a photo.
 */

/** 8-bit sRGB, each channel 0–255. */
export type Rgb = readonly [r: number, g: number, b: number];

export interface Oklab {
  /** Perceived lightness, 0 (black) – 1 (white). */
  L: number;
  a: number;
  b: number;
}

export interface Oklch {
  L: number;
  /** Chroma: 0 for greys, ~0.37 at most for sRGB colours. */
  C: number;
  /** Hue angle in degrees, [0, 360). Meaningless (0) when C is ~0. */
  h: number;
}

export function srgbChannelToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

export function linearChannelToSrgb(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
}

/** Linear value for each 8-bit sRGB code: the transfer curve is the slow part per pixel. */
export const SRGB8_TO_LINEAR: Float32Array = (() => {
  const lut = new Float32Array(256);
  for (let i = 0; i < 256; i++) lut[i] = srgbChannelToLinear(i / 255);
  return lut;
})();

/**
 * Linear sRGB (0–1) → OKLab, written into `out[offset..offset+2]`.
 * The typed-array form is what the k-means inner loops use; see `linearSrgbToOklab`.
 */
export function linearSrgbToOklabInto(r: number, g: number, b: number, out: Float32Array | Float64Array, offset: number): void {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  out[offset] = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  out[offset + 1] = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  out[offset + 2] = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
}

const scratch = new Float64Array(3);

export function linearSrgbToOklab(r: number, g: number, b: number): Oklab {
  linearSrgbToOklabInto(r, g, b, scratch, 0);
  return { L: scratch[0]!, a: scratch[1]!, b: scratch[2]! };
}

/** OKLab → linear sRGB (may fall outside 0–1 for colours outside the sRGB gamut). */
export function oklabToLinearSrgb(lab: Oklab): [number, number, number] {
  const l = (lab.L + 0.3963377774 * lab.a + 0.2158037573 * lab.b) ** 3;
  const m = (lab.L - 0.1055613458 * lab.a - 0.0638541728 * lab.b) ** 3;
  const s = (lab.L - 0.0894841775 * lab.a - 1.291485548 * lab.b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

export function srgbToOklab(rgb: Rgb): Oklab {
  return linearSrgbToOklab(SRGB8_TO_LINEAR[clampByte(rgb[0])]!, SRGB8_TO_LINEAR[clampByte(rgb[1])]!, SRGB8_TO_LINEAR[clampByte(rgb[2])]!);
}

/** OKLab → 8-bit sRGB, clipped to the gamut (centroids of real pixels are always near it). */
export function oklabToSrgb(lab: Oklab): [number, number, number] {
  const [r, g, b] = oklabToLinearSrgb(lab);
  return [toByte(r), toByte(g), toByte(b)];
}

export function oklabToOklch(lab: Oklab): Oklch {
  const C = Math.hypot(lab.a, lab.b);
  let h = (Math.atan2(lab.b, lab.a) * 180) / Math.PI;
  if (h < 0) h += 360;
  return { L: lab.L, C, h: C < 1e-6 ? 0 : h };
}

export function oklchToOklab(lch: Oklch): Oklab {
  const rad = (lch.h * Math.PI) / 180;
  return { L: lch.L, a: lch.C * Math.cos(rad), b: lch.C * Math.sin(rad) };
}

/** ΔE_OK: Euclidean distance in OKLab. ~0.02 is a just-noticeable difference. */
export function deltaEOK(x: Oklab, y: Oklab): number {
  return Math.hypot(x.L - y.L, x.a - y.a, x.b - y.b);
}

/** Smallest angle between two hues, 0–180 degrees. */
export function hueDistance(h1: number, h2: number): number {
  const d = Math.abs(h1 - h2) % 360;
  return d > 180 ? 360 - d : d;
}

const HEX_RE = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** "#1f2a44", "1F2A44" or "#abc" → [r, g, b]. Throws on anything else, naming the bad value. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = HEX_RE.exec(hex.trim());
  if (!m) throw new Error(`Not a hex colour: "${hex}" (expected #rrggbb or #rgb)`);
  let digits = m[1]!;
  if (digits.length === 3) digits = digits.replace(/./g, (c) => c + c);
  const n = parseInt(digits, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHex(rgb: Rgb): string {
  return "#" + rgb.map((c) => clampByte(c).toString(16).padStart(2, "0")).join("");
}

export function hexToOklab(hex: string): Oklab {
  return srgbToOklab(hexToRgb(hex));
}

export function hexToOklch(hex: string): Oklch {
  return oklabToOklch(hexToOklab(hex));
}

export function oklabToHex(lab: Oklab): string {
  return rgbToHex(oklabToSrgb(lab));
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

function toByte(linear: number): number {
  const c = linearChannelToSrgb(Math.min(1, Math.max(0, linear)));
  return clampByte(c * 255);
}
