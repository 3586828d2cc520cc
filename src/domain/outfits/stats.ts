/**
 * Wardrobe statistics: wear counts, cost per wear, never-worn items, the
 * wardrobe's colour palette and its category balance. Soft-deleted items are left out.
 */
import { FASHION_PALETTE, nameColour, paletteIndexOf } from "../colour/palette";
import { CATEGORIES, type Category, type Item } from "../wardrobe/types";

const live = (items: readonly Item[]) => items.filter((i) => i.deletedAt == null);

/** Price divided by wears; null when the price is unknown or the item was never worn. */
export function costPerWear(item: Pick<Item, "price" | "wearCount">): number | null {
  if (item.price == null || item.wearCount <= 0) return null;
  return item.price / item.wearCount;
}

export interface WearStat {
  item: Item;
  wearCount: number;
  lastWornAt: number | null;
  costPerWear: number | null;
}

/** Every item with its wears and cost per wear, most worn first (ties: most recently worn first). */
export function wearStats(items: readonly Item[]): WearStat[] {
  return live(items)
    .map((item) => ({ item, wearCount: item.wearCount, lastWornAt: item.lastWornAt, costPerWear: costPerWear(item) }))
    .sort((a, b) => b.wearCount - a.wearCount || (b.lastWornAt ?? 0) - (a.lastWornAt ?? 0) || a.item.id.localeCompare(b.item.id));
}

/** Items never worn, oldest first (the ones most worth a second look). */
export function neverWorn(items: readonly Item[]): Item[] {
  return live(items)
    .filter((i) => i.wearCount <= 0 && i.lastWornAt == null)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export interface PaletteShare {
  name: string;
  /** The palette's swatch for this name. */
  hex: string;
  /** Share of the wardrobe (each item counts once, split by its colour shares); sums to 1. */
  share: number;
  items: number;
}

/** The wardrobe's colour palette: colour shares aggregated over items, largest first. */
export function colourPalette(items: readonly Item[]): PaletteShare[] {
  const acc = new Map<string, { share: number; items: Set<string> }>();
  let total = 0;
  for (const item of live(items)) {
    const sum = item.colours.reduce((s, c) => s + Math.max(0, c.share), 0);
    if (sum <= 0) continue;
    total += 1;
    for (const c of item.colours) {
      if (c.share <= 0) continue;
      const name = canonicalName(c.name, c.hex);
      if (!name) continue;
      const entry = acc.get(name) ?? { share: 0, items: new Set<string>() };
      entry.share += c.share / sum;
      entry.items.add(item.id);
      acc.set(name, entry);
    }
  }
  return [...acc]
    .map(([name, e]) => ({ name, hex: FASHION_PALETTE[paletteIndexOf(name)]?.hex ?? "#000000", share: total ? e.share / total : 0, items: e.items.size }))
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
}

/** A palette name for a stored colour: its own name if the palette knows it, else the nearest to its hex. */
function canonicalName(name: string, hex: string): string | null {
  if (paletteIndexOf(name) >= 0) return name.trim().toLowerCase();
  try {
    return nameColour(hex);
  } catch {
    return null;
  }
}

export interface CategoryShare {
  category: Category | "uncategorised";
  count: number;
  share: number;
}

/** How many items per category (every category listed, even at zero), plus items still without one. */
export function categoryBalance(items: readonly Item[]): CategoryShare[] {
  const its = live(items);
  const counts = new Map<Category | "uncategorised", number>(CATEGORIES.map((c) => [c, 0]));
  for (const i of its) {
    const key = i.category ?? "uncategorised";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (!counts.get("uncategorised")) counts.delete("uncategorised");
  return [...counts].map(([category, count]) => ({ category, count, share: its.length ? count / its.length : 0 }));
}

export interface WardrobeStats {
  itemCount: number;
  totalWears: number;
  /** Sum of known prices. */
  totalValue: number;
  /** Total value of worn, priced items over their wears; null when nothing priced was worn. */
  averageCostPerWear: number | null;
  mostWorn: WearStat[];
  neverWorn: Item[];
  palette: PaletteShare[];
  categories: CategoryShare[];
}

export function wardrobeStats(items: readonly Item[], topN = 5): WardrobeStats {
  const its = live(items);
  const wears = wearStats(its);
  let pricedValue = 0;
  let pricedWears = 0;
  for (const i of its)
    if (i.price != null && i.wearCount > 0) {
      pricedValue += i.price;
      pricedWears += i.wearCount;
    }
  return {
    itemCount: its.length,
    totalWears: its.reduce((s, i) => s + Math.max(0, i.wearCount), 0),
    totalValue: its.reduce((s, i) => s + (i.price ?? 0), 0),
    averageCostPerWear: pricedWears > 0 ? pricedValue / pricedWears : null,
    mostWorn: wears.filter((w) => w.wearCount > 0).slice(0, topN),
    neverWorn: neverWorn(its),
    palette: colourPalette(its),
    categories: categoryBalance(its),
  };
}
