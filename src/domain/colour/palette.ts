/**
 * The named fashion palette: what a user calls a garment's colour ("navy", "camel"),
 * not a CSS name ("midnightblue"). `nameColour` picks the nearest entry in OKLab.
 *
 * The sRGB values describe how these colours look on fabric in an ordinary photo
 * (navy is a dark, muted blue, not #000080), so photographed garments land on the
 * right name. `neutral` marks what stylists treat as going with anything.
 */
import { deltaEOK, hexToOklab, type Oklab } from "./oklab";

export interface PaletteColour {
  name: string;
  hex: string;
  neutral: boolean;
}

interface PaletteEntry extends PaletteColour {
  lab: Oklab;
}

const N = true;
const C = false;

/** [name, sRGB hex, neutral?] — ordered light to dark within families, for readability only. */
const RAW: readonly (readonly [string, string, boolean])[] = [
  // Neutrals: whites and greys
  ["white", "#f8f8f6", N],
  ["off-white", "#efebe0", N],
  ["cream", "#ede0c0", N],
  ["light grey", "#c6c6c6", N],
  ["grey", "#828282", N],
  ["dark grey", "#5a5a5b", N],
  ["charcoal", "#343538", N],
  ["black", "#141414", N],
  // Neutrals: earth
  ["beige", "#d9c7a7", N],
  ["stone", "#b3aa98", N],
  ["khaki", "#b2a46c", N],
  ["tan", "#d6b08a", N],
  ["camel", "#c09162", N],
  ["taupe", "#8f7862", N],
  ["brown", "#6f4a2f", N],
  ["chocolate", "#4b2b1b", N],
  ["olive", "#6b6a35", N],
  // Neutrals: blues that act as neutrals
  ["navy", "#1f2b52", N],
  ["denim blue", "#4d6a8f", N],
  ["light denim", "#8aa5c2", N],
  // Reds and pinks
  ["red", "#c0222c", C],
  ["burgundy", "#6a1b2c", C],
  ["wine", "#4e1a2a", C],
  ["coral", "#f27b63", C],
  ["blush", "#ecc3bd", C],
  ["pink", "#f2a0b6", C],
  ["hot pink", "#e03a86", C],
  ["fuchsia", "#b41f78", C],
  ["mauve", "#a87d8e", C],
  // Oranges and yellows
  ["rust", "#a84b24", C],
  ["terracotta", "#c66b4b", C],
  ["orange", "#ee7a22", C],
  ["peach", "#f6c3a0", C],
  ["mustard", "#cf9f2a", C],
  ["yellow", "#f3d43a", C],
  ["lemon", "#f5ee9a", C],
  // Greens
  ["sage", "#98ad84", C],
  ["mint", "#b4e2c8", C],
  ["lime", "#a6d23a", C],
  ["green", "#3a9a47", C],
  ["emerald", "#0e8a5f", C],
  ["forest green", "#234a2e", C],
  ["teal", "#137578", C],
  ["turquoise", "#3ec2c0", C],
  // Blues
  ["sky blue", "#92c6ea", C],
  ["powder blue", "#c3d7ea", C],
  ["cobalt", "#1f4fb0", C],
  ["petrol", "#1d4f63", C],
  // Purples
  ["lavender", "#bcaade", C],
  ["purple", "#5f2f86", C],
  ["plum", "#5a2548", C],
];

const ENTRIES: readonly PaletteEntry[] = RAW.map(([name, hex, neutral]) => ({ name, hex, neutral, lab: hexToOklab(hex) }));
const BY_NAME = new Map(ENTRIES.map((e, i) => [e.name, i] as const));

/** The palette as plain data (for swatches in the UI). */
export const FASHION_PALETTE: readonly PaletteColour[] = ENTRIES.map(({ name, hex, neutral }) => ({ name, hex, neutral }));

export interface NearestColour extends PaletteColour {
  /** Index into FASHION_PALETTE: a small integer handy as a feature code. */
  index: number;
  /** ΔE_OK to the palette entry. */
  distance: number;
}

/** Below this chroma a colour reads as grey; it is then named among the greys only. */
const ACHROMATIC_C = 0.02;
const isAchromatic = (lab: Oklab) => Math.hypot(lab.a, lab.b) < ACHROMATIC_C;

/**
 * Nearest palette entry to an OKLab colour (ΔE_OK). A grey is only ever named
 * after a grey: plain distance would call a mid grey "taupe" since the gaps between
 * palette greys are wider than taupe's small chroma.
 */
export function nearestPaletteColour(lab: Oklab): NearestColour {
  const greyOnly = isAchromatic(lab);
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < ENTRIES.length; i++) {
    if (greyOnly && !isAchromatic(ENTRIES[i]!.lab)) continue;
    const d = deltaEOK(lab, ENTRIES[i]!.lab);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  const e = ENTRIES[best]!;
  return { name: e.name, hex: e.hex, neutral: e.neutral, index: best, distance: bestD };
}

/** The fashion name of a colour: nameColour("#1f2a44") === "navy". */
export function nameColour(hex: string): string {
  return nearestPaletteColour(hexToOklab(hex)).name;
}

/** Palette index of a name, or -1 for a name the palette does not know (e.g. typed by the user). */
export function paletteIndexOf(name: string): number {
  return BY_NAME.get(name.trim().toLowerCase()) ?? -1;
}

export function paletteColour(index: number): PaletteColour | undefined {
  return FASHION_PALETTE[index];
}

export function isNeutralName(name: string): boolean {
  const i = paletteIndexOf(name);
  return i >= 0 && ENTRIES[i]!.neutral;
}

export const PALETTE_SIZE = ENTRIES.length;
