/**
 * The personal colour palette (Style tab, domain/face/colouring.ts) as a mild signal in
 * outfit scoring, when the user opts in: a piece worn near the face (top, dress,
 * outerwear) whose main colour is close to one of the palette's suiting swatches
 * scores a little higher, one close to a swatch to avoid a little lower. Never a
 * filter: a wardrobe full of "avoid" colours still gets its outfits.
 */
import { hexToOklab, type Oklab } from "../colour/oklab";
import type { Swatch } from "../face/seasons";
import type { PersonalPalette, Slot } from "./types";

export type { PersonalPalette } from "./types";

/** The nudge for a piece in a suiting (or an avoided) colour: smaller than a clash, about the neckline nudge. */
export const PALETTE_WEIGHT = 0.03;
/** OKLab distance within which a garment colour counts as the swatch's colour (about "same colour name"). */
export const PALETTE_NEAR = 0.1;
/** Slots worn near the face: the ones whose colour meets the skin, hair and eyes. */
export const NEAR_FACE: ReadonlySet<Slot> = new Set<Slot>(["top", "dress", "outerwear"]);

export interface PaletteVerdict {
  fit: 1 | -1;
  swatch: string;
}

const labs = new WeakMap<PersonalPalette, { suits: [string, Oklab][]; avoid: [string, Oklab][] }>();
const verdicts = new WeakMap<PersonalPalette, Map<string, PaletteVerdict | null>>();

function labsOf(palette: PersonalPalette) {
  let l = labs.get(palette);
  if (!l) {
    const conv = (xs: readonly Swatch[]) => xs.map((s) => [s.name, hexToOklab(s.hex)] as [string, Oklab]);
    l = { suits: conv(palette.suits), avoid: conv(palette.avoid) };
    labs.set(palette, l);
  }
  return l;
}

function nearest(lab: Oklab, list: [string, Oklab][]): [string, number] {
  let best: [string, number] = ["", Infinity];
  for (const [name, s] of list) {
    const d = Math.hypot(lab.L - s.L, lab.a - s.a, lab.b - s.b);
    if (d < best[1]) best = [name, d];
  }
  return best;
}

/** Whether a colour (hex) is one the palette suits (+1), avoids (-1), or neither (null); cached per palette. */
export function paletteVerdict(hex: string, palette: PersonalPalette): PaletteVerdict | null {
  let cache = verdicts.get(palette);
  if (!cache) verdicts.set(palette, (cache = new Map()));
  const key = hex.toLowerCase();
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let verdict: PaletteVerdict | null = null;
  if (/^#[0-9a-f]{6}$/.test(key)) {
    const lab = hexToOklab(key);
    const { suits, avoid } = labsOf(palette);
    const [suitName, suitD] = nearest(lab, suits);
    const [avoidName, avoidD] = nearest(lab, avoid);
    if (suitD <= PALETTE_NEAR && suitD <= avoidD) verdict = { fit: 1, swatch: suitName };
    else if (avoidD <= PALETTE_NEAR) verdict = { fit: -1, swatch: avoidName };
  }
  cache.set(key, verdict);
  return verdict;
}

/** The verdict on a piece near the face (its main colour), or null for other slots, no colour or no palette. */
export function piecePaletteVerdict(slot: Slot, hex: string | undefined, palette: PersonalPalette | null | undefined): PaletteVerdict | null {
  if (!palette || !hex || !NEAR_FACE.has(slot)) return null;
  return paletteVerdict(hex, palette);
}
