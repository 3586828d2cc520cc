/**
 * Personal colouring from a selfie and its face mesh: skin, hair and eye colours
 * measured in regions the landmarks find (OKLab), the undertone (warm / cool /
 * neutral), depth, contrast and clarity → one of the 12 seasons and its swatches.
 *
 * Pure: it takes the RGBA pixels and the 468 mesh points, nothing else. Each region
 * is summarised robustly (the middle of its lightness range: no shadows, no
 * highlights). The white balance is checked on the whole picture (grey world and
 * its brightest pixels): a strong cast makes every colour wrong, so the result says
 * so and asks for daylight instead of pretending.
 */
import { hexToOklab, oklabToHex, oklabToOklch, SRGB8_TO_LINEAR, linearSrgbToOklabInto, type Oklab } from "../colour/oklab";
import { assertFaceMesh, MESH, point, type Landmark } from "./landmarks";
import { seasonFromTraits, seasonPalette, type ColourSeason, type ColourTraits, type SeasonPalette } from "./seasons";

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows top to bottom (ImageData's layout). */
  data: Uint8ClampedArray | Uint8Array;
}

export interface MeasuredColour {
  lab: Oklab;
  hex: string;
  /** Pixels the region gave. */
  pixels: number;
}

export type Undertone = "warm" | "cool" | "neutral";

export interface PersonalColouring {
  skin: MeasuredColour;
  /** Null when no hair is seen above the forehead (a hat, a bald head, a tight crop). */
  hair: MeasuredColour | null;
  eyes: MeasuredColour | null;
  undertone: Undertone;
  /** Skin hue in OKLCh degrees: pinker below ~46°, more golden above ~58°. */
  skinHue: number;
  depth: "light" | "medium" | "deep";
  contrast: "low" | "medium" | "high";
  clarity: "soft" | "medium" | "bright";
  traits: ColourTraits;
  season: ColourSeason;
  palette: SeasonPalette;
  /** 0–1: how sure the reading is (margins from the thresholds, what was seen, the light). */
  confidence: number;
  sureness: "high" | "medium" | "low";
  whiteBalance: { ok: boolean; cast: number; direction: "warm" | "cool" | "green" | "magenta" | null };
  /** In plain words, for the screen: the daylight request, what was not seen. */
  messages: string[];
}

/** Skin hue thresholds (OKLCh degrees), from typical pink and golden skin tones. */
const COOL_BELOW = 46;
const WARM_ABOVE = 58;
/** Above this chroma of the picture's average (grey world) or of its whitest pixels, the light is coloured. */
const GREY_WORLD_CAST = 0.03;
const WHITE_PATCH_CAST = 0.05;

// Mesh points whose neighbourhoods are plain skin: cheeks (both sides) and the forehead.
const SKIN_POINTS = [205, 425, 50, 280, 151, 108, 337] as const;
// Eye corners (outer, inner) per eye: the iris sits between them.
const EYES = [
  [33, 133],
  [263, 362],
] as const;

