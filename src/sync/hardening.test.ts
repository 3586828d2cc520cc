import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { db } from "@data/db";
import { PROFILE_ID } from "@data/schema/tables/profile";
import { testJpeg } from "@data/testing";
import type { Profile } from "@domain/wardrobe/types";
import { recordLastSync, saveConnection, toConfig } from "./connection";
import { open, seal, unlock, type KeyInfo } from "./crypto";
import { syncNow, testConnection } from "./sync";
import { addItem, blobKeys, bucketState, dump, liveNames, newBucket, readObject, syncFailure, syncFixtures, writeObject } from "./syncTestkit";

const fx = syncFixtures();
const RECORDS = "curator/records.enc";

/** The bucket's records as plain JSON, read with the passphrase (the tests play a device, or an attacker who has it). */
async function recordsOf(config: { passphrase?: string } & Parameters<typeof readObject>[0]) {
  const info = JSON.parse(new TextDecoder().decode(await readObject(config, "curator/keyinfo.json"))) as Extract<KeyInfo, { encryption: "aes-256-gcm" }>;
  const keys = await unlock(info, config.passphrase!);
  const doc = JSON.parse(new TextDecoder().decode(await open(keys, "records", await readObject(config, RECORDS)))) as Record<string, unknown>;
  return { keys, doc };
}

describe("an old records document replayed to a device", () => {
  it("is refused (its generation is below what this device has seen) and changes nothing; the user can then re-send this device's data", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1, { name: "Coat" });
    await syncNow(config, { db: a });
    const old = await readObject(config, RECORDS);
    await addItem(a, 2, { name: "Scarf" });
    await syncNow(config, { db: a });
    const b = await fx.device();
    await syncNow(config, { db: b });

    await writeObject(config, RECORDS, old); // an attacker (or a stale mirror) puts the older document back
    for (const d of [a, b]) {
      const before = { bucket: await bucketState(config), here: await dump(d) };
      const e = await syncFailure(syncNow(config, { db: d }));
      expect(e).toMatchObject({ code: "corrupt", reason: "rolled-back" });
      expect(await bucketState(config)).toEqual(before.bucket);
      expect(await dump(d)).toBe(before.here);
    }
    // Told what happened, the user re-sends this device's data: the bucket is whole again.
    expect(await syncNow(config, { db: a, acceptRollback: true })).toMatchObject({ pushed: true });
    await syncNow(config, { db: b });
    expect(await liveNames(b)).toEqual(["Coat", "Scarf"]);
  });
});

describe("limits on what the bucket can make a device do", () => {
  it("refuses a key file asking for 100,000,000 PBKDF2 rounds at once, before deriving anything", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1);
    await syncNow(config, { db: a });
    const info = JSON.parse(new TextDecoder().decode(await readObject(config, "curator/keyinfo.json"))) as { kdf: { iterations: number } };
    info.kdf.iterations = 100_000_000;
    await writeObject(config, "curator/keyinfo.json", new TextEncoder().encode(JSON.stringify(info)));
    const b = await fx.device();
    const t0 = performance.now();
    const e = await syncFailure(syncNow(config, { db: b }));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(e).toMatchObject({ code: "corrupt", reason: "keyinfo" });
  }, 10_000);

  it("downloads and listings are bounded: an oversized records document or photo, or too many objects, is refused without changing anything", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1);
    await addItem(a, 2);
    await syncNow(config, { db: a });
    const b = await fx.device();
    const before = await dump(b);
    const records = (await readObject(config, RECORDS)).length;
    const cases = [
      { limits: { maxRecordsBytes: records - 1 }, reason: "too-large" },
      { limits: { maxPhotoBytes: 100 }, reason: "too-large" },
      { limits: { maxListedObjects: 3 }, reason: "too-many-objects" },
    ];
    for (const { limits, reason } of cases) {
      const e = await syncFailure(syncNow(config, { db: b, limits }));
      expect(e, JSON.stringify(limits)).toMatchObject({ code: "corrupt", reason });
      expect(await dump(b)).toBe(before);
    }
    expect((await syncNow(config, { db: b })).downloaded).toBe(4);
  });

  it("a record dated in the far future (2^53) is refused: it would block every later edit", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1);
    await syncNow(config, { db: a });
    const { keys, doc } = await recordsOf(config);
    (doc.items as { updatedAt: number }[])[0]!.updatedAt = 2 ** 53;
    await writeObject(config, RECORDS, await seal(keys, "records", new TextEncoder().encode(JSON.stringify(doc))));
    const b = await fx.device();
    const e = await syncFailure(syncNow(config, { db: b }));
    expect(e).toMatchObject({ code: "corrupt", reason: "record" });
    expect(e.record).toMatchObject({ kind: "items", index: 1 });
    expect(await b.items.count()).toBe(0);
  });
});

