import { noTombstoneCounts, type TombstoneCounts } from "./kind";

/**
 * Records that are deleted by keeping them as tombstones (deletedAt set), so that an
 * import or a sync never brings back what was deleted here, and a newer deletion
 * elsewhere deletes the record here.
 */
export interface Tombstoned {
  id: string;
  updatedAt: number;
  deletedAt: number | null;
}

/** Not deleted. */
export const isLive = (r: { deletedAt: number | null }): boolean => r.deletedAt === null;

/**
 * How the records a merge wrote fared, each as it ends up against what was here
 * before: live ones as added or updated, tombstones as deletions or plain
 * tombstones; `unchanged` incoming records lost to the copy here. Pure.
 */
export function tombstoneCounts<T extends Tombstoned>(writes: Iterable<T>, before: ReadonlyMap<string, T>, unchanged: number): TombstoneCounts {
  const c = { ...noTombstoneCounts(), unchanged };
  for (const rec of writes) {
    const was = before.get(rec.id);
    if (isLive(rec)) c[was ? "updated" : "added"]++;
    else if (was && isLive(was)) c.deleted++;
    else c.tombstones++;
  }
  return c;
}

/**
 * Records by a key that identifies them across devices (an outfit's items; a wear's
 * day and items). The app keeps one record per key, live or deleted, but should two
 * meet, the live one stands for the key (a tombstone must never swallow a live
 * record's match and leave two live copies), else the newest tombstone.
 */
export class ByKey<T extends Tombstoned> {
  private map = new Map<string, T>();
  constructor(
    private keyOf: (t: T) => string,
    rows: readonly T[],
  ) {
    for (const r of rows) this.offer(r);
  }
  get(t: T): T | undefined {
    return this.map.get(this.keyOf(t));
  }
  /** Records `rec` as written; `was` is the record it replaced. */
  offer(rec: T, was?: T): void {
    if (was && this.keyOf(was) !== this.keyOf(rec) && this.map.get(this.keyOf(was))?.id === was.id) this.map.delete(this.keyOf(was));
    const cur = this.map.get(this.keyOf(rec));
    const better = !cur || cur.id === rec.id || (isLive(rec) !== isLive(cur) ? isLive(rec) : rec.updatedAt > cur.updatedAt);
    if (better) this.map.set(this.keyOf(rec), rec);
  }
}
