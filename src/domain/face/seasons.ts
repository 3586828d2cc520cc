/**
 * The 12-season colour model: four seasons (spring warm + light, summer cool + light,
 * autumn warm + deep, winter cool + deep), each split by which trait dominates
 * (hue, value or chroma). Each season has colours that suit and colours to avoid,
 * named as a stylist would name them.
 */

export const SEASON_NAMES = [
  "light spring",
  "warm spring",
  "bright spring",
  "light summer",
  "cool summer",
  "soft summer",
  "soft autumn",
  "warm autumn",
  "deep autumn",
  "bright winter",
  "cool winter",
  "deep winter",
] as const;
export type ColourSeason = (typeof SEASON_NAMES)[number];

export interface Swatch {
  name: string;
  hex: string;
}

export interface SeasonPalette {
  season: ColourSeason;
  /** In a sentence, why these colours. */
  summary: string;
  suits: Swatch[];
  avoid: Swatch[];
}

const s = (name: string, hex: string): Swatch => ({ name, hex });

const TABLE: Record<ColourSeason, Omit<SeasonPalette, "season">> = {
  "light spring": {
    summary: "Light, warm and clear: fresh pastels with a golden note.",
    suits: [
      s("peach", "#FFCBA4"),
      s("warm pink", "#F7A1A0"),
      s("light aqua", "#8FD8D2"),
      s("butter yellow", "#F8E08E"),
      s("camel", "#C8A27A"),
      s("ivory", "#FFF8E1"),
      s("periwinkle", "#9FA8E8"),
      s("mint", "#A8E6C1"),
    ],
    avoid: [s("black", "#111111"), s("burgundy", "#6D1A36"), s("charcoal", "#36393F"), s("dusty mauve", "#8E6C7F")],
  },
  "warm spring": {
    summary: "Warm above all: golden, sunny colours of medium depth.",
    suits: [
      s("coral", "#FF7F61"),
      s("golden yellow", "#F6B93B"),
      s("warm turquoise", "#2EC4B6"),
      s("leaf green", "#7BB661"),
      s("camel", "#C19A6B"),
      s("cream", "#FFF3D6"),
      s("tomato red", "#E5472E"),
      s("warm brown", "#8B5A2B"),
    ],
    avoid: [s("black", "#111111"), s("icy pink", "#F4D6E4"), s("cool grey", "#8A9099"), s("fuchsia", "#C2187B")],
  },
  "bright spring": {
    summary: "Clear and vivid with a warm lean: strong colours, high contrast.",
    suits: [
      s("bright coral", "#FF5A4E"),
      s("kelly green", "#2BB24C"),
      s("turquoise", "#00B5B8"),
      s("bright navy", "#1F3F8F"),
      s("poppy red", "#E8362B"),
      s("warm white", "#FFFAF0"),
      s("sunflower", "#FFC82E"),
      s("hot pink", "#F2558F"),
    ],
    avoid: [s("dusty rose", "#C4A0A0"), s("taupe", "#8B7D72"), s("muted olive", "#7C7A52"), s("greige", "#B8AFA2")],
  },
  "light summer": {
    summary: "Light and cool, gently soft: airy pastels with a blue note.",
    suits: [
      s("powder blue", "#A9C8EA"),
      s("lavender", "#C7B8E8"),
      s("rose pink", "#F0A9BC"),
      s("soft teal", "#7FBFBF"),
      s("dove grey", "#B7B9BF"),
      s("soft white", "#F5F5F0"),
      s("periwinkle", "#9CA6DB"),
      s("raspberry", "#C0456B"),
    ],
    avoid: [s("black", "#111111"), s("orange", "#F28C28"), s("mustard", "#C9A227"), s("rust", "#A5461B")],
  },
  "cool summer": {
    summary: "Cool above all: blue-based colours of medium depth.",
    suits: [
      s("slate blue", "#5B6FA8"),
      s("raspberry", "#B23A6B"),
      s("cool teal", "#2F8F91"),
      s("blue grey", "#6E7F91"),
      s("soft navy", "#2E3F66"),
      s("rose", "#D98AA6"),
      s("spruce", "#3E6B5E"),
      s("soft white", "#F4F4F2"),
    ],
    avoid: [s("orange", "#F28C28"), s("camel", "#C19A6B"), s("golden yellow", "#F6B93B"), s("warm brown", "#8B5A2B")],
  },
  "soft summer": {
    summary: "Muted and cool: greyed, smoky colours, nothing harsh.",
    suits: [
      s("dusty rose", "#C4A0A8"),
      s("sage", "#9CAF98"),
      s("slate", "#6A7B8C"),
      s("mauve", "#9E7E9A"),
      s("soft teal", "#6C9A9A"),
      s("pewter", "#8E9196"),
      s("denim", "#5D7595"),
      s("taupe", "#9A8C84"),
    ],
    avoid: [s("black", "#111111"), s("bright white", "#FFFFFF"), s("neon orange", "#FF6F1F"), s("bright yellow", "#FFE135")],
  },
  "soft autumn": {
    summary: "Muted and warm: earthy, soft colours with low contrast.",
    suits: [
      s("sage", "#A3AE8A"),
      s("soft olive", "#8A8A5C"),
      s("terracotta", "#C0765A"),
      s("camel", "#C19A6B"),
      s("warm taupe", "#A08C7A"),
      s("salmon", "#E59A84"),
      s("teal grey", "#6E8C87"),
      s("oatmeal", "#E3D7C1"),
    ],
    avoid: [s("black", "#111111"), s("bright white", "#FFFFFF"), s("fuchsia", "#C2187B"), s("royal blue", "#2546C9")],
  },
  "warm autumn": {
    summary: "Warm above all: rich, golden, earthy colours.",
    suits: [
      s("rust", "#B7410E"),
      s("mustard", "#D4A017"),
      s("olive", "#708238"),
      s("pumpkin", "#E67E22"),
      s("chocolate", "#5C3A21"),
      s("teal", "#1D7874"),
      s("camel", "#C19A6B"),
      s("cream", "#F6EBD2"),
    ],
    avoid: [s("icy blue", "#CFE8F6"), s("fuchsia", "#C2187B"), s("cool grey", "#8A9099"), s("pure white", "#FFFFFF")],
  },
  "deep autumn": {
    summary: "Deep with a warm lean: dark, rich colours and strong depth.",
    suits: [
      s("forest green", "#2E5A3A"),
      s("aubergine", "#4B2840"),
      s("burnt orange", "#C0561C"),
      s("deep teal", "#0F5257"),
      s("espresso", "#3C2A21"),
      s("tomato red", "#C8372D"),
      s("bronze", "#9C6B30"),
      s("warm ivory", "#F3E9D2"),
    ],
    avoid: [s("pastel pink", "#F8C8DC"), s("powder blue", "#B0D0EA"), s("light grey", "#C9CBCF"), s("lavender", "#D5C6EC")],
  },
  "bright winter": {
    summary: "Clear and vivid with a cool lean: pure colours, sharp contrast.",
    suits: [
      s("pure white", "#FFFFFF"),
      s("black", "#111111"),
      s("royal blue", "#2546C9"),
      s("fuchsia", "#D3167E"),
      s("emerald", "#009B77"),
      s("true red", "#D0102B"),
      s("icy yellow", "#FBF4A8"),
      s("violet", "#6B2FBF"),
    ],
    avoid: [s("camel", "#C19A6B"), s("dusty rose", "#C4A0A0"), s("moss", "#7A7D4E"), s("beige", "#D8C8A8")],
  },
  "cool winter": {
    summary: "Cool above all: icy and jewel colours with a blue base.",
    suits: [
      s("navy", "#1B2A4A"),
      s("emerald", "#00875A"),
      s("icy pink", "#F4D6E4"),
      s("sapphire", "#1F4BA5"),
      s("charcoal", "#36393F"),
      s("cranberry", "#9E1B45"),
      s("pure white", "#FFFFFF"),
      s("icy grey", "#D9DEE3"),
    ],
    avoid: [s("orange", "#F28C28"), s("camel", "#C19A6B"), s("mustard", "#C9A227"), s("warm brown", "#8B5A2B")],
  },
  "deep winter": {
    summary: "Deep with a cool lean: dark, saturated colours and strong contrast.",
    suits: [
      s("black", "#111111"),
      s("burgundy", "#6D1A36"),
      s("pine", "#01574B"),
      s("midnight navy", "#141E3C"),
      s("plum", "#5A2A5C"),
      s("true red", "#C8102E"),
      s("pure white", "#FFFFFF"),
      s("charcoal", "#36393F"),
    ],
    avoid: [s("peach", "#FFCBA4"), s("light camel", "#D7B98E"), s("pastel yellow", "#FDF2A6"), s("soft sage", "#B5C1A5")],
  },
};

