import { SUBTYPES, type Category, type Item, type Occasion, type Season } from "./types";

/** What the wardrobe grid shows: every field optional, empty means "any". */
export interface WardrobeQuery {
  text: string;
  category: Category | null;
  /** A kind within the category ("shorts", or one the user taught, "kimono"). */
  kind?: string | null;
  colour: string | null; // colour name, e.g. "navy"
  season: Season | null;
  occasion: Occasion | null;
  favouritesOnly: boolean;
  sort: SortKey;
}

export const SORT_KEYS = ["newest", "oldest", "most-worn", "least-worn", "price-high", "price-low"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  "most-worn": "Most worn",
  "least-worn": "Least worn",
  "price-high": "Price: high to low",
  "price-low": "Price: low to high",
};

export const EMPTY_QUERY: WardrobeQuery = {
  text: "",
  category: null,
  colour: null,
  season: null,
  occasion: null,
  favouritesOnly: false,
  sort: "newest",
};

/** Lower-cased text a search can match: built once per item, not once per keystroke. */
export function searchText(item: Item): string {
  return [
    item.name,
    item.category ?? "",
    item.subtype ?? "",
    item.brand,
    item.material,
    item.notes,
    item.neckline ?? "",
    ...item.colours.map((c) => c.name),
    ...item.seasons,
    ...item.occasions,
  ]
    .join(" ")
    .toLowerCase();
}

function matches(item: Item, q: WardrobeQuery, words: string[], text: (i: Item) => string): boolean {
  if (item.deletedAt !== null) return false;
  if (q.category && item.category !== q.category) return false;
  if (q.kind && item.subtype !== q.kind) return false;
  if (q.favouritesOnly && !item.favourite) return false;
  if (q.season && !item.seasons.includes(q.season)) return false;
  if (q.occasion && !item.occasions.includes(q.occasion)) return false;
  if (q.colour && !item.colours.some((c) => c.name === q.colour)) return false;
  if (words.length > 0) {
    const t = text(item);
    for (const w of words) if (!t.includes(w)) return false;
  }
  return true;
}

// Items without a price sort last in both directions: "unknown" is not "free".
function byPrice(a: Item, b: Item, dir: 1 | -1): number {
  if (a.price === null) return b.price === null ? 0 : 1;
  if (b.price === null) return -1;
  return (a.price - b.price) * dir;
}

const COMPARATORS: Record<SortKey, (a: Item, b: Item) => number> = {
  newest: (a, b) => b.createdAt - a.createdAt,
  oldest: (a, b) => a.createdAt - b.createdAt,
  "most-worn": (a, b) => b.wearCount - a.wearCount || b.createdAt - a.createdAt,
  "least-worn": (a, b) => a.wearCount - b.wearCount || b.createdAt - a.createdAt,
  "price-high": (a, b) => byPrice(a, b, -1) || b.createdAt - a.createdAt,
  "price-low": (a, b) => byPrice(a, b, 1) || b.createdAt - a.createdAt,
};

/**
 * Filters and sorts the wardrobe. `textOf` lets a caller pass a memoised
 * search-text lookup so 10,000 items are not re-joined on every keystroke.
 */
export function queryWardrobe(items: readonly Item[], q: WardrobeQuery, textOf: (i: Item) => string = searchText): Item[] {
  const words = q.text.toLowerCase().split(/\s+/).filter(Boolean);
  const out = items.filter((i) => matches(i, q, words, textOf));
  out.sort(COMPARATORS[q.sort]);
  return out;
}

/** Colour names present in the wardrobe, for the colour filter's options. */
export function coloursInUse(items: readonly Item[]): string[] {
  const names = new Set<string>();
  for (const i of items) if (i.deletedAt === null) for (const c of i.colours) names.add(c.name);
  return [...names].sort();
}

/** The kinds a category offers: its built-in ones, then those the user taught (on live items), A–Z. */
export function kindsOf(items: readonly Item[], category: Category): string[] {
  const taught = new Set<string>();
  for (const i of items) if (i.deletedAt === null && i.category === category && i.subtype && !SUBTYPES[category].includes(i.subtype)) taught.add(i.subtype);
  return [...SUBTYPES[category], ...[...taught].sort((a, b) => a.localeCompare(b))];
}
