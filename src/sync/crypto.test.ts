import { describe, expect, it } from "vitest";
import {
  blobName,
  DEFAULT_ITERATIONS,
  KEYINFO_FORMAT,
  keyInfoText,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  newKeyInfo,
  open,
  parseKeyInfo,
  rememberedFor,
  seal,
  toBase64,
  toRemembered,
  unlock,
  type KeyInfo,
} from "./crypto";
import { SyncError } from "./errors";
import { thrownBy } from "./syncTestkit";

// The bucket's encryption (crypto.ts), directly: what keyinfo.json may hold, the keys a
// passphrase opens, and sealed objects. Low iteration counts keep PBKDF2 quick here; the
// key file's own bounds are tested on parseKeyInfo.

const PASS = "correct horse battery staple";
const bytes = (s: string) => new TextEncoder().encode(s);
type Encrypted = Extract<KeyInfo, { encryption: "aes-256-gcm" }>;

const refusal = (run: () => unknown) => thrownBy(run) as SyncError;

const SALT = "AAAAAAAAAAAAAAAAAAAAAA==";
const good = {
  format: KEYINFO_FORMAT,
  version: 1,
  encryption: "aes-256-gcm",
  kdf: { name: "PBKDF2", hash: "SHA-256", iterations: DEFAULT_ITERATIONS, salt: SALT },
  check: "BBBBBBBBBBBBBBBBBBBBBB==",
};
const file = (v: unknown) => bytes(JSON.stringify(v));

describe("parseKeyInfo: keyinfo.json is unencrypted, so anything in it is checked", () => {
  it("reads a good file to exactly its fields (nothing else kept), and a plain bucket's", () => {
    expect(parseKeyInfo(file({ ...good, extra: "x", kdf: { ...good.kdf, extra: 1 } }))).toEqual(good);
    expect(parseKeyInfo(file({ format: KEYINFO_FORMAT, version: 1, encryption: "none", kdf: "ignored" }))).toEqual({
      format: KEYINFO_FORMAT,
      version: 1,
      encryption: "none",
    });
  });

  it("refuses each kind of damage with its reason", () => {
    const cases: [Uint8Array, string][] = [
      [bytes("{ not json"), "not JSON"],
      [file(null), "not a Curator key file"],
      [file("curator-sync-key"), "not a Curator key file"],
      [file({ ...good, format: "other" }), "not a Curator key file"],
      [file({ ...good, encryption: "rot13" }), "unknown encryption"],
      [file({ ...good, kdf: null }), "unknown encryption"],
      [file({ ...good, kdf: "PBKDF2" }), "unknown encryption"],
      [file({ ...good, kdf: { ...good.kdf, name: "scrypt" } }), "unknown key derivation"],
      [file({ ...good, kdf: { ...good.kdf, hash: "SHA-1" } }), "unknown key derivation"],
      [file({ ...good, kdf: { ...good.kdf, iterations: MIN_ITERATIONS - 1 } }), "bad iteration count"],
      [file({ ...good, kdf: { ...good.kdf, iterations: MAX_ITERATIONS + 1 } }), "bad iteration count"],
      [file({ ...good, kdf: { ...good.kdf, iterations: 600_000.5 } }), "bad iteration count"],
      [file({ ...good, kdf: { ...good.kdf, iterations: "600000" } }), "bad iteration count"],
      [file({ ...good, kdf: { ...good.kdf, salt: "AAAA" } }), "bad salt"],
      [file({ ...good, kdf: { ...good.kdf, salt: `x${SALT}` } }), "bad salt"],
      [file({ ...good, kdf: { ...good.kdf, salt: `${SALT}x` } }), "bad salt"],
      [file({ ...good, kdf: { ...good.kdf, salt: 16 } }), "bad salt"],
      [file({ ...good, check: undefined }), "no key check"],
      [file({ ...good, check: "short==" }), "no key check"],
      [file({ ...good, check: `${good.check} ` }), "no key check"],
    ];
    for (const [input, why] of cases) {
      const e = refusal(() => parseKeyInfo(input));
      expect(e, why).toBeInstanceOf(SyncError);
      expect({ code: e.code, reason: e.reason, detail: e.detail, message: e.message }, why).toEqual({
        code: "corrupt",
        reason: "keyinfo",
        detail: why,
        message: `The bucket's keyinfo.json is damaged (${why}). Nothing was changed.`,
      });
    }
  });

  it("accepts the iteration bounds themselves, and says 'update the app' for a newer version", () => {
    for (const iterations of [MIN_ITERATIONS, MAX_ITERATIONS])
      expect(parseKeyInfo(file({ ...good, kdf: { ...good.kdf, iterations } }))).toMatchObject({ kdf: { iterations } });
    expect([MIN_ITERATIONS, DEFAULT_ITERATIONS, MAX_ITERATIONS]).toEqual([310_000, 600_000, 2_000_000]);
    const e = refusal(() => parseKeyInfo(file({ ...good, version: 2 })));
    expect(e).toMatchObject({
      code: "corrupt",
      reason: "newer-setup",
      message: "This bucket was set up by a newer version of Curator. Update the app and try again.",
    });
  });

  it("keyInfoText: the parameters a device keeps, in one canonical text", () => {
    expect(keyInfoText(good as Encrypted)).toBe(JSON.stringify(["aes-256-gcm", DEFAULT_ITERATIONS, SALT, good.check]));
    expect(keyInfoText({ format: KEYINFO_FORMAT, version: 1, encryption: "none" })).toBe('["none"]');
  });
});

