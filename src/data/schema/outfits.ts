import { outfitKey } from "@domain/outfits";
import { BadRecord, deletedAt, id, itemIds, num, orNull, record, text, time } from "./fields";
import { noTombstoneCounts, type TombstoneCounts, type RecordKind } from "./kind";
import { MAX_OUTFIT_NAME, outfitsTable, type SavedOutfit } from "./tables/outfits";
import { isLive, mergeByKey } from "./tombstones";

export function parseOutfit(raw: unknown): SavedOutfit {
  const r = record(raw);
  const name = text(r.name, "name", MAX_OUTFIT_NAME);
  if (!name.trim()) throw new BadRecord("name is empty");
  const score = orNull(r.score, (v) => num(v, "score"));
  if (score !== null && (score < 0 || score > 1)) throw new BadRecord("score must be between 0 and 1");
  return {
    id: id(r.id, "id"),
    createdAt: time(r.createdAt, "createdAt"),
    updatedAt: time(r.updatedAt, "updatedAt"),
    itemIds: itemIds(r.itemIds),
    name,
    score,
    deletedAt: deletedAt(r.deletedAt),
  };
}

const live = (x: { deletedAt: number | null }) => (isLive(x) ? "" : "†");

export const outfits = {
  name: "outfits",
  since: 2,
  single: false,
  tables: [outfitsTable],
  counts: noTombstoneCounts,
  read: (db) => outfitsTable.of(db).toArray(),
  parse: parseOutfit,
  keyOf: (o) => o.id,
  // By combination, as the merge matches them: two devices may keep the same outfit
  // under different ids for ever, and must not push it back and forth on every sync.
  version: (o) => `o ${outfitKey(o.itemIds)} ${o.updatedAt}${live(o)}`,
  /**
   * By id, or by the same combination of items: the app never keeps two saved
   * outfits of the same items (saving one again renames it, or brings a deleted one
   * back), so one made on each device is the same outfit. Tombstones merge like any
   * record: a newer one deletes the outfit here, an older one loses to it.
   */
  async merge(ctx, rows) {
    const m = await mergeByKey<SavedOutfit>(outfitsTable.of(ctx.db), rows, (o) => outfitKey(o.itemIds), undefined, ctx.ties);
    for (const [from, to] of m.renamed) ctx.outfitsRenamed.set(from, to);
    for (const [outfitId, o] of m.after) ctx.outfitsLive.set(outfitId, isLive(o));
    for (const [outfitId, o] of m.after) if (!isLive(o) && isLive(m.before.get(outfitId) ?? o)) ctx.outfitsDeleted.push(outfitId);
    return m.counts;
  },
} satisfies RecordKind<"outfits", SavedOutfit, TombstoneCounts>;
