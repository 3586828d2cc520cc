import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { seal, newKeyInfo } from "./crypto";
import { SyncError, type SyncErrorCode } from "./errors";
import { CancelledError } from "@domain/errors";
import { syncNow, testConnection } from "./sync";
import {
  addItem,
  bucketState,
  deleteObject,
  dump,
  editItem,
  newBucket,
  readObject,
  recordingClient,
  startRelay,
  syncFixtures,
  writeObject,
} from "./syncTestkit";
import { GetBucketCorsCommand, PutBucketCorsCommand } from "@aws-sdk/client-s3";
import { corsRuleFor, createSyncClient, type SyncConfig } from "./config";

const fx = syncFixtures();
const device = () => fx.device();

async function kindOf(p: Promise<unknown>): Promise<SyncErrorCode> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SyncError);
  return (e as SyncError).code;
}

/** A bucket already synced by device A (2 items), and device B with its own item, not yet synced. */
async function syncedPair(extra: Partial<SyncConfig> = {}) {
  const config = await newBucket(fx.port, extra);
  const a = await device();
  const b = await device();
  await addItem(a, 1, { name: "White tee" });
  await addItem(a, 2, { name: "Jeans" });
  await syncNow(config, { db: a });
  await addItem(b, 3, { name: "Coat" });
  return { config, a, b };
}

