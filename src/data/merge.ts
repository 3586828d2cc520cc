import type { SourcePhoto, StoredImage } from "@domain/wardrobe/types";
import { db as appDb, type CuratorDB } from "./db";
import { asStorageError } from "./errors";
import { kinds, TABLES, type KindName, type MergeSummary, type RecordSet } from "./schema";
import type { Counts, MergeContext } from "./schema/kind";

/**
 * Records of every kind from outside (a backup file, the bucket), checked, with the photos this device may lack, by id,
 * and the shared photos those were cut from (none in a backup made before pieces were; absent means none).
 */
export type Backup = RecordSet & { images: ReadonlyMap<string, StoredImage>; sources?: ReadonlyMap<string, SourcePhoto> };

/**
 * Merges records from outside into this device, kind by kind with each kind's own
 * rule (schema/): a record is written only when the incoming copy is newer, so the
 * same backup twice changes nothing and never duplicates, and newer local data is
 * never overwritten; deletions travel as tombstones. Everything is written in one
 * transaction: a failed merge writes nothing. The backup import and sync both merge
 * through here, so the two can never disagree. `db` is the app's database unless a
 * caller (sync's tests, as a second device) gives another. `ties` counts copies here
 * that won a tie against a different incoming copy (sync then sends its own).
 */
export async function mergeBackup(backup: Backup, db: CuratorDB = appDb, ties: { keptHere: number } = { keptHere: 0 }): Promise<MergeSummary> {
  const rows = backup as unknown as Record<KindName, unknown[]>;
  try {
    return await db.transaction(
      "rw",
      TABLES.map((t) => t.name),
      async () => {
        const ctx: MergeContext = {
          db,
          now: Date.now(),
          images: backup.images,
          sources: backup.sources ?? new Map(),
          itemsReplaced: new Set(),
          outfitsRenamed: new Map(),
          outfitsLive: new Map(),
          outfitsDeleted: [],
          ties,
        };
        const summary: Partial<Record<KindName, Counts>> = {};
        for (const k of kinds) summary[k.name] = await k.merge(ctx, rows[k.name]);
        return summary as MergeSummary;
      },
    );
  } catch (e) {
    throw asStorageError(e);
  }
}
