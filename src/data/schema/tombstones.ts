import { incomingWins, keptOnTie, noTombstoneCounts, type TombstoneCounts } from "./kind";

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

/** What mergeByKey did: the records here before, every record here after (by id), and the ids the incoming records took here. */
export interface KeyedMerge<T extends Tombstoned> {
  before: ReadonlyMap<string, T>;
  after: ReadonlyMap<string, T>;
  /** Incoming id → the id of the same record here (matched by key). */
  renamed: ReadonlyMap<string, string>;
  counts: TombstoneCounts;
}

/**
 * The merge rule of records the app keeps one per key, live or deleted: an incoming
 * record is the one here with its id, else the one with its key (whose id and
 * creation time it takes); the newer copy wins, tombstones included. `adapt` fits an
 * incoming record to this device before it is compared (a wear's outfit id here).
 */
export async function mergeByKey<T extends Tombstoned & { createdAt: number }>(
  table: { toArray(): Promise<T[]>; bulkPut(rows: readonly T[]): Promise<unknown> },
  rows: readonly T[],
  keyOf: (t: T) => string,
  adapt: (t: T) => T = (t) => t,
  ties: { keptHere: number } = { keptHere: 0 },
): Promise<KeyedMerge<T>> {
  const local = await table.toArray();
  const before = new Map(local.map((r) => [r.id, r]));
  const after = new Map(before);
  const byKey = new ByKey<T>(keyOf, local);
  const renamed = new Map<string, string>();
  const writes = new Map<string, T>();
  let unchanged = 0;
  for (const incoming of rows) {
    const here = after.get(incoming.id) ?? byKey.get(incoming);
    if (here && here.id !== incoming.id) renamed.set(incoming.id, here.id);
    const rec = adapt(here && here.id !== incoming.id ? { ...incoming, id: here.id, createdAt: here.createdAt } : incoming);
    if (keptOnTie(rec, here)) ties.keptHere++;
    if (!incomingWins(rec, here)) {
      unchanged++;
      continue;
    }
    byKey.offer(rec, here);
    after.set(rec.id, rec);
    writes.set(rec.id, rec);
  }
  await table.bulkPut([...writes.values()]);
  return { before, after, renamed, counts: tombstoneCounts(writes.values(), before, unchanged) };
}
