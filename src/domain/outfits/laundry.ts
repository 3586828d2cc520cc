/**
 * Laundry (optional): a piece worn its kind's number of times since it was last
 * marked clean is "in the wash" until marked clean again; a piece can also be put
 * in the wash by hand. Worked out from the item's marks (Item.laundry) and the wear
 * log, so that every device agrees once both have synced, and nothing is counted
 * from before the user turned laundry on.
 */
import { SUBTYPES, type Category, type Item } from "../wardrobe/types";
import type { WornOutfit } from "./types";

export interface LaundryRules {
  enabled: boolean;
  /** When the user turned laundry on: wears before it never count. */
  since: number | null;
  /** Wears before the wash, by kind (a built-in or taught kind's name) or by category; 0 = never by wears. Overrides DEFAULT_WASH_LIMITS. */
  limits: Readonly<Record<string, number>>;
}

export const LAUNDRY_OFF: LaundryRules = { enabled: false, since: null, limits: {} };
export const MAX_WASH_LIMIT = 30;

/**
 * How many wears before the wash, as a laundry guide would say: tees and underlayers
 * after one, shirts after two, jeans after several; coats, shoes, bags and jewellery
 * never by wears (put them in the wash by hand). A taught kind follows its category.
 */
export const DEFAULT_WASH_LIMITS: Readonly<Record<string, number>> = {
  top: 2,
  bottom: 4,
  dress: 2,
  outerwear: 0,
  shoes: 0,
  bag: 0,
  accessory: 0,
  "t-shirt": 1,
  shirt: 2,
  blouse: 2,
  sweater: 5,
  hoodie: 4,
  "tank top": 1,
  polo: 2,
  trousers: 3,
  jeans: 6,
  shorts: 3,
  skirt: 4,
  leggings: 1,
  jumpsuit: 2,
  overalls: 4,
  coat: 0,
  jacket: 0,
  blazer: 0,
  cardigan: 5,
  raincoat: 0,
  scarf: 10,
  socks: 1,
  gloves: 10,
};

/** The kinds the settings list under each category (the category's own entry is "other kinds"). */
export const WASH_KINDS: Readonly<Record<Category, readonly string[]>> = { ...SUBTYPES, dress: SUBTYPES.dress.filter((s) => s !== "dress") };

export const isWashLimit = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_WASH_LIMIT;

/** Wears before the wash for this item: its kind's limit, else its category's (the user's first, then the defaults). */
export function washLimit(item: Pick<Item, "category" | "subtype">, rules: Pick<LaundryRules, "limits">): number {
  const kind = item.subtype?.trim().toLowerCase();
  const keys = [kind, item.category].filter((k): k is string => !!k);
  for (const k of keys) if (isWashLimit(rules.limits[k])) return rules.limits[k];
  for (const k of keys) if (DEFAULT_WASH_LIMITS[k] !== undefined) return DEFAULT_WASH_LIMITS[k];
  return 0;
}

/** Each item's wear times, from the wear log (the outfits worn). */
export type WearIndex = ReadonlyMap<string, readonly number[]>;

export function wearIndex(wears: readonly WornOutfit[]): WearIndex {
  const index = new Map<string, number[]>();
  for (const w of wears)
    for (const id of new Set(w.itemIds)) {
      const list = index.get(id);
      if (list) list.push(w.wornAt);
      else index.set(id, [w.wornAt]);
    }
  return index;
}

export interface LaundryStatus {
  inWash: boolean;
  /** "worn": its number of wears was reached; "by-hand": the user put it in; null: clean. */
  why: "worn" | "by-hand" | null;
  /** Wears counted since it was last clean (or since laundry was turned on). */
  wornSinceClean: number;
  /** Its kind's wears before the wash; 0 = never by wears. */
  limit: number;
  /** Since when it has been in the wash, when known. */
  since: number | null;
}

const CLEAN: LaundryStatus = { inWash: false, why: null, wornSinceClean: 0, limit: 0, since: null };

export function laundryStatus(item: Pick<Item, "id" | "category" | "subtype" | "laundry">, wears: WearIndex, rules: LaundryRules): LaundryStatus {
  if (!rules.enabled) return CLEAN;
  const cleanedAt = Math.max(item.laundry?.cleanedAt ?? -Infinity, rules.since ?? -Infinity);
  const limit = washLimit(item, rules);
  const times = (wears.get(item.id) ?? []).filter((t) => t > cleanedAt).sort((a, b) => a - b);
  const handIn = item.laundry?.inWashSince;
  if (handIn != null && handIn > cleanedAt) return { inWash: true, why: "by-hand", wornSinceClean: times.length, limit, since: handIn };
  if (limit > 0 && times.length >= limit) return { inWash: true, why: "worn", wornSinceClean: times.length, limit, since: times[limit - 1]! };
  return { inWash: false, why: null, wornSinceClean: times.length, limit, since: null };
}

/** The ids of the items in the wash now (what suggestOutfits takes as `inWashItemIds`). */
export function itemsInWash(items: readonly Item[], wears: readonly WornOutfit[], rules: LaundryRules): string[] {
  if (!rules.enabled) return [];
  const index = wearIndex(wears);
  return items.filter((i) => i.deletedAt == null && laundryStatus(i, index, rules).inWash).map((i) => i.id);
}

/** "worn 2 of 2 times since washed", "put in the wash by hand", "1 more wear before the wash". */
export function laundryWords(s: LaundryStatus): string {
  if (s.why === "by-hand") return "put in the wash by hand";
  if (s.why === "worn") return `worn ${s.wornSinceClean} ${s.wornSinceClean === 1 ? "time" : "times"} since washed`;
  if (s.limit === 0) return "washed by hand only (no wear limit)";
  const left = s.limit - s.wornSinceClean;
  return `${left} more ${left === 1 ? "wear" : "wears"} before the wash`;
}