export function personalColouring(image: RgbaImage, mesh: readonly Landmark[]): PersonalColouring {
  assertFaceMesh(mesh);
  if (image.width < 1 || image.height < 1 || image.data.length < image.width * image.height * 4) throw new RangeError("The picture has no pixels.");
  const p = (i: number) => point(mesh, i);
  const faceWidth = Math.hypot(p(MESH.cheekLeft).x - p(MESH.cheekRight).x, p(MESH.cheekLeft).y - p(MESH.cheekRight).y);
  const faceHeight = Math.abs(p(MESH.chin).y - p(MESH.foreheadTop).y);
  if (!(faceWidth > 4)) throw new RangeError("The face is too small to read colours from.");

  const skinLabs = SKIN_POINTS.flatMap((i) => disc(image, p(i).x, p(i).y, faceWidth * 0.045));
  const skin = summarise(skinLabs);
  if (!skin) throw new RangeError("The face is outside the picture.");

  // Irises: the darker half of a small disc between each eye's corners (the rest is the white of the eye).
  const irisLabs: Oklab[] = [];
  const scleraLabs: Oklab[] = [];
  for (const [outer, inner] of EYES) {
    const a = p(outer);
    const b = p(inner);
    const labs = disc(image, (a.x + b.x) / 2, (a.y + b.y) / 2, Math.hypot(b.x - a.x, b.y - a.y) * 0.22);
    const sorted = labs.sort((x, y) => x.L - y.L);
    irisLabs.push(...sorted.slice(0, Math.ceil(sorted.length / 2)));
    scleraLabs.push(...sorted.slice(Math.floor(sorted.length * 0.85)));
  }
  const eyes = summarise(irisLabs);

  // Hair: a band above the mesh top (the mesh stops below the hairline), between the temples.
  const top = p(MESH.foreheadTop);
  const hairLabs = rect(
    image,
    Math.min(p(MESH.foreheadRight).x, p(MESH.foreheadLeft).x),
    top.y - faceHeight * 0.32,
    Math.max(p(MESH.foreheadRight).x, p(MESH.foreheadLeft).x),
    top.y - faceHeight * 0.12,
  );
  const hairRaw = summarise(hairLabs);
  const hairSeen = hairRaw !== null && distance(hairRaw.lab, skin.lab) > 0.08;
  const hair = hairSeen ? hairRaw : null;

  const whiteBalance = checkWhiteBalance(image);
  const skinLch = oklabToOklch(skin.lab);
  const skinHue = skinLch.h;
  const undertone: Undertone = skinHue >= WARM_ABOVE ? "warm" : skinHue <= COOL_BELOW ? "cool" : "neutral";

  // Depth: the overall lightness of the colouring (skin weighs most).
  const parts: [number, number][] = [[skin.lab.L, 0.55]];
  if (hair) parts.push([hair.lab.L, 0.3]);
  if (eyes) parts.push([eyes.lab.L, 0.15]);
  const wsum = parts.reduce((s, [, w]) => s + w, 0);
  const value = parts.reduce((s, [L, w]) => s + L * w, 0) / wsum;
  // Contrast: the biggest lightness step between skin and hair or eyes (the iris is small: it counts for less).
  const contrastL = Math.max(hair ? Math.abs(hair.lab.L - skin.lab.L) : 0, eyes ? Math.abs(eyes.lab.L - skin.lab.L) * 0.75 : 0);
  // Clarity: contrast and how saturated the features are.
  const featureChroma = Math.max(eyes ? oklabToOklch(eyes.lab).C : 0, hair ? oklabToOklch(hair.lab).C : 0, skinLch.C);
  const traits: ColourTraits = {
    warmth: clamp((skinHue - (COOL_BELOW + WARM_ABOVE) / 2) / 12),
    depth: clamp((0.6 - value) / 0.16),
    clarity: clamp(((contrastL - 0.3) / 0.18 + (featureChroma - 0.07) / 0.05) / 2),
  };
  const { season, margin } = seasonFromTraits(traits);

  const messages: string[] = [];
  let confidence = 0.35 + Math.min(0.35, margin) + Math.min(0.3, Math.abs(traits.warmth) * 0.3);
  if (!hair) {
    confidence = Math.min(confidence * 0.8, 0.6); // medium at best
    messages.push("No hair was seen above the forehead: the contrast is read from the eyes alone.");
  }
  if (!eyes) confidence *= 0.85;
  if (!whiteBalance.ok) {
    confidence = Math.min(confidence * 0.4, 0.35); // low: every colour read is off
    messages.push(
      `The light in this photo looks ${whiteBalance.direction ?? "coloured"}, which changes every colour. For a reliable palette, take the selfie by a window in daylight, without a filter.`,
    );
  }
  if (scleraLabs.length > 0) {
    const sclera = summarise(scleraLabs);
    if (sclera && sclera.lab.L < 0.45) confidence *= 0.85; // a dark photo: the whites of the eyes are not white
  }
  confidence = Math.max(0, Math.min(1, confidence));
  return {
    skin,
    hair,
    eyes,
    undertone,
    skinHue,
    depth: traits.depth > 0.33 ? "deep" : traits.depth < -0.33 ? "light" : "medium",
    contrast: contrastL > 0.4 ? "high" : contrastL < 0.2 ? "low" : "medium",
    clarity: traits.clarity > 0.33 ? "bright" : traits.clarity < -0.33 ? "soft" : "medium",
    traits,
    season,
    palette: seasonPalette(season),
    confidence,
    sureness: confidence >= 0.66 ? "high" : confidence >= 0.4 ? "medium" : "low",
    whiteBalance,
    messages,
  };
}

