/**
 * Near-duplicate candidates for a new photo: the live items filed under the category it
 * was recognised as (via the category index). The import asks for them with every photo,
 * and reading a category of a 2,000-item wardrobe again each time was a good part of a
 * photo's time, so each category read is kept for one opening of the database: an item
 * added since is appended once its transaction commits (what an import does), and any
 * other change to the items, in this tab or another, drops everything kept.
 */
import type { Transaction } from "dexie";
import { db } from "./db";
import { KeptReads } from "./keptReads";
import type { Category, Item } from "@domain/wardrobe/types";

const kept = new KeptReads<Category, Item[]>();
let hooked = false;

function watchItems(): void {
  if (hooked) return;
  hooked = true;
  db.items.hook("creating", (_key, item: Item, transaction: Transaction) => {
    kept.saw(item.id);
    kept.changed();
    const copy = structuredClone(item); // as stored: the caller's object may change later
    transaction.on("complete", () => {
      if (copy.category && copy.deletedAt === null) kept.peek(copy.category)?.push(copy);
    });
  });
  db.items.hook("updating", (_mods, id: string) => {
    kept.saw(id);
    kept.drop();
  });
  db.items.hook("deleting", (id: string) => {
    kept.saw(id);
    kept.drop();
  });
}

/**
 * Items that could be a twin of a new photo recognised as `category`: those filed under
 * it and not deleted. Items still waiting for their category are not candidates. The
 * items returned are shared with later calls: read them, do not change them.
 */
export async function possibleTwins(category: Item["category"]): Promise<Item[]> {
  if (!category) return [];
  watchItems();
  const same = await kept.get(category, async () => (await db.items.where("category").equals(category).toArray()).filter((i) => i.deletedAt === null));
  return [...same];
}
