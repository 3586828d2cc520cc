import { useEffect, useState } from "react";
import { listNewestItems } from "@data/items";
import { currentItems, watchItems } from "@data/liveItems";
import type { Item } from "@domain/wardrobe/types";

const FIRST_PAGE = 60;

export interface WardrobeItems {
  items: Item[] | undefined;
  /** False while only the newest page is loaded (big wardrobes): filters wait for the rest. */
  complete: boolean;
}

/**
 * All live items, kept current across tabs (`watchItems`: one shared list, patched with
 * the items each change touched). A large wardrobe paints its newest page first (one
 * indexed query), then the full list replaces it; a screen opened while another already
 * shows the items gets them at once.
 */
export function useWardrobeItems(): WardrobeItems {
  const [state, setState] = useState<WardrobeItems>(() => {
    const now = currentItems();
    return { items: now, complete: now !== undefined };
  });
  useEffect(() => {
    let live = true;
    let sub: { unsubscribe(): void } | null = null;
    const watch = () => {
      sub = watchItems({
        next: (items) => {
          setState({ items, complete: true });
          performance.mark("curator:wardrobe-loaded");
        },
        error: (e) => console.error("loading the wardrobe failed", e),
      });
    };
    if (currentItems()) watch();
    else
      // Sequential on purpose: the full read of a big wardrobe would otherwise delay
      // the small first-page query that paints the grid.
      void listNewestItems(FIRST_PAGE)
        .catch(() => [] as Item[])
        .then((first) => {
          if (!live) return;
          if (first.length > 0) setState({ items: first, complete: first.length < FIRST_PAGE });
          watch();
        });
    return () => {
      live = false;
      sub?.unsubscribe();
    };
  }, []);
  return state;
}
