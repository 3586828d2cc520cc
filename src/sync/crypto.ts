import type { RememberedKeys } from "@data/settings";
import { SyncError } from "./errors";

/**
 * End-to-end encryption for the bucket, WebCrypto only (the same code runs in
 * browsers and Node 20+). One passphrase → PBKDF2-SHA256 → a master secret; HKDF
 * splits it into an AES-GCM-256 key for contents, an HMAC key for photo object
 * names (so the bucket never sees a photo's plain sha256, which would let anyone
 * holding a copy of a photo confirm it is in the bucket) and a key-check value.
 * The salt, iteration count and check value live unencrypted in keyinfo.json: the
 * check value lets a wrong passphrase be refused before anything is read or written.
 */

export const KEYINFO_FORMAT = "curator-sync-key";
/** OWASP's 2023 figure for PBKDF2-SHA256; ~0.2 s in Node on this machine, a little more on a phone. */
export const DEFAULT_ITERATIONS = 600_000;
/** Never accept fewer from a keyinfo.json: a tampered file must not downgrade the key derivation. */
export const MIN_ITERATIONS = 310_000;
/**
 * Nor more: the count comes from the bucket, and 100,000,000 rounds would hold a
 * phone for minutes on every first sync of a session (a denial of service by
 * whoever can write one file). 2,000,000 is over 3× the default.
 */
export const MAX_ITERATIONS = 2_000_000;

export type KeyInfo =
  | { format: typeof KEYINFO_FORMAT; version: 1; encryption: "none" }
  | {
      format: typeof KEYINFO_FORMAT;
      version: 1;
      encryption: "aes-256-gcm";
      kdf: { name: "PBKDF2"; hash: "SHA-256"; iterations: number; salt: string };
      check: string;
    };

export interface SyncKeys {
  content: CryptoKey;
  names: CryptoKey;
  check: string;
}

export type { RememberedKeys };

const subtle = () => globalThis.crypto.subtle;
const enc = new TextEncoder();

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

