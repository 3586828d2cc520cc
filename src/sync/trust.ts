import type { CuratorDB } from "@data/db";
import { getSetting, updateSetting, type BucketTrust } from "@data/settings";
import { DEFAULT_PREFIX, type SyncConfig } from "./config";

/**
 * This device's memory of each bucket it synced with (a device-only setting, never
 * synced nor exported): its key file's parameters and the highest records
 * generation seen. The bucket cannot vouch for itself; this memory can tell a key
 * file put back from one replaced, and a records document rolled back.
 */
export type { BucketTrust };

const KEY = "device:sync-trust";

/** Which bucket and folder, wherever it is: the endpoint, the bucket and the prefix. */
export function placeOf(config: Pick<SyncConfig, "endpoint" | "bucket" | "prefix">): string {
  let prefix = config.prefix ?? DEFAULT_PREFIX;
  if (prefix && !prefix.endsWith("/")) prefix += "/";
  return `${config.endpoint.trim().replace(/\/+$/, "")}|${config.bucket.trim()}|${prefix}`;
}

export async function readTrust(db: CuratorDB, place: string): Promise<BucketTrust | null> {
  return (await getSetting(KEY, db))[place] ?? null;
}

/** Remembers what a sync established; the generation never goes down. */
export async function keepTrust(db: CuratorDB, place: string, next: BucketTrust): Promise<void> {
  await updateSetting(
    KEY,
    (all) => {
      const before = all[place];
      const entry: BucketTrust = { ...next, generation: Math.max(next.generation, before?.keyInfo === next.keyInfo ? before.generation : 0) };
      if (before && before.keyInfo === entry.keyInfo && before.confirmed === entry.confirmed && before.generation === entry.generation) return undefined;
      return { ...all, [place]: entry };
    },
    db,
  );
}

/**
 * Forgets what this device knew of the bucket (the user set it up again on purpose,
 * or chose to trust its key file as it is now): the next sync takes the bucket as it finds it.
 */
export async function forgetTrust(config: Pick<SyncConfig, "endpoint" | "bucket" | "prefix">, db?: CuratorDB): Promise<void> {
  const place = placeOf(config);
  await updateSetting(
    KEY,
    (all) => {
      if (!(place in all)) return undefined;
      const { [place]: _gone, ...rest } = all;
      return rest;
    },
    db,
  );
}
