import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { layoutFor, type SyncConfig } from "./config";
import { syncNow, testConnection } from "./sync";
import { addItem, bucketState, deleteObject, newBucket, readObject, recordingClient, syncFailure, syncFixtures, writeObject } from "./syncTestkit";

/**
 * Opening a bucket (bucket.ts): what counts as "already holds Curator data" when the
 * key file is missing, the key file put back or lost in a setup race, and the settings
 * that do not match the bucket's mode. keyinfo.test.ts covers creation and tampering.
 */

const fx = syncFixtures();
const KEYINFO = "curator/keyinfo.json";

/** A bucket device A has synced one photo to, whose key file then went missing. */
async function syncedThenKeyFileLost(extra: Partial<SyncConfig> = {}) {
  const config = await newBucket(fx.port, extra);
  const a = await fx.device();
  await addItem(a, 1, { name: "Coat" });
  await syncNow(config, { db: a });
  const keyFile = await readObject(config, KEYINFO);
  await deleteObject(config, KEYINFO);
  return { config, a, keyFile };
}

describe("a missing key file", () => {
  it("a check of the settings: an empty bucket is 'not set up'; a folder with data refuses, and says whether this device kept a copy", async () => {
    const empty = await newBucket(fx.port);
    expect(await testConnection(empty, { db: await fx.device() })).toEqual({ setUp: false, encrypted: null, keys: null });
    expect(await bucketState(empty)).toEqual({});

    const { config, a } = await syncedThenKeyFileLost();
    const stranger = await syncFailure(testConnection(config, { db: await fx.device() }));
    expect(stranger).toMatchObject({ code: "corrupt", reason: "keyinfo-missing" });
    expect(stranger.message).toMatch(/folder holds synced data/);
    const known = await syncFailure(testConnection(config, { db: a }));
    expect(known).toMatchObject({ code: "corrupt", reason: "keyinfo-missing" });
    expect(known.message).toMatch(/this device kept a copy/);
    expect(await bucketState(config)).not.toHaveProperty([KEYINFO]); // a check writes nothing
  });

  it("counts as data: the plain records, the encrypted records, or photos alone", async () => {
    for (const [encrypt, keep] of [
      [false, "records"],
      [true, "records"],
      [true, "blobs"],
    ] as const) {
      const { config } = await syncedThenKeyFileLost({ encrypt });
      const layout = layoutFor(config, encrypt);
      // Leave only the one kind of object.
      for (const key of Object.keys(await bucketState(config)))
        if (!key.startsWith(keep === "blobs" ? layout.blobs : layout.records)) await deleteObject(config, key);
      const before = await bucketState(config);
      expect(Object.keys(before).length, `encrypt ${encrypt}, only ${keep}`).toBeGreaterThan(0);
      const b = await fx.device();
      await addItem(b, 2, { name: "Scarf" });
      const e = await syncFailure(syncNow(config, { db: b }));
      expect(e, `encrypt ${encrypt}, only ${keep}`).toMatchObject({ code: "corrupt", reason: "keyinfo-missing" });
      expect(await bucketState(config)).toEqual(before);
    }
  });

  it("a plain bucket's key file is put back, byte for byte, by the device that knew it", async () => {
    const { config, a, keyFile } = await syncedThenKeyFileLost({ encrypt: false });
    expect(await syncNow(config, { db: a })).toMatchObject({ restored: true, created: false, encrypted: false });
    expect(JSON.parse(new TextDecoder().decode(await readObject(config, KEYINFO)))).toEqual(JSON.parse(new TextDecoder().decode(keyFile)));
    expect(await syncNow(config, { db: a })).toMatchObject({ restored: false, created: false });
  });
});

describe("setting a bucket up", () => {
  it("a bucket that does not keep the key file written to it is reported, not used", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1);
    let wrote = false;
    const rec = recordingClient(config, async (command, key) => {
      if (key !== KEYINFO) return;
      if (command === "PutObjectCommand") wrote = true;
      else if (command === "GetObjectCommand" && wrote) await deleteObject(config, KEYINFO); // e.g. a write-only policy or a rule that drops it
    });
    const e = await syncFailure(syncNow(config, { db: a, client: rec.client }));
    expect(e).toMatchObject({ code: "server", reason: "keyinfo-not-kept" });
    expect(Object.keys(await bucketState(config))).toEqual([]);
  });
});

describe("settings that do not match the bucket", () => {
  it("encryption on meets a plain bucket; encryption off meets an encrypted one: refused, nothing written", async () => {
    const plain = await newBucket(fx.port, { encrypt: false });
    const a = await fx.device();
    await addItem(a, 1);
    await syncNow(plain, { db: a });
    const before = await bucketState(plain);
    const e1 = await syncFailure(syncNow({ ...plain, encrypt: true }, { db: await fx.device() }));
    expect(e1).toMatchObject({ code: "passphrase", reason: "plain-bucket" });
    expect(e1.message).toMatch(/unencrypted Curator data/);
    expect(await bucketState(plain)).toEqual(before);

    const encrypted = await newBucket(fx.port);
    await syncNow(encrypted, { db: a });
    const e2 = await syncFailure(syncNow({ ...encrypted, encrypt: false, passphrase: "" }, { db: await fx.device() }));
    expect(e2).toMatchObject({ code: "passphrase", reason: "encrypted-bucket" });
  });

  it("remembered keys open only their own bucket: another asks for its passphrase; a plain bucket has no keys to remember", async () => {
    const first = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1);
    const { keys } = await syncNow(first, { db: a });
    expect(keys).not.toBeNull();
    const byKeys = { ...first, passphrase: "", keys: keys! };
    expect(await testConnection(byKeys, { db: await fx.device() })).toMatchObject({ setUp: true, encrypted: true });

    const second = await newBucket(fx.port, { passphrase: "another long passphrase for the second bucket" });
    await syncNow(second, { db: await fx.device() });
    const e = await syncFailure(testConnection({ ...second, passphrase: "", keys: keys! }, { db: await fx.device() }));
    expect(e).toMatchObject({ code: "passphrase", reason: "needed" });

    const plain = await newBucket(fx.port, { encrypt: false });
    await syncNow(plain, { db: a });
    expect(await testConnection(plain, { db: a })).toEqual({ setUp: true, encrypted: false, keys: null });
  });
});

// A key file written over with the same content is not "restored" (writeObject: e.g. a copy made by hand).
it("a key file present again (copied back by hand) is used as is: nothing restored, nothing created", async () => {
  const { config, a, keyFile } = await syncedThenKeyFileLost();
  await writeObject(config, KEYINFO, keyFile);
  expect(await syncNow(config, { db: a })).toMatchObject({ restored: false, created: false, encrypted: true });
});