/** Grey world (the picture's average) and white patch (its brightest pixels): a coloured light moves both. */
export function checkWhiteBalance(image: RgbaImage): PersonalColouring["whiteBalance"] {
  const n = image.width * image.height;
  const step = Math.max(1, Math.floor(n / 40_000)); // enough pixels for an average, fast on a 12 MP photo
  const lab = new Float64Array(3);
  let sa = 0;
  let sb = 0;
  let count = 0;
  const bright: Oklab[] = [];
  for (let k = 0; k < n; k += step) {
    const o = k * 4;
    linearSrgbToOklabInto(SRGB8_TO_LINEAR[image.data[o]!]!, SRGB8_TO_LINEAR[image.data[o + 1]!]!, SRGB8_TO_LINEAR[image.data[o + 2]!]!, lab, 0);
    sa += lab[0]! > 0.05 ? lab[1]! : 0;
    sb += lab[0]! > 0.05 ? lab[2]! : 0;
    count += lab[0]! > 0.05 ? 1 : 0;
    bright.push({ L: lab[0]!, a: lab[1]!, b: lab[2]! });
  }
  const gw = count > 0 ? { a: sa / count, b: sb / count } : { a: 0, b: 0 };
  bright.sort((x, y) => y.L - x.L);
  const top = bright.slice(0, Math.max(1, Math.floor(bright.length * 0.02))).filter((c) => c.L > 0.6);
  const wp = top.length > 0 ? { a: mean(top.map((c) => c.a)), b: mean(top.map((c) => c.b)) } : { a: 0, b: 0 };
  const gwCast = Math.hypot(gw.a, gw.b);
  const wpCast = Math.hypot(wp.a, wp.b);
  // Grey world alone is fooled by a colourful scene (an orange suit before a flag averages
  // "magenta" in daylight): when the picture has near-white pixels, a cast must show in them too.
  const ok = top.length > 0 ? gwCast <= GREY_WORLD_CAST || wpCast <= WHITE_PATCH_CAST : gwCast <= GREY_WORLD_CAST;
  // The whites say the light's own colour best; the average only when there are none.
  const dir = top.length > 0 && wpCast > WHITE_PATCH_CAST ? wp : gw;
  const direction = ok ? null : Math.abs(dir.b) >= Math.abs(dir.a) ? (dir.b > 0 ? "warm" : "cool") : dir.a > 0 ? "magenta" : "green";
  return { ok, cast: Math.max(gwCast, wpCast), direction };
}

function disc(image: RgbaImage, cx: number, cy: number, r: number): Oklab[] {
  const out: Oklab[] = [];
  const rr = Math.max(1, r);
  for (let y = Math.floor(cy - rr); y <= Math.ceil(cy + rr); y++)
    for (let x = Math.floor(cx - rr); x <= Math.ceil(cx + rr); x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= rr * rr) pushPixel(image, x, y, out);
  return out;
}

function rect(image: RgbaImage, x0: number, y0: number, x1: number, y1: number): Oklab[] {
  const out: Oklab[] = [];
  for (let y = Math.floor(y0); y <= Math.ceil(y1); y++) for (let x = Math.floor(x0); x <= Math.ceil(x1); x++) pushPixel(image, x, y, out);
  return out;
}

function pushPixel(image: RgbaImage, x: number, y: number, out: Oklab[]) {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const o = (y * image.width + x) * 4;
  const lab = new Float64Array(3);
  linearSrgbToOklabInto(SRGB8_TO_LINEAR[image.data[o]!]!, SRGB8_TO_LINEAR[image.data[o + 1]!]!, SRGB8_TO_LINEAR[image.data[o + 2]!]!, lab, 0);
  out.push({ L: lab[0]!, a: lab[1]!, b: lab[2]! });
}

/** The mean of the middle of the lightness range (20th–80th percentile): no shadows, no highlights. */
function summarise(labs: Oklab[]): MeasuredColour | null {
  if (labs.length === 0) return null;
  const sorted = [...labs].sort((x, y) => x.L - y.L);
  const mid = sorted.slice(Math.floor(sorted.length * 0.2), Math.max(Math.floor(sorted.length * 0.2) + 1, Math.ceil(sorted.length * 0.8)));
  const lab = { L: mean(mid.map((c) => c.L)), a: mean(mid.map((c) => c.a)), b: mean(mid.map((c) => c.b)) };
  return { lab, hex: oklabToHex(lab), pixels: labs.length };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const clamp = (x: number) => Math.max(-1, Math.min(1, x));
const distance = (x: Oklab, y: Oklab) => Math.hypot(x.L - y.L, x.a - y.a, x.b - y.b);

/** For tests and the screen: how far a garment colour is from the palette (OKLab distance to the nearest suiting swatch). */
export function distanceToPalette(hex: string, palette: SeasonPalette): { nearest: string; distance: number; avoid: boolean } {
  const lab = hexToOklab(hex);
  const best = (list: SeasonPalette["suits"]) =>
    list.map((s) => ({ name: s.name, d: distance(lab, hexToOklab(s.hex)) })).sort((a, b) => a.d - b.d)[0] ?? { name: "", d: Infinity };
  const suit = best(palette.suits);
  const bad = best(palette.avoid);
  return { nearest: suit.name, distance: suit.d, avoid: bad.d < suit.d };
}
