import { db } from "./db";

/**
 * Reads of the database kept between calls, per key, for one opening of the database (a
 * deleted and re-made one starts afresh: no hook sees that). The owner's table hooks say
 * when they go stale: `drop()` forgets them all; `changed()` only marks that a change
 * happened. Either way a read that began before it is not kept (it may predate it).
 */
export class KeptReads<K, V> {
  private readonly kept = new Map<K, V>();
  private opened: IDBDatabase | null = null;
  private changes = 0;

  changed(): void {
    this.changes++;
  }

  drop(): void {
    this.changes++;
    this.kept.clear();
  }

  /** What is kept for `key` in this opening of the database, if anything. */
  peek(key: K): V | undefined {
    return db.isOpen() && this.opened === db.backendDB() ? this.kept.get(key) : undefined;
  }

  /** What is kept for `key`, or `read()` (kept unless something changed meanwhile). */
  async get(key: K, read: () => Promise<V>): Promise<V> {
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const before = this.changes;
    const value = await read();
    if (this.changes === before) {
      if (this.opened !== db.backendDB()) {
        this.kept.clear();
        this.opened = db.backendDB();
      }
      this.kept.set(key, value);
    }
    return value;
  }
}
