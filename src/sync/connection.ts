import { deleteSetting, getSetting, setSetting, updateSetting, type SyncConnection } from "@data/settings";
import type { SyncConfig } from "./config";

/**
 * This device's sync connection, kept in a device-only setting (never synced nor
 * exported): where the bucket is, its keys, the passphrase only if the user asked,
 * and the last sync's summary.
 */
export type { SyncConnection };

type Place = Pick<SyncConnection, "endpoint" | "region" | "bucket" | "accessKeyId" | "secretAccessKey">;

export const readConnection = () => getSetting("device:sync");

export const toConfig = (c: Place, passphrase: string): SyncConfig => ({
  endpoint: c.endpoint.trim(),
  region: c.region.trim() || "us-east-1",
  bucket: c.bucket.trim(),
  accessKeyId: c.accessKeyId.trim(),
  secretAccessKey: c.secretAccessKey.trim(),
  passphrase,
});

/** Stores a connection (checked by the caller), the passphrase only when it is to be remembered on this device. */
export async function saveConnection(place: Place, passphrase: string, remember: boolean): Promise<SyncConnection> {
  const { passphrase: _given, ...config } = toConfig(place, passphrase);
  const connection: SyncConnection = { ...config, region: config.region ?? "us-east-1", ...(remember ? { passphrase } : {}) };
  await setSetting("device:sync", connection);
  return connection;
}

export const forgetConnection = () => deleteSetting("device:sync");

/**
 * The one writer of the last sync's summary (automatic and manual syncs alike), in
 * one transaction with the read of the connection: a sync that finishes after sync
 * was turned off does not bring the connection back. Resolves with the connection
 * as stored after, or null when sync is off.
 */
export function recordLastSync(text: string, at = Date.now()): Promise<SyncConnection | null> {
  return updateSetting("device:sync", (c) => (c ? { ...c, lastSync: { at, text } } : undefined));
}
