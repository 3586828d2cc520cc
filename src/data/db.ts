import Dexie, { type EntityTable } from "dexie";
import type { Item, Profile, StoredImage } from "../domain/wardrobe/types";
import type { PredictionLog } from "../domain/vision/predictionLog";
import type { LearnerRecord, SavedOutfit, WearLogEntry } from "./outfits";

/** Small key-value settings (e.g. the confidence threshold), one record per key. */
export interface SettingRecord {
  key: string;
  value: unknown;
  updatedAt: number;
}

/**
 * The one IndexedDB database. Every schema change is a new `version(n)` with an
 * `upgrade` when data must move: never edit an old version in place.
 */
export class CuratorDB extends Dexie {
  items!: EntityTable<Item, "id">;
  images!: EntityTable<StoredImage, "id">;
  profile!: EntityTable<Profile, "id">;
  predictions!: EntityTable<PredictionLog, "id">;
  settings!: EntityTable<SettingRecord, "key">;
  outfits!: EntityTable<SavedOutfit, "id">;
  wearLog!: EntityTable<WearLogEntry, "id">;
  learner!: EntityTable<LearnerRecord, "id">;

  constructor(name = "curator") {
    super(name);
    this.version(1).stores({
      items: "id, createdAt, updatedAt, category, favourite, wearCount, price, deletedAt, *seasons, *occasions",
      images: "id, itemId, sha256",
      profile: "id",
    });
    // v2 (vision): the prediction/correction log and settings. New tables only.
    this.version(2).stores({
      predictions: "id, itemId, createdAt, modelVersion, outcome",
      settings: "key",
    });
    // v3 (outfits): saved outfits, the wear log (by day, and by item for "when did I
    // wear this") and the on-device learner's state. New tables only.
    this.version(3).stores({
      outfits: "id, createdAt, updatedAt",
      wearLog: "id, date, outfitId, createdAt, updatedAt, *itemIds",
      learner: "id",
    });
  }
}

export const db = new CuratorDB();