export function seasonPalette(season: ColourSeason): SeasonPalette {
  return { season, ...TABLE[season] };
}

/** Three traits, each −1…1: warmth (+ warm), depth (+ deep), clarity (+ bright/clear). */
export interface ColourTraits {
  warmth: number;
  depth: number;
  clarity: number;
}

/**
 * The season from the dominant trait: the strongest of the three decides the family,
 * the sign of the others places it (the usual 12-season flow).
 */
export function seasonFromTraits(t: ColourTraits): { season: ColourSeason; dominant: keyof ColourTraits; margin: number } {
  const ranked = (["warmth", "depth", "clarity"] as const).map((k) => ({ k, v: Math.abs(t[k]) })).sort((a, b) => b.v - a.v);
  const dominant = ranked[0]!.k;
  const margin = ranked[0]!.v - ranked[1]!.v;
  const warm = t.warmth >= 0;
  const deep = t.depth > 0;
  let season: ColourSeason;
  if (dominant === "warmth") season = warm ? (deep ? "warm autumn" : "warm spring") : deep ? "cool winter" : "cool summer";
  else if (dominant === "depth") season = deep ? (warm ? "deep autumn" : "deep winter") : warm ? "light spring" : "light summer";
  else season = t.clarity > 0 ? (warm ? "bright spring" : "bright winter") : warm ? "soft autumn" : "soft summer";
  return { season, dominant, margin };
}
