import type { SyncConfig, Layout } from "./config";
import { layoutFor } from "./config";
import { newKeyInfo, parseKeyInfo, unlock, type KeyInfo, type SyncKeys } from "./crypto";
import { SyncError } from "./errors";
import type { Remote } from "./remote";

export interface OpenBucket {
  layout: Layout;
  /** null for a bucket set up without encryption. */
  keys: SyncKeys | null;
  /** True when this call wrote keyinfo.json (the bucket had never been synced). */
  created: boolean;
}

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** The keys for the bucket's mode, refusing a mismatch between it and the settings before anything else is touched. */
async function keysFor(info: KeyInfo, config: SyncConfig): Promise<SyncKeys | null> {
  const wantEncrypted = config.encrypt !== false;
  if (info.encryption === "none") {
    if (wantEncrypted)
      throw new SyncError("passphrase", "This bucket holds unencrypted Curator data. Turn encryption off to sync with it, or choose an empty folder for encrypted sync.", { reason: "plain-bucket" });
    return null;
  }
  if (!wantEncrypted || !config.passphrase) throw new SyncError("passphrase", "This bucket is encrypted: enter its sync passphrase.", { reason: "encrypted-bucket" });
  return unlock(info, config.passphrase);
}

/**
 * Reads keyinfo.json (the unencrypted key file) and unlocks the bucket. With
 * `setUp`, a bucket that has never been synced gets one first, and is read back
 * so two devices setting up the same bucket at once end up with the same key.
 */
export async function openBucket(remote: Remote, config: SyncConfig, setUp: boolean): Promise<OpenBucket | null> {
  const keyInfoKey = layoutFor(config, false).keyInfo;
  let got = await remote.get(keyInfoKey);
  let created = false;
  if (!got) {
    if (!setUp) return null;
    const info: KeyInfo =
      config.encrypt === false ? { format: "curator-sync-key", version: 1, encryption: "none" } : (await newKeyInfo(config.passphrase ?? "")).info;
    await remote.put(keyInfoKey, json(info), "application/json");
    got = await remote.get(keyInfoKey);
    if (!got) throw new SyncError("server", "The bucket did not keep keyinfo.json. Check that the keys may write to it.", { reason: "keyinfo-not-kept" });
    created = true;
  }
  const info = parseKeyInfo(got.bytes);
  const keys = await keysFor(info, config);
  return { layout: layoutFor(config, keys !== null), keys, created };
}
