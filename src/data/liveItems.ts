import { Dexie, type ObservabilitySet } from "dexie";
import type { Item } from "@domain/wardrobe/types";
import { db } from "./db";
import { listItems } from "./items";
import type { LiveObserver, LiveSubscription } from "./live";
import { touchedItems, type Touched } from "./touched";

/** `list` with the re-read items (undefined: gone) put in: unchanged items keep their objects, the order stays the primary key's. */
export function patchItems(list: readonly Item[], fresh: ReadonlyMap<string, Item | undefined>): Item[] {
  const out: Item[] = [];
  for (const item of list) {
    if (!fresh.has(item.id)) out.push(item);
    else {
      const now = fresh.get(item.id);
      if (now && now.deletedAt === null) out.push(now);
    }
  }
  const known = new Set(list.map((i) => i.id));
  const added = [...fresh.values()].filter((i): i is Item => i !== undefined && i.deletedAt === null && !known.has(i.id));
  if (added.length === 0) return out;
  // IndexedDB orders string keys by code unit, as < does.
  return [...out, ...added].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The wardrobe's live items, shared by every screen that shows them. The first subscriber
 * reads the whole table; after that a change re-reads only the items it touched (a
 * photo added to a wardrobe of 2,000 items reads one item, not 2,000), so the items it
 * did not touch keep their objects and their cards need not redraw.
 */
class LiveItems {
  private readonly observers = new Set<LiveObserver<Item[]>>();
  private list: Item[] | undefined;
  private pending: Touched | null = null;
  private running = false;

  private readonly onMutated = (parts: ObservabilitySet) => {
    const touched = touchedItems(parts, db.name);
    if (touched) this.mark(touched);
  };

  current(): Item[] | undefined {
    return this.list;
  }

  subscribe(observer: LiveObserver<Item[]>): LiveSubscription {
    this.observers.add(observer);
    if (this.observers.size === 1) {
      Dexie.on("storagemutated", this.onMutated);
      this.mark("all");
    } else if (this.list) {
      const now = this.list;
      queueMicrotask(() => this.observers.has(observer) && now === this.list && observer.next(now));
    }
    return {
      unsubscribe: () => {
        if (!this.observers.delete(observer) || this.observers.size > 0) return;
        Dexie.on.storagemutated.unsubscribe(this.onMutated);
        this.list = undefined;
        this.pending = null;
      },
    };
  }

  private mark(touched: Touched): void {
    if (touched === "all" || this.pending === "all") this.pending = "all";
    else this.pending = new Set([...(this.pending ?? []), ...touched]);
    if (!this.running) void this.drain();
  }

  /** One read at a time; changes that come meanwhile are read after it (no answer is older than a change it missed). */
  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending && this.observers.size > 0) {
        const touched = this.pending;
        this.pending = null;
        try {
          this.list = touched === "all" || !this.list ? await listItems() : patchItems(this.list, await this.read([...touched]));
        } catch (e) {
          this.pending = "all";
          for (const o of this.observers) o.error(e);
          return;
        }
        if (this.observers.size === 0) break;
        if (!this.pending) for (const o of [...this.observers]) o.next(this.list);
      }
    } finally {
      this.running = false;
      if (this.observers.size === 0) this.list = undefined;
    }
  }

  private async read(ids: string[]): Promise<Map<string, Item | undefined>> {
    const rows = await db.items.bulkGet(ids);
    return new Map(ids.map((id, i) => [id, rows[i]]));
  }
}

const shared = new LiveItems();

/** Every live item now and after each change (in this tab or another), until unsubscribed. */
export function watchItems(observer: LiveObserver<Item[]>): LiveSubscription {
  return shared.subscribe(observer);
}

/** The live items as last read, if a screen is watching them (so a new one paints at once). */
export function currentItems(): Item[] | undefined {
  return shared.current();
}