async function deriveKeys(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<SyncKeys> {
  const pass = await subtle().importKey("raw", enc.encode(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveBits"]);
  const master = await subtle().deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, pass, 256);
  const hkdf = await subtle().importKey("raw", master, "HKDF", false, ["deriveKey", "deriveBits"]);
  const info = (what: string) => ({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: enc.encode(`curator-sync v1 ${what}`) });
  const content = await subtle().deriveKey(info("content"), hkdf, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const names = await subtle().deriveKey(info("names"), hkdf, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
  const check = toBase64(new Uint8Array(await subtle().deriveBits(info("check"), hkdf, 128)));
  return { content, names, check };
}

/** Derived keys by salt, iterations and passphrase digest: a second sync in the same session skips PBKDF2. */
const cache = new Map<string, Promise<SyncKeys>>();

async function cachedKeys(passphrase: string, salt: string, iterations: number): Promise<SyncKeys> {
  const id = `${salt}:${iterations}:${hex(await subtle().digest("SHA-256", enc.encode(passphrase)))}`;
  let keys = cache.get(id);
  if (!keys) {
    keys = deriveKeys(passphrase, fromBase64(salt), iterations);
    cache.set(id, keys);
    keys.catch(() => cache.delete(id));
  }
  return keys;
}

/** A new keyinfo.json for a bucket that has none, with its keys. */
export async function newKeyInfo(passphrase: string, iterations = DEFAULT_ITERATIONS): Promise<{ info: KeyInfo; keys: SyncKeys }> {
  const salt = toBase64(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  const keys = await cachedKeys(passphrase, salt, iterations);
  return {
    info: { format: KEYINFO_FORMAT, version: 1, encryption: "aes-256-gcm", kdf: { name: "PBKDF2", hash: "SHA-256", iterations, salt }, check: keys.check },
    keys,
  };
}

const corrupt = (why: string) =>
  new SyncError("corrupt", `The bucket's keyinfo.json is damaged (${why}). Nothing was changed.`, { reason: "keyinfo", detail: why });

/** Checks keyinfo.json's shape (it is unencrypted, so anyone could have edited it). */
export function parseKeyInfo(bytes: Uint8Array): KeyInfo {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw corrupt("not JSON");
  }
  const r = raw as Record<string, unknown> | null;
  if (typeof r !== "object" || r === null || r.format !== KEYINFO_FORMAT) throw corrupt("not a Curator key file");
  if (r.version !== 1)
    throw new SyncError("corrupt", "This bucket was set up by a newer version of Curator. Update the app and try again.", { reason: "newer-setup" });
  if (r.encryption === "none") return { format: KEYINFO_FORMAT, version: 1, encryption: "none" };
  const kdf = r.kdf as Record<string, unknown> | null;
  if (r.encryption !== "aes-256-gcm" || typeof kdf !== "object" || kdf === null) throw corrupt("unknown encryption");
  const { iterations, salt } = kdf;
  if (kdf.name !== "PBKDF2" || kdf.hash !== "SHA-256") throw corrupt("unknown key derivation");
  if (typeof iterations !== "number" || !Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS)
    throw corrupt("bad iteration count");
  if (typeof salt !== "string" || !/^[A-Za-z0-9+/]{22}==$/.test(salt)) throw corrupt("bad salt");
  if (typeof r.check !== "string" || !/^[A-Za-z0-9+/]{22}==$/.test(r.check)) throw corrupt("no key check");
  return { format: KEYINFO_FORMAT, version: 1, encryption: "aes-256-gcm", kdf: { name: "PBKDF2", hash: "SHA-256", iterations, salt }, check: r.check };
}

/** keyinfo.json's parameters as one canonical text: what a device keeps to notice the file being replaced. */
export function keyInfoText(info: KeyInfo): string {
  return JSON.stringify(info.encryption === "none" ? [info.encryption] : [info.encryption, info.kdf.iterations, info.kdf.salt, info.check]);
}

/** The keys for an encrypted bucket, or a "passphrase" SyncError when the passphrase is not the one it was set up with. */
export async function unlock(info: Extract<KeyInfo, { encryption: "aes-256-gcm" }>, passphrase: string): Promise<SyncKeys> {
  const keys = await cachedKeys(passphrase, info.kdf.salt, info.kdf.iterations);
  if (keys.check !== info.check)
    throw new SyncError("passphrase", "Wrong passphrase: it is not the one this bucket was set up with. Nothing was changed.", { reason: "wrong" });
  return keys;
}

/** Remembered keys open the bucket only if they were derived from its key file's very salt, count and check. */
export function rememberedFor(info: Extract<KeyInfo, { encryption: "aes-256-gcm" }>, keys: RememberedKeys | undefined): SyncKeys | null {
  if (!keys || keys.salt !== info.kdf.salt || keys.iterations !== info.kdf.iterations || keys.check !== info.check) return null;
  return { content: keys.content, names: keys.names, check: keys.check };
}

/** What a device may remember of an encrypted bucket's keys (non-extractable CryptoKeys; never the passphrase). */
export const toRemembered = (info: Extract<KeyInfo, { encryption: "aes-256-gcm" }>, keys: SyncKeys): RememberedKeys => ({
  salt: info.kdf.salt,
  iterations: info.kdf.iterations,
  check: info.check,
  content: keys.content,
  names: keys.names,
});

const VERSION_BYTE = 1;

/**
 * AES-GCM with a fresh random 96-bit IV per object. The object's logical name is
 * the additional data, so a ciphertext moved to another name (one photo swapped
 * for another, a photo put in place of the records) fails authentication.
 * Layout: [version byte][12-byte IV][ciphertext + 16-byte tag].
 */
export async function seal(keys: SyncKeys, name: string, plain: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await subtle().encrypt({ name: "AES-GCM", iv, additionalData: enc.encode(name) }, keys.content, plain));
  const out = new Uint8Array(1 + iv.length + sealed.length);
  out[0] = VERSION_BYTE;
  out.set(iv, 1);
  out.set(sealed, 1 + iv.length);
  return out;
}

/** Decrypts and authenticates; any tampering (or a wrong key) is a "corrupt" SyncError. */
export async function open(keys: SyncKeys, name: string, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  if (data.length < 1 + 12 + 16 || data[0] !== VERSION_BYTE)
    throw new SyncError("corrupt", `The bucket's ${name} is damaged (not an encrypted Curator object). Nothing was changed.`, {
      reason: "object",
      detail: name,
    });
  try {
    return new Uint8Array(
      await subtle().decrypt({ name: "AES-GCM", iv: data.subarray(1, 13), additionalData: enc.encode(name) }, keys.content, data.subarray(13)),
    );
  } catch (e) {
    throw new SyncError("corrupt", `The bucket's ${name} is damaged or was tampered with (it failed its authenticity check). Nothing was changed.`, {
      cause: e,
      reason: "tampered",
      detail: name,
    });
  }
}

/** The object name for a photo's bytes: keyed, so the bucket does not learn the photo's sha256. */
export async function blobName(keys: SyncKeys | null, sha256: string): Promise<string> {
  if (!keys) return sha256;
  return hex(await subtle().sign("HMAC", keys.names, enc.encode(sha256)));
}