describe("the selfie kept 'on this device'", () => {
  const selfie = (seed: number): Profile["selfie"] => ({
    blob: new Blob([testJpeg(seed)], { type: "image/jpeg" }),
    width: 64,
    height: 48,
    mimeType: "image/jpeg",
    savedAt: 1000 + seed,
  });
  const profile = (updatedAt: number, kept: Profile["selfie"]): Profile => ({
    id: PROFILE_ID,
    createdAt: 1000,
    updatedAt,
    gender: null,
    faceShape: { primary: "oval", secondary: null, scores: { oval: 1 }, clarity: 0.5 },
    suitedNecklines: [],
    avoidNecklines: [],
    selfie: kept,
  });

  it("never goes to the bucket, and another device's newer profile leaves this device's own selfie in place", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    const b = await fx.device();
    await addItem(a, 1);
    const newer = Date.now() - 5000;
    await a.profile.put(profile(newer, selfie(7)));
    await b.profile.put(profile(newer - 4000, selfie(8)));
    await syncNow(config, { db: a });
    expect(await blobKeys(config)).toHaveLength(2); // the item's photo and thumbnail only
    expect(JSON.stringify((await recordsOf(config)).doc.profile)).not.toContain("selfie");

    await syncNow(config, { db: b });
    const onB = (await b.profile.get(PROFILE_ID))!;
    expect(onB.updatedAt).toBe(newer); // A's newer profile won…
    expect(onB.faceShape).toEqual(profile(0, null).faceShape);
    expect(new Uint8Array(await onB.selfie!.blob.arrayBuffer())).toEqual(testJpeg(8)); // …and B kept its own selfie
    const c = await fx.device();
    await syncNow(config, { db: c });
    expect((await c.profile.get(PROFILE_ID))?.selfie ?? null).toBeNull();
  });
});

describe("remembering the passphrase", () => {
  const place = (config: Awaited<ReturnType<typeof newBucket>>) => ({
    endpoint: config.endpoint,
    region: "us-east-1",
    bucket: config.bucket,
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
  });

  /** Every string anywhere in a value (CryptoKeys have none readable). */
  const strings = (v: unknown): string[] =>
    typeof v === "string" ? [v] : v && typeof v === "object" && !(v instanceof CryptoKey) ? Object.values(v).flatMap(strings) : [];

  it("stores non-extractable keys on the device, never the passphrase, and later syncs need nothing else", async () => {
    const config = await newBucket(fx.port);
    await db.open();
    try {
      await addItem(db, 1, { name: "Coat" });
      await saveConnection(place(config), { remember: true, keys: null });
      const first = await syncNow(toConfig(place(config), { passphrase: config.passphrase! }));
      await recordLastSync("synced", Date.now(), first.keys);
      const stored = (await db.settings.get("device:sync"))!.value as { keys?: { content: CryptoKey; names: CryptoKey } };
      expect(strings(stored).some((s) => s.includes(config.passphrase!))).toBe(false);
      expect(stored.keys?.content).toBeInstanceOf(CryptoKey);
      expect(stored.keys!.content.extractable).toBe(false);
      expect(stored.keys!.names.extractable).toBe(false);
      // After a reload: only the stored connection, no passphrase typed.
      await addItem(db, 2, { name: "Scarf" });
      expect(await syncNow(toConfig(stored as never, { keys: stored.keys as never }))).toMatchObject({ pushed: true });
      const other = await fx.device();
      await syncNow({ ...config }, { db: other });
      expect(await liveNames(other)).toEqual(["Coat", "Scarf"]);
    } finally {
      await db.delete();
    }
  });

  it("a passphrase remembered in plain text by an earlier version is replaced by keys after the next sync", async () => {
    const config = await newBucket(fx.port);
    await db.open();
    try {
      await addItem(db, 1);
      await db.settings.put({ key: "device:sync", value: { ...place(config), passphrase: config.passphrase }, updatedAt: 1 });
      const summary = await syncNow(toConfig(place(config), { passphrase: config.passphrase! }));
      await recordLastSync("synced", Date.now(), summary.keys);
      const stored = (await db.settings.get("device:sync"))!.value as Record<string, unknown>;
      expect(strings(stored).some((s) => s.includes(config.passphrase!))).toBe(false);
      expect((stored.keys as { content: CryptoKey }).content).toBeInstanceOf(CryptoKey);
    } finally {
      await db.delete();
    }
  });
});

describe("a new bucket's passphrase", () => {
  it("must be strong enough: a weak one is refused before anything is written", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1);
    for (const weak of ["hunter2", "password1234", "aaaaaaaaaaaaaaaa", "123456789012"]) {
      const e = await syncFailure(syncNow({ ...config, passphrase: weak }, { db: a }));
      expect(e, weak).toMatchObject({ code: "passphrase", reason: "weak" });
    }
    expect(await bucketState(config)).toEqual({});
    expect(await testConnection({ ...config, passphrase: "hunter2" }, { db: a })).toMatchObject({ setUp: false });
    expect(await syncNow(config, { db: a })).toMatchObject({ created: true });
  });
});
