import { Dexie, type ObservabilitySet } from "dexie";
import { db } from "./db";
import { touchedItems } from "./touched";

/**
 * Reads of the database kept between calls, per key, for one opening of the database (a
 * deleted and re-made one starts afresh: no hook sees that). The owner's table hooks say
 * when they go stale: `drop()` forgets them all; `changed()` only marks that a change
 * happened. Either way a read that began before it is not kept (it may predate it).
 *
 * Hooks only see this tab's writes. Each hook therefore tells `saw(id)` which item it
 * saw change; when Dexie then announces a committed change to items (its own record,
 * broadcast to every tab), one that names an item no hook here saw — another tab's
 * edit, a sync running there — drops everything.
 */
export class KeptReads<K, V> {
  private readonly kept = new Map<K, V>();
  private opened: IDBDatabase | null = null;
  private changes = 0;
  private readonly seen = new Set<string>();

  constructor() {
    Dexie.on("storagemutated", (parts: ObservabilitySet) => {
      const touched = touchedItems(parts, db.name);
      if (!touched) return;
      const foreign = touched === "all" || [...touched].some((id) => !this.seen.has(id));
      if (touched === "all") this.seen.clear();
      else for (const id of touched) this.seen.delete(id);
      if (foreign) this.drop();
    });
  }

  /** A hook in this tab saw the item `id` change: its commit is not news. */
  saw(id: string): void {
    this.seen.add(id);
  }

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
