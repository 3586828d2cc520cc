import type { CuratorDB } from "@data/db";
import { getSetting, setSetting, type OrphanState } from "@data/settings";
import { blobName, type SyncKeys } from "./crypto";
import type { Remote } from "./remote";
import { blobHashes, type SyncRecords } from "./snapshot";

/**
 * Photos in the bucket that no record refers to any more (their item was deleted
 * and purged everywhere) are removed, but only once two clocks agree they are
 * really orphans:
 * - the object is older than the grace period (server time): a photo another
 *   device has just uploaded is unreferenced until that device writes its records
 *   a moment later, and must not be taken from under it;
 * - this device has seen it unreferenced for the whole grace period (its own
 *   clock, remembered in a device-only setting): a device that was offline and
 *   brings back a newer copy of the item has a day to do so. (If it comes back
 *   later still, its sync uploads the photo again: uploads check the bucket.)
 * Housekeeping never fails a sync: callers ignore its errors.
 */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
/** The device-only setting that remembers when this device first saw each photo unreferenced. */
export const ORPHANS_SETTING = "device:sync-orphans";

export async function removeOrphanPhotos(
  remote: Remote,
  blobsPrefix: string,
  keys: SyncKeys | null,
  records: SyncRecords,
  db: CuratorDB,
  now: number,
  /** The listing this sync already made before uploading (its new uploads are referenced, so it may lack them). */
  alreadyListed: ReadonlyMap<string, number> | null = null,
): Promise<number> {
  const place = `${remote.bucket}/${blobsPrefix}`;
  const listed = alreadyListed ?? (await remote.listDated(blobsPrefix));
  const referenced = new Set(await Promise.all([...blobHashes(records)].map((sha) => blobName(keys, sha))));
  const stored = await getSetting(ORPHANS_SETTING, db);
  const before = stored?.place === place ? stored.seen : {};
  const seen: Record<string, number> = {};
  let removed = 0;
  for (const [name, modified] of listed) {
    if (referenced.has(name)) continue;
    const since = before[name] ?? now;
    if (now - since >= ORPHAN_GRACE_MS && now - modified >= ORPHAN_GRACE_MS) {
      await remote.delete(blobsPrefix + name);
      removed++;
    } else seen[name] = since;
  }
  const state: OrphanState = { place, seen };
  if (JSON.stringify(state) !== JSON.stringify(stored)) await setSetting(ORPHANS_SETTING, state, db, now);
  return removed;
}
