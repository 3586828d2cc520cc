import { outfitKey } from "@domain/outfits";
import { isIsoDate } from "./days";
import { BadRecord, deletedAt, id, itemIds, orNull, record, time } from "./fields";
import { noTombstoneCounts, type TombstoneCounts, type RecordKind } from "./kind";
import { unlinkWears, wearLogTable, type WearLogEntry } from "./tables/wearLog";
import { isLive, mergeByKey } from "./tombstones";
import { recountWears } from "./wearCounts";

export function parseWear(raw: unknown): WearLogEntry {
  const r = record(raw);
  if (typeof r.date !== "string" || !isIsoDate(r.date)) throw new BadRecord("date must be a day written YYYY-MM-DD");
  return {
    id: id(r.id, "id"),
    date: r.date,
    outfitId: orNull(r.outfitId, (v) => id(v, "outfitId")),
    itemIds: itemIds(r.itemIds),
    createdAt: time(r.createdAt, "createdAt"),
    updatedAt: time(r.updatedAt, "updatedAt"),
    wornAt: time(r.wornAt, "wornAt"),
    deletedAt: deletedAt(r.deletedAt),
  };
}

const dayKey = (w: WearLogEntry) => `${w.date} ${outfitKey(w.itemIds)}`;

export const wearLog = {
  name: "wearLog",
  since: 2,
  single: false,
  tables: [wearLogTable],
  counts: noTombstoneCounts,
  read: (db) => wearLogTable.of(db).toArray(),
  parse: parseWear,
  keyOf: (w) => w.id,
  version: (w) => `w ${dayKey(w)} ${w.updatedAt}${isLive(w) ? "" : "†"}`,
  /**
   * By id, or by the same items on the same day (the app logs an outfit once a day,
   * and brings a removed one back under its id when it is logged again). A wear
   * never points to a deleted outfit here. Then every touched item's wear count
   * follows the merged log (see recountWears).
   */
  async merge(ctx, rows) {
    const t = wearLogTable.of(ctx.db);
    const outfitHere = (outfitId: string | null) => {
      const localId = outfitId && (ctx.outfitsRenamed.get(outfitId) ?? outfitId);
      return localId && ctx.outfitsLive.get(localId) === false ? null : localId;
    };
    const m = await mergeByKey(t, rows, dayKey, (w) => ({ ...w, outfitId: outfitHere(w.outfitId) }), ctx.ties);
    // A derived change, dated one past each wear's own time (0: never this device's clock, which could beat a newer
    // real change to the wear made elsewhere, such as its removal); every device unlinks the same way.
    for (const outfitId of ctx.outfitsDeleted) await unlinkWears(ctx.db, outfitId, 0);
    await recountWears(ctx, { incoming: rows, before: [...m.before.values()], merged: await t.toArray() });
    return m.counts;
  },
} satisfies RecordKind<"wearLog", WearLogEntry, TombstoneCounts>;