describe("keys from a passphrase", () => {
  it("a new key file has a fresh 16-byte salt and the keys' check; the same passphrase unlocks it, another is refused", async () => {
    const a = await newKeyInfo(PASS, 1_000);
    const b = await newKeyInfo(PASS, 1_000);
    const info = a.info as Encrypted;
    expect(info).toMatchObject({ format: KEYINFO_FORMAT, version: 1, encryption: "aes-256-gcm", kdf: { name: "PBKDF2", hash: "SHA-256", iterations: 1_000 } });
    expect(info.kdf.salt).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(info.kdf.salt).not.toBe((b.info as Encrypted).kdf.salt);
    expect(info.check).toBe(a.keys.check);
    expect(info.check).not.toBe(b.keys.check);
    expect((await unlock(info, PASS)).check).toBe(info.check);
    const e = await unlock(info, `${PASS}!`).catch((x: unknown) => x as SyncError);
    expect(e).toMatchObject({
      code: "passphrase",
      reason: "wrong",
      message: "Wrong passphrase: it is not the one this bucket was set up with. Nothing was changed.",
    });
  });

  it("a passphrase typed as composed or decomposed characters is the same passphrase (NFC)", async () => {
    const { info } = await newKeyInfo("caf\u00e9 au lait, s'il vous pla\u00eet", 1_000);
    await expect(unlock(info as Encrypted, "cafe\u0301 au lait, s'il vous plai\u0302t")).resolves.toMatchObject({ check: (info as Encrypted).check });
  });

  it("remembered keys open the bucket only for its very salt, iteration count and check", async () => {
    const { info, keys } = await newKeyInfo(PASS, 1_000);
    const e = info as Encrypted;
    const remembered = toRemembered(e, keys);
    expect(remembered).toEqual({ salt: e.kdf.salt, iterations: 1_000, check: e.check, content: keys.content, names: keys.names });
    expect(rememberedFor(e, remembered)).toEqual({ content: keys.content, names: keys.names, check: keys.check });
    expect(rememberedFor(e, undefined)).toBeNull();
    expect(rememberedFor(e, { ...remembered, salt: SALT })).toBeNull();
    expect(rememberedFor(e, { ...remembered, iterations: 1_001 })).toBeNull();
    expect(rememberedFor(e, { ...remembered, check: good.check })).toBeNull();
  });
});

describe("sealed objects", () => {
  it("round-trip under their name, with a fresh IV each time, and the layout [1][12-byte IV][ciphertext + 16-byte tag]", async () => {
    const { keys } = await newKeyInfo(PASS, 1_000);
    const plain = bytes("the records");
    const one = await seal(keys, "records", plain);
    const two = await seal(keys, "records", plain);
    expect(one.length).toBe(1 + 12 + plain.length + 16);
    expect(one[0]).toBe(1);
    expect(toBase64(one.subarray(1, 13))).not.toBe(toBase64(two.subarray(1, 13)));
    expect(new TextDecoder().decode(await open(keys, "records", one))).toBe("the records");
    expect(new TextDecoder().decode(await open(keys, "records", two))).toBe("the records");
    expect(await open(keys, "empty", await seal(keys, "empty", new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });

  it("refuses an object moved to another name, a flipped byte, a wrong key, a wrong version byte, and one too short to be sealed", async () => {
    const { keys } = await newKeyInfo(PASS, 1_000);
    const other = (await newKeyInfo(PASS, 1_000)).keys;
    const sealed = await seal(keys, "photo-a", bytes("pixels"));
    const tampered = (name: string) => ({ code: "corrupt", reason: "tampered", detail: name });
    await expect(open(keys, "photo-b", sealed)).rejects.toMatchObject(tampered("photo-b"));
    await expect(open(other, "photo-a", sealed)).rejects.toMatchObject(tampered("photo-a"));
    const flipped = sealed.slice();
    flipped[20]! ^= 1;
    await expect(open(keys, "photo-a", flipped)).rejects.toMatchObject({
      ...tampered("photo-a"),
      message: "The bucket's photo-a is damaged or was tampered with (it failed its authenticity check). Nothing was changed.",
    });
    const notOurs = {
      code: "corrupt",
      reason: "object",
      detail: "photo-a",
      message: "The bucket's photo-a is damaged (not an encrypted Curator object). Nothing was changed.",
    };
    const version = sealed.slice();
    version[0] = 2;
    await expect(open(keys, "photo-a", version)).rejects.toMatchObject(notOurs);
    await expect(open(keys, "photo-a", new Uint8Array(28).fill(1))).rejects.toMatchObject(notOurs);
    // 29 bytes is long enough to be tried (and then fails its check).
    await expect(open(keys, "photo-a", new Uint8Array(29).fill(1))).rejects.toMatchObject(tampered("photo-a"));
  });

  it("photo object names are keyed: the same photo has another name under other keys, and a plain bucket uses the sha256", async () => {
    const sha = "ab".repeat(32);
    const { keys } = await newKeyInfo(PASS, 1_000);
    const other = (await newKeyInfo(PASS, 1_000)).keys;
    expect(await blobName(null, sha)).toBe(sha);
    const name = await blobName(keys, sha);
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    expect(await blobName(keys, sha)).toBe(name);
    expect(await blobName(other, sha)).not.toBe(name);
  });
});
