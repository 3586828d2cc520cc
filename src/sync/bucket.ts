import type { CuratorDB } from "@data/db";
import type { SyncConfig, Layout } from "./config";
import { layoutFor } from "./config";
import { keyInfoText, newKeyInfo, parseKeyInfo, rememberedFor, toRemembered, unlock, type KeyInfo, type RememberedKeys, type SyncKeys } from "./crypto";
import { SyncError } from "./errors";
import type { SyncLimits } from "./limits";
import { passphraseProblem } from "./passphrase";
import type { Remote } from "./remote";
import { placeOf, readTrust, type BucketTrust } from "./trust";

export interface OpenBucket {
  layout: Layout;
  /** null for a bucket set up without encryption. */
  keys: SyncKeys | null;
  /** What this device may remember of the keys (encrypted buckets only). */
  remembered: RememberedKeys | null;
  /** True when this call wrote keyinfo.json (the bucket had never been synced). */
  created: boolean;
  /** True when this call put back a key file that had gone missing (from this device's copy). */
  restored: boolean;
  /** Which bucket and folder (trust.ts), the key file as this device now trusts it, and what it knew before. */
  place: string;
  keyInfo: string;
  trust: BucketTrust | null;
}

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** The keys for the bucket's mode, refusing a mismatch between it and the settings before anything else is touched. */
async function keysFor(info: KeyInfo, config: SyncConfig): Promise<SyncKeys | null> {
  const wantEncrypted = config.encrypt !== false;
  if (info.encryption === "none") {
    if (wantEncrypted)
      throw new SyncError(
        "passphrase",
        "This bucket holds unencrypted Curator data. Turn encryption off to sync with it, or choose an empty folder for encrypted sync.",
        { reason: "plain-bucket" },
      );
    return null;
  }
  if (!wantEncrypted) throw new SyncError("passphrase", "This bucket is encrypted: enter its sync passphrase.", { reason: "encrypted-bucket" });
  const remembered = rememberedFor(info, config.keys);
  if (remembered) return remembered;
  if (!config.passphrase)
    throw new SyncError("passphrase", "This bucket is encrypted: enter its sync passphrase.", { reason: config.keys ? "needed" : "encrypted-bucket" });
  return unlock(info, config.passphrase);
}

/** Whether the folder holds anything Curator wrote (records or photos): then a missing key file is not a new bucket. */
async function holdsData(remote: Remote, config: SyncConfig): Promise<boolean> {
  const [encrypted, plain] = [layoutFor(config, true), layoutFor(config, false)];
  return (await remote.etag(encrypted.records)) !== null || (await remote.etag(plain.records)) !== null || (await remote.any(encrypted.blobs));
}

const missing = (known: boolean) =>
  new SyncError(
    "corrupt",
    known
      ? "The bucket's key file (keyinfo.json) is missing; this device kept a copy, and its next sync puts it back."
      : "The bucket's key file (keyinfo.json) is missing, but the folder holds synced data: setting it up again would make that data unreadable. Sync a device that already used this bucket (it puts the file back), or restore keyinfo.json. Nothing was changed.",
    { reason: "keyinfo-missing" },
  );

/**
 * Reads keyinfo.json (the unencrypted key file) and unlocks the bucket.
 *
 * The key file holds the salt every key comes from, so it is never written over: it
 * is created only where the folder holds nothing Curator wrote, and only with
 * If-None-Match: * (two devices setting up at once: one write wins, the other device
 * reads and uses it). Each device keeps its own copy of the file's parameters
 * (trust.ts): a missing file is put back from it (the same salt: everything stays
 * readable), and a different one is refused as tampering, unless this device's copy
 * never had records read or written with it (it lost a setup race on a server that
 * ignores If-None-Match).
 */
export async function openBucket(remote: Remote, config: SyncConfig, setUp: boolean, db: CuratorDB, limits: SyncLimits): Promise<OpenBucket | null> {
  const keyInfoKey = layoutFor(config, false).keyInfo;
  const place = placeOf(config);
  const trust = await readTrust(db, place);
  let got = await remote.get(keyInfoKey, limits.maxKeyInfoBytes);
  let created = false;
  let restored = false;
  if (!got) {
    if (!setUp) {
      if (trust || (await holdsData(remote, config))) throw missing(trust !== null);
      return null;
    }
    let written: { etag: string } | null;
    if (trust) {
      written = await remote.putIf(keyInfoKey, null, new TextEncoder().encode(keyFileOf(trust.keyInfo)), "application/json");
      restored = written !== null;
    } else {
      if (await holdsData(remote, config)) throw missing(false);
      if (config.encrypt !== false) {
        const weak = passphraseProblem(config.passphrase ?? "");
        if (weak) throw new SyncError("passphrase", `The passphrase is too weak to set a bucket up with: ${weak}`, { reason: "weak", detail: weak });
      }
      const info: KeyInfo =
        config.encrypt === false ? { format: "curator-sync-key", version: 1, encryption: "none" } : (await newKeyInfo(config.passphrase ?? "")).info;
      written = await remote.putIf(keyInfoKey, null, json(info), "application/json");
      created = written !== null;
    }
    // Read back what the bucket now holds: ours, or the one another device wrote first.
    got = await remote.get(keyInfoKey, limits.maxKeyInfoBytes);
    if (!got) throw new SyncError("server", "The bucket did not keep keyinfo.json. Check that the keys may write to it.", { reason: "keyinfo-not-kept" });
  }
  const info = parseKeyInfo(got.bytes);
  const text = keyInfoText(info);
  if (trust && trust.keyInfo !== text && trust.confirmed)
    throw new SyncError(
      "corrupt",
      "The bucket's key file (keyinfo.json) is not the one this device synced with: it was replaced. Nothing was changed. If you set the bucket up again yourself, choose to trust the new key file.",
      { reason: "keyinfo-replaced" },
    );
  const keys = await keysFor(info, config);
  const remembered = keys && info.encryption !== "none" ? toRemembered(info, keys) : null;
  return { layout: layoutFor(config, keys !== null), keys, remembered, created, restored, place, keyInfo: text, trust };
}

/** The key file to put back, from the parameters this device kept (keyInfoText's canonical form). */
function keyFileOf(text: string): string {
  const [encryption, iterations, salt, check] = JSON.parse(text) as [string, number?, string?, string?];
  const info: KeyInfo =
    encryption === "none"
      ? { format: "curator-sync-key", version: 1, encryption: "none" }
      : {
          format: "curator-sync-key",
          version: 1,
          encryption: "aes-256-gcm",
          kdf: { name: "PBKDF2", hash: "SHA-256", iterations: iterations!, salt: salt! },
          check: check!,
        };
  // Checked like any key file before it goes back: the memory is a setting, and settings can be damaged.
  parseKeyInfo(new TextEncoder().encode(JSON.stringify(info)));
  return JSON.stringify(info);
}
