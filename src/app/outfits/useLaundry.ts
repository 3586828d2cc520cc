import { useSyncExternalStore } from "react";
import { watchQuery, type LiveSubscription } from "@data/live";
import { loadLaundry, type LaundryData } from "@data/laundry";
import { laundryStatus, wearIndex, type LaundryRules, type LaundryStatus, type WearIndex } from "@domain/outfits/laundry";
import type { WornOutfit } from "@domain/outfits/types";
import type { Item } from "@domain/wardrobe/types";

export interface Laundry {
  rules: LaundryRules;
  wears: readonly WornOutfit[];
  index: WearIndex;
  /** The item's laundry status, or null when laundry is off. */
  status(item: Pick<Item, "id" | "category" | "subtype" | "laundry">): LaundryStatus | null;
}

/**
 * One live read of the laundry (rules and the wears they count) shared by every
 * component that shows it: a wardrobe grid of hundreds of cards costs one query.
 * Subscribed while anyone listens.
 */
let snapshot: Laundry | undefined;
let sub: LiveSubscription | null = null;
const listeners = new Set<() => void>();

function toLaundry(data: LaundryData): Laundry {
  const index = wearIndex(data.wears);
  return {
    rules: data.rules,
    wears: data.wears,
    index,
    status: (item) => (data.rules.enabled ? laundryStatus(item, index, data.rules) : null),
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  sub ??= watchQuery(loadLaundry, {
    next: (data) => {
      snapshot = toLaundry(data);
      for (const l of listeners) l();
    },
    error: (e) => console.error("reading the laundry failed", e),
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      sub?.unsubscribe();
      sub = null;
    }
  };
}

const current = () => snapshot;

/** The laundry, live across tabs; undefined until first read. */
export function useLaundry(): Laundry | undefined {
  return useSyncExternalStore(subscribe, current, current);
}
