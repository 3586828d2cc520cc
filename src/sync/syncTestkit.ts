import "fake-indexeddb/auto";
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, afterEach, beforeAll } from "vitest";
import { CuratorDB } from "@data/db";
import { TABLES } from "@data/schema";
import { sha256Hex } from "@data/hash";
import { newId } from "@data/ids";
import { fakePhoto } from "@data/testing";
import { newItem } from "@domain/wardrobe/item";
import type { Item, StoredImage } from "@domain/wardrobe/types";
import { createSyncClient, type SyncConfig } from "./config";
import { syncNow } from "./sync";
export { startRelay, type Relay } from "./testRelay";
import { ORPHANS_SETTING } from "./gc";

/**
 * Shared fixtures for the sync tests: a real s3rver on a free localhost port (its
 * files in a temp directory), a TCP relay in front of it that a test can cut to
 * drop connections for real, clients that record every request, simulated devices
 * (one Dexie database each) and whole-database dumps.
 */

export interface TestS3 {
  port: number;
  stop(): Promise<void>;
}

export async function startS3(): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), "curator-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true });
  const { port } = await server.run();
  return {
    port,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The hooks every sync test file needs: one s3rver for the file, and the devices a
 * test created deleted after it. Call at the top level of a test file.
 */
export function syncFixtures() {
  let s3: TestS3 | undefined;
  const devices: CuratorDB[] = [];
  beforeAll(async () => {
    s3 = await startS3();
  });
  afterAll(async () => {
    await s3?.stop();
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) await d.delete();
  });
  return {
    /** The s3rver's port (valid inside tests). */
    get port(): number {
      if (!s3) throw new Error("s3rver is not running: use the fixtures inside a test");
      return s3.port;
    },
    /** A fresh simulated device (its own database), deleted after the test. */
    async device(): Promise<CuratorDB> {
      const d = await newDevice();
      devices.push(d);
      return d;
    },
  };
}

/**
 * The race scenario: a new bucket, device B has pushed "From B", device A holds an
 * unsynced "From A" — A's next push meets B's records.
 */
export async function twoDevicesBPushed(fx: ReturnType<typeof syncFixtures>) {
  const config = await newBucket(fx.port);
  const a = await fx.device();
  const b = await fx.device();
  await addItem(a, 1, { name: "From A" });
  await addItem(b, 2, { name: "From B" });
  await syncNow(config, { db: b });
  return { config, a, b };
}

/** Names of the live (not deleted) items on a device, sorted. */
export const liveNames = async (db: CuratorDB) => (await db.items.toArray()).filter((i) => i.deletedAt === null).map((i) => i.name).sort();

let bucketNo = 0;

/** A config for a new, empty bucket on the test server (s3rver's built-in keys). */
export async function newBucket(port: number, extra: Partial<SyncConfig> = {}): Promise<SyncConfig> {
  const config: SyncConfig = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: `curator-test-${++bucketNo}`,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    passphrase: "correct horse battery staple",
    ...extra,
  };
  await createSyncClient(config).send(new CreateBucketCommand({ Bucket: config.bucket }));
  return config;
}

export interface Recorded {
  client: S3Client;
  /** Every request sent, as "PutObjectCommand curator/blobs/…" etc. */
  calls: string[];
  puts(): string[];
}

/**
 * A real client for `config` that records each command and can run `before` first
 * (an async hook: abort, cut the relay, let another device sync in between).
 */
export function recordingClient(config: SyncConfig, before?: (command: string, key: string) => Promise<void> | void): Recorded {
  const client = createSyncClient(config);
  const calls: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const key = String((args.input as { Key?: string; Prefix?: string }).Key ?? (args.input as { Prefix?: string }).Prefix ?? "");
      calls.push(`${context.commandName} ${key}`);
      await before?.(String(context.commandName), key);
      return next(args);
    },
    { step: "initialize", name: "curatorTestRecorder" },
  );
  return { client, calls, puts: () => calls.filter((c) => c.startsWith("PutObjectCommand")) };
}

/** Every object in the bucket: key → sha256 of its bytes (to prove the bucket did or did not change). */
export async function bucketState(config: SyncConfig): Promise<Record<string, string>> {
  const client = createSyncClient(config);
  const res = await client.send(new ListObjectsV2Command({ Bucket: config.bucket }));
  const out: Record<string, string> = {};
  for (const o of res.Contents ?? []) {
    const got = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: o.Key! }));
    out[o.Key!] = await sha256Hex(new Uint8Array(await got.Body!.transformToByteArray()));
  }
  return out;
}

export async function readObject(config: SyncConfig, key: string): Promise<Uint8Array<ArrayBuffer>> {
  const got = await createSyncClient(config).send(new GetObjectCommand({ Bucket: config.bucket, Key: key }));
  return new Uint8Array(await got.Body!.transformToByteArray());
}

export async function writeObject(config: SyncConfig, key: string, body: Uint8Array): Promise<void> {
  await createSyncClient(config).send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: body }));
}

export async function deleteObject(config: SyncConfig, key: string): Promise<void> {
  await createSyncClient(config).send(new DeleteObjectCommand({ Bucket: config.bucket, Key: key }));
}

let deviceNo = 0;

/** A simulated device: its own database. Call `.delete()` when done. */
export async function newDevice(): Promise<CuratorDB> {
  const db = new CuratorDB(`sync-device-${++deviceNo}`);
  await db.open();
  return db;
}

/** Adds an item with a fake photo (distinct per seed) on `db`, as addItemWithPhoto would. */
export async function addItem(db: CuratorDB, seed: number, init: Partial<Item> = {}, now = 1_700_000_000_000 + seed): Promise<Item> {
  const photo = await fakePhoto(seed);
  const id = newId();
  const imageId = newId();
  const item = newItem(id, now, { name: `Item ${seed}`, ...init, imageId });
  const image: StoredImage = { id: imageId, itemId: id, createdAt: now, updatedAt: now, ...photo };
  await db.transaction("rw", db.items, db.images, async () => {
    await db.images.put(image);
    await db.items.put(item);
  });
  return item;
}

export async function editItem(db: CuratorDB, id: string, patch: Partial<Item>, now: number): Promise<void> {
  const item = (await db.items.get(id))!;
  await db.items.put({ ...item, ...patch, updatedAt: now });
}

/** Everything on a device, photos as their hashes: equal dumps mean equal data. */
export async function dump(db: CuratorDB): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const def of TABLES) {
    // The bucket-housekeeping memory is this device's own bookkeeping, not user data.
    const rows = (await def.of(db).toArray()).filter((r) => (r as { key?: string }).key !== ORPHANS_SETTING);
    out[def.name] = await Promise.all(
      rows.map(async (r) => {
        const copy: Record<string, unknown> = { ...(r as object) };
        for (const [k, v] of Object.entries(copy)) if (v instanceof Blob) copy[k] = `${v.type}:${await sha256Hex(v)}`;
        return copy;
      }),
    );
  }
  // Keys sorted: a record written by the merge has its fields in another order, not other data.
  const sorted = (_k: string, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v);
  return JSON.stringify(out, sorted);
}
