// DEMO CATALOG. The products are synthetic: every Fashion-MNIST image of the catalog's
// split stands for one product, and its name, brand, price and gender are invented here
// from a seeded generator (deterministic in split + index), so the same id always
// describes the same product. No real shop, brand or price is represented.
// Colour and pattern are invented the same way (Fashion-MNIST pictures are greyscale):
// each product is given one deterministic colour and pattern variant, with odds that
// suit its kind (boots are mostly black or brown, few bags are floral), so colour words
// and filters have something to find.
import { seeded } from "../random";
import labels from "../../models/labels.json";
import { API_COLOURS, API_PATTERNS, type ApiCategory, type ApiColour, type ApiGender, type ApiPattern, type Product } from "../contract";

export const CURRENCY = "EUR";

interface ClassInfo {
  index: number;
  category: ApiCategory;
  subtype: string;
}

/** Fashion-MNIST class index -> Curator category/subtype (the shared models/labels.json):
 * the catalog's products are Fashion-MNIST images, so only its ten classes appear. */
export const CLASSES: readonly ClassInfo[] = labels.classes.flatMap((c) =>
  "fashionMnist" in c && c.category !== null && c.subtype !== null ? [{ index: c.index, category: c.category as ApiCategory, subtype: c.subtype }] : [],
);

/** Fits + materials + nouns per subtype; one of each makes a name like "Relaxed cotton T-shirt". */
const WORDS: Record<string, { fits: string[]; materials: string[]; nouns: string[] }> = {
  "t-shirt": {
    fits: ["Relaxed", "Boxy", "Slim", "Cropped", "Classic"],
    materials: ["cotton", "jersey", "linen-blend", "organic cotton"],
    nouns: ["T-shirt", "tee", "top"],
  },
  trousers: {
    fits: ["Straight", "Wide-leg", "Tapered", "Pleated", "Slim"],
    materials: ["wool", "cotton twill", "linen", "corduroy"],
    nouns: ["trousers", "chinos", "pants"],
  },
  sweater: {
    fits: ["Oversized", "Fitted", "Chunky", "Fine-knit", "Relaxed"],
    materials: ["merino", "cashmere-blend", "cotton", "lambswool"],
    nouns: ["sweater", "pullover", "jumper"],
  },
  dress: { fits: ["Wrap", "Shift", "A-line", "Slip", "Midi"], materials: ["silk", "viscose", "cotton poplin", "crepe"], nouns: ["dress"] },
  coat: {
    fits: ["Tailored", "Double-breasted", "Belted", "Oversized", "Car"],
    materials: ["wool", "gabardine", "cotton", "padded nylon"],
    nouns: ["coat", "overcoat", "trench"],
  },
  sandals: { fits: ["Strappy", "Flat", "Slingback", "Platform", "Slide"], materials: ["leather", "suede", "raffia", "rubber"], nouns: ["sandals"] },
  shirt: { fits: ["Relaxed", "Oxford", "Slim", "Camp-collar", "Oversized"], materials: ["cotton", "linen", "flannel", "chambray"], nouns: ["shirt", "blouse"] },
  sneakers: { fits: ["Low-top", "High-top", "Court", "Runner", "Retro"], materials: ["leather", "canvas", "suede", "knit"], nouns: ["sneakers", "trainers"] },
  handbag: {
    fits: ["Structured", "Slouchy", "Mini", "Everyday", "Crossbody"],
    materials: ["leather", "canvas", "nylon", "woven"],
    nouns: ["bag", "tote", "shoulder bag"],
  },
  boots: {
    fits: ["Chelsea", "Lace-up", "Heeled", "Combat", "Western"],
    materials: ["leather", "suede", "waxed leather", "nubuck"],
    nouns: ["ankle boots", "boots"],
  },
};

const BRANDS = [
  "Northwind Atelier",
  "Maison Lumen",
  "Fjell & Co",
  "Studio Ostra",
  "Kettle Row",
  "Vela Works",
  "Halden",
  "Marlowe Lane",
  "Oaktide",
  "Common Thread Lab",
];

/** Price range in EUR per category: plausible, not real. */
const PRICE_RANGE: Record<ApiCategory, [number, number]> = {
  top: [15, 70],
  bottom: [25, 110],
  dress: [35, 160],
  outerwear: [70, 320],
  shoes: [40, 190],
  bag: [30, 260],
  accessory: [10, 60],
};

