/**
 * Colour harmony of two garment colours, in OKLCh: neutrals go with anything;
 * hue relations (tonal, analogous, complementary, triadic) within tolerances;
 * lightness and saturation contrast; a few stylist's classics and clashes by name.
 * Each verdict comes with a reason in plain words.
 */
import { hexToOklch, hueDistance, type Oklch } from "../colour/oklab";
import { isNeutralName, nameColour, paletteIndexOf } from "../colour/palette";

export type HarmonyKind = "classic" | "neutrals" | "neutral-accent" | "tonal" | "analogous" | "complementary" | "triadic" | "clash" | "unknown";

export interface HarmonyColour extends Oklch {
  name: string;
  neutral: boolean;
  /** Same colour, same id: lets verdicts be cached (the search asks for the same pairs again and again). */
  id: number;
}

export interface Harmony {
  /** 0 (clash) – 1 (perfect). */
  score: number;
  kind: HarmonyKind;
  reason: string;
}

/** Below this chroma a colour reads as a neutral whatever it is called. */
const NEUTRAL_CHROMA = 0.03;
/** A colour this saturated is "loud". */
const LOUD_CHROMA = 0.15;

/** Hue tolerances in OKLCh degrees (its hue circle is not the painter's wheel; these are tuned to it). */
export const HUE_BANDS = { tonal: 20, analogous: 55, triadicMin: 100, triadicMax: 140 } as const;

/**
 * A colour as harmony needs it. `name` defaults to the palette name of `hex`.
 * Memoised: wardrobes repeat a few dozen colours thousands of times, and the
 * returned objects are shared, so treat them as read-only.
 */
export function harmonyColour(hex: string, name?: string): HarmonyColour {
  const key = `${hex}|${name ?? ""}`;
  const hit = colours.get(key);
  if (hit) return hit;
  const lch = hexToOklch(hex);
  const n = name && paletteIndexOf(name) >= 0 ? name.trim().toLowerCase() : nameColour(hex);
  const c: HarmonyColour = { ...lch, name: n, neutral: isNeutralName(n) || lch.C < NEUTRAL_CHROMA, id: colours.size };
  colours.set(key, c);
  return c;
}

/** Grows with the distinct colours seen (k-means centroids of the user's photos): thousands, not millions. */
const colours = new Map<string, HarmonyColour>();
const verdicts = new Map<number, Harmony>();
const MAX_CACHED_VERDICTS = 100_000;

type PairTable = Map<string, { score: number; reason: string }>;
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
function table(rows: [string, string, number, string][]): PairTable {
  return new Map(rows.map(([a, b, score, reason]) => [pairKey(a, b), { score, reason }]));
}

/** Pairings stylists name as classics. */
const CLASSICS = table([
  ["navy", "camel", 0.96, "navy and camel are a classic pairing"],
  ["navy", "white", 0.95, "navy and white are crisp and nautical"],
  ["black", "white", 0.95, "black and white is a timeless contrast"],
  ["navy", "grey", 0.92, "navy and grey are quietly smart together"],
  ["denim blue", "white", 0.94, "denim blue and white are a fresh classic"],
  ["camel", "white", 0.93, "camel and white look effortlessly polished"],
  ["camel", "black", 0.92, "camel and black are a polished pairing"],
  ["burgundy", "navy", 0.92, "burgundy and navy are rich together"],
  ["mustard", "burgundy", 0.9, "mustard and burgundy are an autumn favourite"],
  ["olive", "cream", 0.92, "olive and cream are an easy utility pairing"],
  ["navy", "red", 0.9, "navy and red are a nautical classic"],
  ["grey", "pink", 0.9, "grey softens pink beautifully"],
  ["camel", "cream", 0.92, "camel and cream are soft tonal neutrals"],
  ["charcoal", "burgundy", 0.9, "charcoal and burgundy are deep and elegant"],
]);

/** Pairings stylists warn about. */
const CLASHES = table([
  ["black", "navy", 0.4, "black and navy can look like a mismatch"],
  ["black", "brown", 0.4, "black and brown compete with each other"],
  ["red", "orange", 0.3, "red and orange clash"],
  ["red", "green", 0.3, "red and green read as a costume"],
  ["purple", "orange", 0.3, "purple and orange fight for attention"],
]);

