import { deleteSetting, getSetting, setSetting, updateSetting, type RememberedKeys, type SyncConnection } from "@data/settings";
import type { SyncConfig } from "./config";

/**
 * This device's sync connection, kept in a device-only setting (never synced nor
 * exported): where the bucket is, its access keys, the bucket's keys if the user
 * asked to remember them (non-extractable CryptoKeys, never the passphrase), and the
 * last sync's summary.
 */
export type { RememberedKeys, SyncConnection };

type Place = Pick<SyncConnection, "endpoint" | "region" | "bucket" | "accessKeyId" | "secretAccessKey">;

/** What opens the bucket: the passphrase typed this session, and/or the keys this device remembered. */
export interface Secret {
  passphrase?: string;
  keys?: RememberedKeys;
}

export const readConnection = () => getSetting("device:sync");

export const toConfig = (c: Place, secret: Secret): SyncConfig => ({
  endpoint: c.endpoint.trim(),
  region: c.region.trim() || "us-east-1",
  bucket: c.bucket.trim(),
  accessKeyId: c.accessKeyId.trim(),
  secretAccessKey: c.secretAccessKey.trim(),
  ...(secret.passphrase ? { passphrase: secret.passphrase } : {}),
  ...(secret.keys ? { keys: secret.keys } : {}),
});

/**
 * Stores a connection (checked by the caller). With `remember`, the bucket's keys are
 * kept on this device: now if a connection test already opened the bucket, otherwise
 * after its first sync (recordLastSync).
 */
export async function saveConnection(place: Place, options: { remember: boolean; keys: RememberedKeys | null }): Promise<SyncConnection> {
  const { passphrase: _none, keys: _keys, ...config } = toConfig(place, {});
  const connection: SyncConnection = {
    ...config,
    region: config.region ?? "us-east-1",
    remember: options.remember,
    ...(options.remember && options.keys ? { keys: options.keys } : {}),
  };
  await setSetting("device:sync", connection);
  return connection;
}

export const forgetConnection = () => deleteSetting("device:sync");

/** The connection as it is to be stored after a sync that opened the bucket with `keys`: remembered keys follow the bucket, and an old plain-text passphrase goes. */
function afterSync(c: SyncConnection, keys: RememberedKeys | null | undefined): SyncConnection {
  const { passphrase: legacy, ...rest } = c;
  // Earlier versions stored the passphrase itself when asked to remember it: that wish is kept, as keys.
  const remember = c.remember ?? legacy !== undefined;
  return { ...rest, remember, ...(remember && keys ? { keys } : {}) };
}

/**
 * The one writer of the last sync's summary (automatic and manual syncs alike), in
 * one transaction with the read of the connection: a sync that finishes after sync
 * was turned off does not bring the connection back. Also keeps the bucket's keys
 * when the user asked to remember them (and drops a passphrase an earlier version
 * stored). Resolves with the connection as stored after, or null when sync is off.
 */
export function recordLastSync(text: string, at = Date.now(), keys?: RememberedKeys | null): Promise<SyncConnection | null> {
  return updateSetting("device:sync", (c) => (c ? { ...afterSync(c, keys), lastSync: { at, text } } : undefined));
}

/** Forgets the remembered keys (the passphrase is asked again), keeping the rest of the connection. */
export function forgetKeys(): Promise<SyncConnection | null> {
  return updateSetting("device:sync", (c) => {
    if (!c) return undefined;
    const { keys: _keys, passphrase: _legacy, ...rest } = c;
    return rest;
  });
}
