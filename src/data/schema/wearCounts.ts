import type { Item } from "@domain/wardrobe/types";
import { itemsTable } from "./tables/items";
import type { MergeContext } from "./kind";
import { isLive } from "./tombstones";

/** What the recount needs of a wear record. */
interface Wear {
  itemIds: readonly string[];
  wornAt: number;
  deletedAt: number | null;
}

/** An item's live wear records in one wear log: how many, and the latest time worn. */
interface Worn {
  count: number;
  last: number | null;
}

const NOT_WORN: Worn = { count: 0, last: null };

function wornByItem(wears: readonly Wear[]): Map<string, Worn> {
  const out = new Map<string, Worn>();
  for (const w of wears) {
    if (!isLive(w)) continue;
    for (const id of w.itemIds) {
      const { count, last } = out.get(id) ?? NOT_WORN;
      out.set(id, { count: count + 1, last: Math.max(last ?? w.wornAt, w.wornAt) });
    }
  }
  return out;
}

/**
 * After the wear logs are merged: the wear count and last-worn time of every item
 * either log holds, or whose copy was replaced, follow the merged log's live
 * records, not whichever copy of the item was newer. So wears logged on two devices
 * add up, a wear removed on one takes away only that wear, the same file imported
 * again changes nothing, and a restore onto an empty device gives the source's counts.
 *
 * An item's count is its live wear records plus wears marked by hand (the item
 * editor's "Marked as worn" logs no record). The hand-marked part travels with the
 * copy that won: what its count holds beyond the live records of the log it came
 * with (the incoming one, for a replaced copy; else this device's before the
 * merge). Likewise a last-worn time later than every wear of that log is a hand mark
 * and is kept if it is still the latest. An item is written only when its count or
 * last-worn time changes, and keeps its updatedAt: these numbers are derived from the
 * log (every device works them out the same way from the same log), not an edit. A
 * recount dated "now" would beat a later real edit made on another device (a rename
 * made after the wear, not yet seen here) and undo it everywhere.
 */
export async function recountWears(ctx: MergeContext, logs: { incoming: readonly Wear[]; before: readonly Wear[]; merged: readonly Wear[] }): Promise<void> {
  const items = itemsTable.of(ctx.db);
  const inFile = wornByItem(logs.incoming);
  const here = wornByItem(logs.before);
  const merged = wornByItem(logs.merged);
  const ids = [...new Set([...inFile.keys(), ...here.keys(), ...ctx.itemsReplaced])];
  const changed: Item[] = [];
  for (const item of await items.bulkGet(ids)) {
    if (!item) continue;
    const cameWith = (ctx.itemsReplaced.has(item.id) ? inFile : here).get(item.id) ?? NOT_WORN;
    const { count, last } = merged.get(item.id) ?? NOT_WORN;
    const byHand = Math.max(0, item.wearCount - cameWith.count);
    const markedLater = item.lastWornAt !== null && (cameWith.last === null || item.lastWornAt > cameWith.last) ? item.lastWornAt : null;
    const wearCount = byHand + count;
    const lastWornAt = markedLater === null ? last : Math.max(markedLater, last ?? markedLater);
    if (wearCount !== item.wearCount || lastWornAt !== item.lastWornAt) changed.push({ ...item, wearCount, lastWornAt });
  }
  await items.bulkPut(changed);
}
