import Dexie, { type EntityTable } from "dexie";
import type { Item, Profile, StoredImage } from "../domain/wardrobe/types";

/**
 * The one IndexedDB database. Every schema change is a new `version(n)` with an
 * `upgrade` when data must move: never edit an old version in place.
 */
export class CuratorDB extends Dexie {
  items!: EntityTable<Item, "id">;
  images!: EntityTable<StoredImage, "id">;
  profile!: EntityTable<Profile, "id">;

  constructor(name = "curator") {
    super(name);
    this.version(1).stores({
      items: "id, createdAt, updatedAt, category, favourite, wearCount, price, deletedAt, *seasons, *occasions",
      images: "id, itemId, sha256",
      profile: "id",
    });
  }
}

export const db = new CuratorDB();