/** Relative odds of each colour (API_COLOURS order) per category. */
const COLOUR_ODDS: Record<ApiCategory, number[]> = {
  //          black white grey navy blue red pink green beige brown yellow purple
  top: /*    */ [14, 14, 9, 9, 9, 7, 6, 6, 7, 3, 5, 4],
  bottom: /* */ [18, 6, 10, 14, 16, 3, 2, 6, 12, 9, 1, 1],
  dress: /*  */ [16, 8, 4, 9, 8, 11, 9, 8, 6, 3, 5, 6],
  outerwear: [20, 4, 12, 12, 6, 5, 3, 8, 16, 13, 2, 1],
  shoes: /*  */ [26, 12, 8, 6, 4, 7, 3, 3, 10, 17, 1, 1],
  bag: /*    */ [24, 6, 6, 6, 4, 8, 5, 4, 12, 18, 3, 2],
  accessory: [18, 10, 8, 8, 8, 8, 8, 8, 8, 8, 6, 6],
};

/** Relative odds of each pattern (API_PATTERNS order) per category: shoes and bags are nearly all plain. */
const PATTERN_ODDS: Record<ApiCategory, number[]> = {
  top: [52, 20, 10, 10, 8],
  bottom: [78, 8, 10, 2, 2],
  dress: [50, 10, 6, 24, 10],
  outerwear: [80, 4, 14, 1, 1],
  shoes: [94, 3, 1, 1, 1],
  bag: [86, 5, 5, 2, 2],
  accessory: [60, 15, 10, 8, 7],
};

function weighted<T>(list: readonly T[], odds: readonly number[], r: number): T {
  const total = odds.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < list.length; i++) if ((x -= odds[i]!) < 0) return list[i]!;
  return list[list.length - 1]!;
}

/** The seeded generator, seeded by FNV-1a of the product key. */
function rng(key: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return seeded(h);
}

function pick<T>(list: readonly T[], r: number): T {
  return list[Math.min(list.length - 1, Math.floor(r * list.length))]!;
}

export function productId(split: string, index: number): string {
  return `fm-${split}-${String(index).padStart(6, "0")}`;
}

/** "fm-train-012345" -> { split, index }, or null when it is not a product id. */
export function parseProductId(id: string): { split: string; index: number } | null {
  const m = /^fm-(train|test)-(\d{6})$/.exec(id);
  return m ? { split: m[1]!, index: Number(m[2]) } : null;
}

export function productImageUrl(id: string): string {
  return `/v1/products/${id}/image.png`;
}

/** The product's gender, drawn first from its seed so the search filter can compute it cheaply. */
export function productGender(split: string, index: number, label: number): ApiGender {
  if (CLASSES[label]?.category === "dress") return "women";
  const r = rng(`${split}:${index}:gender`)();
  return r < 0.42 ? "women" : r < 0.8 ? "men" : "unisex";
}

/** The product's colour and pattern, from their own seed (cheap for the search facets, like gender). */
export function productLook(split: string, index: number, label: number): { colour: ApiColour; pattern: ApiPattern } {
  const category = CLASSES[label]?.category ?? "accessory";
  const r = rng(`${split}:${index}:look`);
  return { colour: weighted(API_COLOURS, COLOUR_ODDS[category], r()), pattern: weighted(API_PATTERNS, PATTERN_ODDS[category], r()) };
}

export function describeProduct(split: string, index: number, label: number): Product {
  const cls = CLASSES[label];
  if (!cls) throw new RangeError(`class label ${label} is not in models/labels.json`);
  const words = WORDS[cls.subtype] ?? { fits: ["Classic"], materials: [""], nouns: [cls.subtype] };
  const r = rng(`${split}:${index}`);
  const material = pick(words.materials, r());
  const name = [pick(words.fits, r()), material, pick(words.nouns, r())].filter(Boolean).join(" ");
  const [lo, hi] = PRICE_RANGE[cls.category];
  // Whole euros minus 5 cents, like most shop prices: 39.95.
  const amount = Math.round(lo + r() * (hi - lo)) - 0.05;
  const id = productId(split, index);
  return {
    id,
    name,
    brand: pick(BRANDS, r()),
    category: cls.category,
    subtype: cls.subtype,
    gender: productGender(split, index, label),
    price: { amount: Math.round(amount * 100) / 100, currency: CURRENCY },
    imageUrl: productImageUrl(id),
    ...productLook(split, index, label),
  };
}
