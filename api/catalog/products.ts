// DEMO CATALOG. The products are synthetic: every Fashion-MNIST image of the catalog's
// split stands for one product, and its name, brand, price and gender are invented here
// from a seeded generator (deterministic in split + index), so the same id always
// describes the same product. No real shop, brand or price is represented.
import { seeded } from "../random";
import labels from "../../models/labels.json";
import type { ApiCategory, ApiGender, Product } from "../contract";

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
  };
}
