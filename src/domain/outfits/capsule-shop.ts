/**
 * The capsule's "one piece that would add the most", from a shop's catalog.
 *
 *   catalogWants(capsule, ctx)              → the kinds and colours worth asking the catalog for
 *   rankCatalogProducts(capsule, ctx, ps)   → the products that would add outfits, best first
 *
 * Both score with the capsule's own marginal gain (capsule.ts additionGains): a piece
 * counts for the outfits it completes with the capsule's pieces, exactly as a wardrobe
 * piece does. What to ask for is found by probing: one imagined piece per kind and
 * catalog colour, scored like a product would be. A product becomes a piece from what
 * the catalog says about it (category, kind, colour, gender, name); formality, warmth
 * and sportiness are then inferred as for any untagged item (infer.ts). Pure: the
 * request and the products come and go through src/shop.
 */
import { FASHION_PALETTE } from "../colour/palette";
import { newItem } from "../wardrobe/item";
import { SUBTYPES, type Category, type Gender, type Item, type Season } from "../wardrobe/types";
import { additionGains } from "./capsule";
import { dayOf } from "./day";
import { desiredWarmth } from "./fit";
import { prepareItem } from "./prepare";
import type { OutfitContext } from "./types";

/** What the shop says about a product that matters here (a catalog Product fits it). */
export interface CatalogProduct {
  id: string;
  name: string;
  brand?: string;
  category: Category;
  subtype: string;
  gender: Gender;
  /** A catalog colour word (CATALOG_COLOURS); absent from older catalogs. */
  colour?: string;
  price?: { amount: number; currency: string };
}

/** Catalog colour words → the palette colour a piece of that colour is scored as ("blue" is no palette name: a clear mid blue). */
export const CATALOG_COLOURS: Readonly<Record<string, string>> = {
  black: "black",
  white: "white",
  grey: "grey",
  navy: "navy",
  blue: "cobalt",
  red: "red",
  pink: "pink",
  green: "green",
  beige: "beige",
  brown: "brown",
  yellow: "yellow",
  purple: "purple",
};

/** The slots an outfit cannot do without: what a catalog piece can add outfits through. */
const CORE_CATEGORIES: readonly Category[] = ["top", "bottom", "dress", "shoes"];

/** A kind and colour worth asking the catalog for, and how many outfits such a piece would add. */
export interface CatalogWant {
  category: Category;
  subtype: string;
  /** A catalog colour word. */
  colour: string;
  adds: number;
}

export interface WantOptions {
  /** At most this many kinds to ask for (each one query). */
  max?: number;
  /** At most this many per category, so a capsule short of shoes still hears about a top. */
  perCategory?: number;
}

const PROBE_ID = "catalog-probe:";

/** A typical felt temperature of each season, °C: what a piece bought for the season should suit. */
const SEASON_TEMPERATURE: Record<Season, number> = { winter: 4, spring: 13, summer: 24, autumn: 12 };

/**
 * Ties between pieces that add as many outfits: the better fit for the context, plus —
 * a piece is bought for the season, not for one day — when no temperature is given, how
 * its warmth suits the season (boots before sandals for a winter capsule). The season
 * alone never judges warmth in contextFit, which is right for today's outfit, not for a purchase.
 */
function tieScores(items: readonly Item[], gains: readonly { fit: number }[], ctx: OutfitContext): number[] {
  const day = dayOf(ctx);
  const season = day.felt === null ? day.season : null;
  return items.map((item, k) => {
    const warmth = season ? prepareItem(item)?.warmth : undefined;
    const seasonal = season && warmth !== undefined ? 1 - Math.abs(warmth - desiredWarmth(SEASON_TEMPERATURE[season])) : 0;
    return gains[k]!.fit + seasonal;
  });
}

/** A piece of the catalog as the outfit scorer sees it. */
export function catalogPieceItem(p: CatalogProduct, now: number): Item {
  const paletteName = p.colour === undefined ? undefined : CATALOG_COLOURS[p.colour];
  const swatch = paletteName === undefined ? undefined : FASHION_PALETTE.find((c) => c.name === paletteName);
  return newItem(`catalog:${p.id}`, now, {
    name: p.name,
    brand: p.brand ?? "",
    category: p.category,
    subtype: p.subtype.trim().toLowerCase() || null,
    colours: swatch ? [{ hex: swatch.hex, name: swatch.name, share: 1 }] : [],
    gender: p.gender,
    price: p.price?.amount ?? null,
  });
}

/**
 * The kinds and colours a new piece would add the most outfits in, best first: every
 * built-in kind of the core categories in every catalog colour, scored as a product of
 * that kind and colour would be. Only those that add at least one outfit; ties go to
 * the better fit (tieScores), then to the order of the kinds and colours (stable).
 */
export function catalogWants(capsule: readonly Item[], ctx: OutfitContext, options: WantOptions = {}): CatalogWant[] {
  const max = options.max ?? 6;
  const perCategory = options.perCategory ?? 2;
  const now = ctx.now ?? Date.now();
  const probes: { category: Category; subtype: string; colour: string; item: Item }[] = [];
  for (const category of CORE_CATEGORIES)
    for (const subtype of SUBTYPES[category])
      for (const colour of Object.keys(CATALOG_COLOURS)) {
        const item = catalogPieceItem({ id: `${PROBE_ID}${subtype}:${colour}`, name: subtype, category, subtype, gender: ctx.gender ?? "unisex", colour }, now);
        probes.push({ category, subtype, colour, item });
      }
  const at = { ...ctx, now };
  const items = probes.map((p) => p.item);
  const gains = additionGains(capsule, at, items);
  const ties = tieScores(items, gains, at);
  const ranked = probes
    .map((p, order) => ({ ...p, adds: gains[order]!.adds, tie: ties[order]!, order }))
    .filter((p) => p.adds > 0)
    .sort((a, b) => b.adds - a.adds || b.tie - a.tie || a.order - b.order);
  const out: CatalogWant[] = [];
  const taken = new Map<Category, number>();
  for (const p of ranked) {
    if (out.length >= max) break;
    const n = taken.get(p.category) ?? 0;
    if (n >= perCategory) continue;
    taken.set(p.category, n + 1);
    out.push({ category: p.category, subtype: p.subtype, colour: p.colour, adds: p.adds });
  }
  return out;
}

export interface RankedProduct<P extends CatalogProduct> {
  product: P;
  /** The product as a piece (what was scored). */
  item: Item;
  /** Outfits it would add to the capsule. */
  adds: number;
}

/**
 * Products that would add outfits to the capsule, most outfits first; ties go to the
 * better fit (tieScores), then to the product id, so the same catalog answer in
 * any order gives the same ranking. A product returned twice counts once.
 */
export function rankCatalogProducts<P extends CatalogProduct>(capsule: readonly Item[], ctx: OutfitContext, products: readonly P[]): RankedProduct<P>[] {
  const now = ctx.now ?? Date.now();
  const seen = new Set<string>();
  const unique = products.filter((p) => !seen.has(p.id) && (seen.add(p.id), true));
  const items = unique.map((p) => catalogPieceItem(p, now));
  const at = { ...ctx, now };
  const gains = additionGains(capsule, at, items);
  const ties = tieScores(items, gains, at);
  return unique
    .map((product, k) => ({ product, item: items[k]!, adds: gains[k]!.adds, tie: ties[k]! }))
    .filter((r) => r.adds > 0)
    .sort((a, b) => b.adds - a.adds || b.tie - a.tie || (a.product.id < b.product.id ? -1 : a.product.id > b.product.id ? 1 : 0))
    .map(({ product, item, adds }) => ({ product, item, adds }));
}
