import { useEffect, useState } from "react";
import { listItems, listNewestItems } from "@data/items";
import { watchQuery } from "@data/live";
import type { Item } from "@domain/wardrobe/types";

const FIRST_PAGE = 60;

export interface WardrobeItems {
  items: Item[] | undefined;
  /** False while only the newest page is loaded (big wardrobes): filters wait for the rest. */
  complete: boolean;
}

/**
 * All live items, kept current across tabs. A large wardrobe paints its newest
 * page first (one indexed query), then the full list replaces it.
 */
export function useWardrobeItems(): WardrobeItems {
  const [state, setState] = useState<WardrobeItems>({ items: undefined, complete: false });
  useEffect(() => {
    let live = true;
    let sub: { unsubscribe(): void } | null = null;
    // Sequential on purpose: the full read of a big wardrobe would otherwise delay
    // the small first-page query that paints the grid.
    void listNewestItems(FIRST_PAGE)
      .catch(() => [] as Item[])
      .then((first) => {
        if (!live) return;
        if (first.length > 0) setState({ items: first, complete: first.length < FIRST_PAGE });
        sub = watchQuery(listItems, {
          next: (items) => {
            setState({ items, complete: true });
            performance.mark("curator:wardrobe-loaded");
          },
          error: (e) => console.error("loading the wardrobe failed", e),
        });
      });
    return () => {
      live = false;
      sub?.unsubscribe();
    };
  }, []);
  return state;
}
