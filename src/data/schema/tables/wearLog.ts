import type { Dexie } from "dexie";
import { liveWhenUnset } from "./outfits";
import { table } from "./table";

/** One outfit worn on one day. */
export interface WearLogEntry {
  id: string;
  /** The local calendar day it was worn, YYYY-MM-DD. */
  date: string;
  /** The saved outfit it came from, if any. */
  outfitId: string | null;
  itemIds: string[];
  createdAt: number;
  updatedAt: number;
  /** The time written to the items' lastWornAt (now for today, local noon for earlier days). */
  wornAt: number;
  /** When it was removed: kept as a tombstone like a saved outfit's. */
  deletedAt: number | null;
}

// By day, and by item for "when did I wear this".
export const wearLogTable = table<WearLogEntry>()(
  "wearLog",
  "id",
  { 3: "id, date, outfitId, createdAt, updatedAt, *itemIds" },
  { upgrades: { 4: liveWhenUnset } },
);

/**
 * Inside a transaction on the wear log: the wear records of a deleted outfit keep
 * their items but no longer point to it.
 */
export async function unlinkWears(db: Dexie, outfitId: string, now: number): Promise<void> {
  const t = wearLogTable.of(db);
  const logged = await t.where("outfitId").equals(outfitId).toArray();
  await t.bulkPut(logged.map((e) => ({ ...e, outfitId: null, updatedAt: Math.max(now, e.updatedAt + 1) })));
}