describe("syncNow under bad conditions", () => {
  it("a wrong passphrase is refused before anything changes, here or in the bucket", async () => {
    const { config, b } = await syncedPair();
    const before = { local: await dump(b), remote: await bucketState(config) };
    expect(await kindOf(syncNow({ ...config, passphrase: "wrong horse" }, { db: b }))).toBe("passphrase");
    expect(await kindOf(testConnection({ ...config, passphrase: "wrong horse" }, { db: b }))).toBe("passphrase");
    expect(await kindOf(syncNow({ ...config, encrypt: false, passphrase: undefined }, { db: b }))).toBe("passphrase");
    expect(await dump(b)).toBe(before.local);
    expect(await bucketState(config)).toEqual(before.remote);
    expect(await testConnection(config, { db: b })).toMatchObject({ setUp: true, encrypted: true });
  });

  it("wrong keys, a missing bucket and an unreachable endpoint are told apart", async () => {
    const config = await newBucket(fx.port);
    const db = await device();
    expect(await kindOf(syncNow({ ...config, accessKeyId: "NOT-A-KEY" }, { db }))).toBe("auth");
    // (s3rver 3.7.1 checks the access key but not SigV4 signatures, so a wrong secret cannot be tested here.)
    expect(await kindOf(testConnection({ ...config, bucket: "no-such-bucket" }, { db }))).toBe("bucket");
    const relay = await startRelay(fx.port);
    relay.cut(); // a port nobody answers on any more
    expect(await kindOf(testConnection({ ...config, endpoint: `http://127.0.0.1:${relay.port}` }, { db }))).toBe("network");
    expect(await kindOf(syncNow({ ...config, endpoint: "not a url" }, { db }))).toBe("config");
    expect(await testConnection(config, { db })).toEqual({ setUp: false, encrypted: null, keys: null });
    // The CORS rule a browser will need is one the S3 API accepts as is.
    const client = createSyncClient(config);
    await client.send(new PutBucketCorsCommand({ Bucket: config.bucket, CORSConfiguration: { CORSRules: [corsRuleFor("https://curator.example")] } }));
    const cors = await client.send(new GetBucketCorsCommand({ Bucket: config.bucket }));
    expect(cors.CORSRules?.[0]).toMatchObject({ AllowedOrigins: ["https://curator.example"], ExposeHeaders: ["ETag"] });
    expect(await bucketState(config)).toEqual({}); // testConnection writes nothing
  });

  it("a connection dropped mid-upload loses nothing, leaves the bucket consistent, and the next sync completes", async () => {
    const { config, a, b } = await syncedPair();
    await addItem(b, 4, { name: "Scarf" });
    const relay = await startRelay(fx.port);
    let photoPuts = 0;
    const rec = recordingClient({ ...config, endpoint: `http://127.0.0.1:${relay.port}` }, (command, key) => {
      if (command === "PutObjectCommand" && key.includes("/blobs/") && ++photoPuts === 2) relay.cut();
    });
    const beforeRemote = await readObject(config, "curator/records.enc");
    expect(await kindOf(syncNow(config, { db: b, client: rec.client }))).toBe("network");
    expect(photoPuts).toBe(2);
    // The records were not replaced, and every photo they name is still there: A syncs cleanly.
    expect(await readObject(config, "curator/records.enc")).toEqual(beforeRemote);
    expect((await syncNow(config, { db: a })).pushed).toBe(false);
    // B kept its own items (and gained A's, which the bucket already had).
    expect((await b.items.toArray()).map((i) => i.name).sort()).toEqual(["Coat", "Jeans", "Scarf", "White tee"]);

    const retry = await syncNow(config, { db: b });
    expect(retry.pushed).toBe(true);
    await syncNow(config, { db: a });
    expect(await dump(a)).toBe(await dump(b));
  });

  it("an abort mid-download changes nothing here and the bucket not at all; a re-run completes", async () => {
    const { config, b } = await syncedPair();
    const before = { local: await dump(b), remote: await bucketState(config) };
    const controller = new AbortController();
    let gets = 0;
    const rec = recordingClient(config, (command, key) => {
      if (command === "GetObjectCommand" && key.includes("/blobs/") && ++gets === 2) controller.abort();
    });
    await expect(syncNow(config, { db: b, client: rec.client, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(await dump(b)).toBe(before.local);
    expect(await bucketState(config)).toEqual(before.remote);
    expect(rec.puts()).toEqual([]);
    const done = await syncNow(config, { db: b });
    expect(done).toMatchObject({ pushed: true, downloaded: 4 });
    expect(await b.items.count()).toBe(3);
  });

  it("a connection dropped mid-download changes nothing here and the bucket not at all", async () => {
    const { config, b } = await syncedPair();
    const before = { local: await dump(b), remote: await bucketState(config) };
    const relay = await startRelay(fx.port);
    let gets = 0;
    const rec = recordingClient({ ...config, endpoint: `http://127.0.0.1:${relay.port}` }, (command, key) => {
      if (command === "GetObjectCommand" && key.includes("/blobs/") && ++gets === 3) relay.cut();
    });
    expect(await kindOf(syncNow(config, { db: b, client: rec.client }))).toBe("network");
    expect(gets).toBe(3);
    expect(await dump(b)).toBe(before.local);
    expect(await bucketState(config)).toEqual(before.remote);
    expect((await syncNow(config, { db: b })).downloaded).toBe(4);
  });

  it("an abort mid-upload leaves the bucket's records untouched", async () => {
    const config = await newBucket(fx.port);
    const a = await device();
    for (const seed of [1, 2, 3]) await addItem(a, seed);
    const controller = new AbortController();
    const rec = recordingClient(config, (command, key) => {
      if (command === "PutObjectCommand" && key.includes("/blobs/")) controller.abort();
    });
    const before = await dump(a);
    await expect(syncNow(config, { db: a, client: rec.client, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(Object.keys(await bucketState(config)).filter((k) => k.includes("records"))).toEqual([]);
    expect(await dump(a)).toBe(before);
    expect((await syncNow(config, { db: a })).uploaded).toBe(6);
  });

  it("tampered records, unreadable records, invalid records and a damaged photo are refused as corrupt and change nothing here", async () => {
    const { config, b } = await syncedPair();
    const before = await dump(b);
    const good = await readObject(config, "curator/records.enc");
    const keyInfo = JSON.parse(new TextDecoder().decode(await readObject(config, "curator/keyinfo.json")));
    // The test plays an attacker who knows the passphrase, to get past authentication and hit the later checks.
    const { unlock } = await import("./crypto");
    const keys = await unlock(keyInfo, config.passphrase!);
    const recordsText = new TextDecoder().decode(await (await import("./crypto")).open(keys, "records", good));

    const flipped = good.slice();
    flipped[flipped.length - 5] = flipped[flipped.length - 5]! ^ 1;
    const badEdit = JSON.parse(recordsText);
    badEdit.items[0].category = "spaceship";
    const variants: Uint8Array[] = [
      flipped,
      await seal(keys, "records", new TextEncoder().encode("{ not json")),
      await seal(keys, "records", new TextEncoder().encode(JSON.stringify(badEdit))),
      await seal((await newKeyInfo("another passphrase", 310_000)).keys, "records", new TextEncoder().encode(recordsText)),
    ];
    for (const body of variants) {
      await writeObject(config, "curator/records.enc", body);
      expect(await kindOf(syncNow(config, { db: b }))).toBe("corrupt");
      expect(await dump(b)).toBe(before);
    }
    await writeObject(config, "curator/records.enc", good);

    // A photo replaced by another photo's (validly encrypted) object fails: names are bound into the encryption.
    const blobs = Object.keys(await bucketState(config)).filter((k) => k.includes("/blobs/"));
    const saved = await readObject(config, blobs[0]!);
    await writeObject(config, blobs[0]!, await readObject(config, blobs[1]!));
    expect(await kindOf(syncNow(config, { db: b }))).toBe("corrupt");
    await deleteObject(config, blobs[0]!);
    expect(await kindOf(syncNow(config, { db: b }))).toBe("corrupt");
    expect(await dump(b)).toBe(before);

    await writeObject(config, blobs[0]!, saved);
    expect((await syncNow(config, { db: b })).pushed).toBe(true);
    expect(await b.items.count()).toBe(3);
  });

  it("an unencrypted bucket works when encryption is turned off, and keeps photos under their sha256", async () => {
    const config = await newBucket(fx.port, { encrypt: false, passphrase: undefined });
    const a = await device();
    const b = await device();
    const item = await addItem(a, 1, { name: "Plain" });
    await syncNow(config, { db: a });
    const sha = (await a.images.toArray())[0]!.sha256;
    expect(Object.keys(await bucketState(config))).toContain(`curator/blobs/${sha}`);
    expect(new TextDecoder().decode(await readObject(config, "curator/records.json"))).toContain("Plain");
    await syncNow(config, { db: b });
    await editItem(b, item.id, { name: "Plain, edited" }, Date.now() + 60_000);
    await syncNow(config, { db: b });
    await syncNow(config, { db: a });
    expect((await a.items.get(item.id))?.name).toBe("Plain, edited");
    expect(await kindOf(syncNow({ ...config, encrypt: true, passphrase: "x" }, { db: a }))).toBe("passphrase");
  });
});