/** Harmony of two colours. Symmetric (the reason may name them in either order). */
export function colourHarmony(a: HarmonyColour, b: HarmonyColour): Harmony {
  const cacheable = a.id < 1 << 20 && b.id < 1 << 20;
  const key = a.id < b.id ? a.id * (1 << 20) + b.id : b.id * (1 << 20) + a.id;
  const hit = cacheable ? verdicts.get(key) : undefined;
  if (hit) return hit;
  const verdict = judge(a, b);
  if (cacheable) {
    if (verdicts.size >= MAX_CACHED_VERDICTS) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

function judge(a: HarmonyColour, b: HarmonyColour): Harmony {
  const key = pairKey(a.name, b.name);
  const classic = CLASSICS.get(key);
  if (classic) return { score: classic.score, kind: "classic", reason: classic.reason };
  const clash = CLASHES.get(key);
  if (clash) return { score: clash.score, kind: "clash", reason: clash.reason };

  const dL = Math.abs(a.L - b.L);
  if (a.neutral && b.neutral) {
    if (a.name === b.name) return { score: 0.78, kind: "neutrals", reason: `head-to-toe ${a.name} looks sleek` };
    // Neutrals always work; some lightness contrast keeps them from looking flat.
    return { score: dL >= 0.25 ? 0.86 : 0.8, kind: "neutrals", reason: `${a.name} and ${b.name} are easy neutrals together` };
  }
  if (a.neutral || b.neutral) {
    const [n, c] = a.neutral ? [a, b] : [b, a];
    return { score: dL >= 0.2 ? 0.86 : 0.82, kind: "neutral-accent", reason: `${n.name} lets the ${c.name} stand out` };
  }

  const dh = hueDistance(a.h, b.h);
  const loud = a.C >= LOUD_CHROMA && b.C >= LOUD_CHROMA;
  if (dh <= HUE_BANDS.tonal) {
    if (a.name === b.name) return { score: 0.74, kind: "tonal", reason: `head-to-toe ${a.name} is a confident monochrome look` };
    return { score: dL >= 0.15 ? 0.8 : 0.74, kind: "tonal", reason: `${a.name} and ${b.name} are tone-on-tone` };
  }
  if (dh <= HUE_BANDS.analogous) {
    return { score: loud ? 0.64 : 0.74, kind: "analogous", reason: `${a.name} and ${b.name} sit side by side on the colour wheel` };
  }
  if (dh >= HUE_BANDS.triadicMax) {
    // Two saturated complements at the same lightness vibrate; contrast in lightness calms them.
    if (loud && dL < 0.1) return { score: 0.5, kind: "complementary", reason: `${a.name} and ${b.name} are complementary but both loud: tone one down` };
    return { score: 0.72, kind: "complementary", reason: `${a.name} and ${b.name} are complementary colours` };
  }
  if (dh >= HUE_BANDS.triadicMin) {
    return { score: loud ? 0.52 : 0.62, kind: "triadic", reason: `${a.name} and ${b.name} make a bold triadic contrast` };
  }
  return { score: loud ? 0.2 : 0.3, kind: "clash", reason: `${a.name} and ${b.name} clash` };
}

/** Harmony when a colour is unknown (an item with no colours yet): neither good nor bad. */
export const UNKNOWN_HARMONY: Harmony = { score: 0.6, kind: "unknown", reason: "" };

export interface WeightedColour {
  colour: HarmonyColour;
  share: number;
}

/**
 * Harmony of two multi-coloured garments: the share-weighted mean over their
 * colour pairs, with the reason of the pair that weighs most.
 */
export function garmentHarmony(a: readonly WeightedColour[], b: readonly WeightedColour[]): Harmony {
  if (a.length === 0 || b.length === 0) return UNKNOWN_HARMONY;
  let total = 0;
  let weight = 0;
  let main: Harmony = UNKNOWN_HARMONY;
  let mainWeight = -1;
  for (const x of a)
    for (const y of b) {
      const w = x.share * y.share;
      const h = colourHarmony(x.colour, y.colour);
      total += w * h.score;
      weight += w;
      if (w > mainWeight) {
        mainWeight = w;
        main = h;
      }
    }
  return { score: weight > 0 ? total / weight : UNKNOWN_HARMONY.score, kind: main.kind, reason: main.reason };
}

/**
 * Distinct accent hues in an outfit (neutrals do not count; tonal shades count
 * once). Stylists' rule of thumb: beyond two accents an outfit looks busy.
 */
export function distinctAccentHues(colours: readonly HarmonyColour[]): number {
  const hues: number[] = [];
  for (const c of colours) {
    if (c.neutral) continue;
    if (hues.every((h) => hueDistance(h, c.h) > HUE_BANDS.tonal)) hues.push(c.h);
  }
  return hues.length;
}
