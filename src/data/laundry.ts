import { isLive } from "./schema/tombstones";
import { db } from "./db";
import { asStorageError } from "./errors";
import type { LaundryRules } from "@domain/outfits/laundry";
import type { WornOutfit } from "@domain/outfits/types";
import type { Item } from "@domain/wardrobe/types";
import { getSetting } from "./settings";
import { localDate } from "@domain/dates";

/**
 * Laundry on the device: the items' marks (marked clean, put in the wash by hand)
 * and the wears that count towards the wash. Whether an item is in the wash is
 * worked out by the domain (domain/outfits/laundry.ts) from these.
 */

export interface LaundryData {
  rules: LaundryRules;
  /** Live wears since laundry was turned on (none when it is off). */
  wears: WornOutfit[];
}

/** The rules and the wears they need, in one read (a live query re-runs it when either changes). */
export async function loadLaundry(): Promise<LaundryData> {
  const rules = await getSetting("outfits.laundry");
  if (!rules.enabled) return { rules, wears: [] };
  const since = rules.since ?? 0;
  // A day's margin on the indexed date: wornAt (local noon for earlier days) is what decides.
  const day = localDate(since - 86_400_000);
  const entries = (await db.wearLog.where("date").aboveOrEqual(day).toArray()).filter((e) => isLive(e) && e.wornAt > since);
  return { rules, wears: entries.map((e) => ({ itemIds: e.itemIds, wornAt: e.wornAt })) };
}

async function mark(ids: readonly string[], laundry: (item: Item) => Item["laundry"], now: number): Promise<number> {
  try {
    return await db.transaction("rw", db.items, async () => {
      const items = (await db.items.bulkGet([...ids])).filter((i): i is Item => !!i && i.deletedAt === null);
      await db.items.bulkPut(items.map((i) => ({ ...i, laundry: laundry(i), updatedAt: Math.max(now, i.updatedAt + 1) })));
      return items.length;
    });
  } catch (e) {
    throw asStorageError(e);
  }
}

/** Marks items clean (one tap for the whole basket): wears from now on count towards their next wash. Resolves to how many were marked. */
export function markClean(ids: readonly string[], now = Date.now()): Promise<number> {
  return mark(ids, () => ({ cleanedAt: now, inWashSince: null }), now);
}

/** Puts an item in the wash by hand (a stain, before its number of wears). */
export function putInWash(id: string, now = Date.now()): Promise<number> {
  return mark([id], (i) => ({ cleanedAt: i.laundry?.cleanedAt ?? null, inWashSince: now }), now);
}
