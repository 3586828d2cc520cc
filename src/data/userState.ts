import { parseLearnerState } from "../domain/outfits";
import type { PredictionLog } from "../domain/vision/predictionLog";
import type { Item, Profile, StoredImage } from "../domain/wardrobe/types";
import type { CuratorDB, SettingRecord } from "./db";
import { LEARNER_ID, type LearnerRecord, type SavedOutfit, type WearLogEntry } from "./outfits";
import { PROFILE_ID } from "./profile";
import { isDeviceSetting } from "./settings";

/** Everything the user has on this device, read at one moment. */
export interface UserState {
  items: Item[];
  images: StoredImage[];
  profile: Profile | undefined;
  predictions: PredictionLog[];
  settings: SettingRecord[];
  outfits: SavedOutfit[];
  wearLog: WearLogEntry[];
  learner: LearnerRecord | undefined;
}

/** One read transaction: a consistent snapshot even if the user edits meanwhile. */
export function readUserState(db: CuratorDB): Promise<UserState> {
  return db.transaction("r", [db.items, db.images, db.profile, db.predictions, db.settings, db.outfits, db.wearLog, db.learner], async () => ({
    items: await db.items.toArray(),
    images: await db.images.toArray(),
    profile: await db.profile.get(PROFILE_ID),
    predictions: await db.predictions.toArray(),
    settings: await db.settings.toArray(),
    outfits: await db.outfits.toArray(),
    wearLog: await db.wearLog.toArray(),
    learner: await db.learner.get(LEARNER_ID),
  }));
}

/** Only a learner the app can read leaves the device: an unreadable one would make the whole file or document refused elsewhere. */
function readableLearner(record: LearnerRecord | undefined): LearnerRecord | null {
  if (!record) return null;
  try {
    return { id: record.id, state: parseLearnerState(record.state), updatedAt: record.updatedAt };
  } catch {
    return null;
  }
}

/** The records an export file or a sync carries (photos and the profile are packed by each). */
export function shareableRecords(s: UserState) {
  return {
    items: s.items,
    predictions: s.predictions,
    // JSON cannot carry an undefined value; such a setting means "not set".
    // Device-only settings (the sync connection and its keys) never leave the device.
    settings: s.settings.filter((r) => r.value !== undefined && !isDeviceSetting(r.key)),
    // Tombstones go too (the other side must not bring back what was deleted here);
    // rows from before tombstones get an explicit deletedAt: null.
    outfits: s.outfits.map((o) => ({ ...o, deletedAt: o.deletedAt ?? null })),
    wearLog: s.wearLog.map((w) => ({ ...w, deletedAt: w.deletedAt ?? null })),
    learner: readableLearner(s.learner),
  };
}
