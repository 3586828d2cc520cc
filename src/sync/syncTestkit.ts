import "fake-indexeddb/auto";
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import S3rver from "s3rver";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { CuratorDB } from "@data/db";
import { TABLES } from "@data/schema";
import { sha256Hex } from "@data/hash";
import { newId } from "@data/ids";
import { isDeviceSetting } from "@data/settings";
import { fakePhoto } from "@data/testing";
import { newItem } from "@domain/wardrobe/item";
import { outfitKey } from "@domain/outfits";
import type { Item, StoredImage } from "@domain/wardrobe/types";
import type { WearLogEntry } from "@data/schema/tables/wearLog";
import { createSyncClient, type SyncConfig } from "./config";
import { SyncError } from "./errors";
import { syncNow } from "./sync";
export { startRelay, type Relay } from "./testRelay";

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

interface KoaContext {
  method: string;
  path: string;
  get(header: string): string;
  status: number;
  body: unknown;
  type: string;
  req: NodeJS.ReadableStream;
}

/** A request body read whole, or null when the connection dropped before its end. */
function wholeBody(req: NodeJS.ReadableStream): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let ended = false;
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    req.on("error", () => resolve(null));
    req.on("close", () => {
      if (!ended) resolve(null);
    });
  });
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

/**
 * Makes s3rver behave like S3 where the tests depend on it: a PUT with
 * If-None-Match: * fails with 412 when the object exists, one with If-Match when its
 * ETag differs (or it is gone), as AWS S3 (since 2024), R2 and MinIO do; an upload
 * cut off before its end stores nothing (s3rver would keep the part that arrived, and
 * wait for the rest for ever); and every request on one key is serialised, a GET's
 * body read whole inside its turn, so a read never sees half of a write (s3rver
 * writes objects in place; S3 replaces them atomically).
 */
function likeS3(store: { getMetadata(bucket: string, key: string): Promise<{ etag: string }> }): Middleware {
  const queues = new Map<string, Promise<unknown>>();
  return async (ctx, next) => {
    const [, bucket, ...rest] = ctx.path.split("/");
    const key = rest.map(decodeURIComponent).join("/");
    if (!bucket || !key) return next();
    const id = `${bucket}/${key}`;
    if (ctx.method === "PUT") {
      const body = await wholeBody(ctx.req);
      if (!body) {
        ctx.status = 400;
        ctx.body = "";
        return;
      }
      ctx.req = Readable.from([body]);
    }
    const before = queues.get(id) ?? Promise.resolve();
    const turn = before.then(async () => {
      const ifNone = ctx.method === "PUT" ? ctx.get("if-none-match") : "";
      const ifMatch = ctx.method === "PUT" ? ctx.get("if-match") : "";
      if (ifNone || ifMatch) {
        const etag = await store.getMetadata(bucket, key).then(
          (m) => m.etag,
          () => null,
        );
        if ((ifNone === "*" && etag !== null) || (ifMatch && ifMatch !== etag)) {
          ctx.status = 412;
          ctx.type = "application/xml";
          ctx.body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>${ifNone ? "If-None-Match" : "If-Match"}</Condition></Error>`;
          return;
        }
      }
      await next();
      const body = ctx.body as { pipe?: unknown; [Symbol.asyncIterator]?: () => AsyncIterator<Buffer> } | null;
      if (ctx.method === "GET" && body && typeof body.pipe === "function" && body[Symbol.asyncIterator]) {
        const chunks: Buffer[] = [];
        for await (const c of body as AsyncIterable<Buffer>) chunks.push(c);
        ctx.body = Buffer.concat(chunks);
      }
    });
    const settled = turn.catch(() => undefined);
    queues.set(id, settled);
    try {
      await turn;
    } finally {
      if (queues.get(id) === settled) queues.delete(id);
    }
  };
}

/**
 * s3rver pages bucket listings (1,000 keys a page, like S3) with continuation tokens it
 * encrypts with single DES, which Node 17+ (OpenSSL 3) no longer offers: any listing of
 * more than 1,000 keys failed with InternalError, so the sync's paging loop never ran in
 * a test. Triple DES with the key repeated three times is the same cipher, and OpenSSL 3
 * still has it: s3rver's `crypto.createCipheriv("des", …)` calls get that instead.
 */
function letS3rverPageListings() {
  const crypto = createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto") & { curatorDesShim?: true };
  if (crypto.curatorDesShim) return;
  const asTripleDes = <F extends (alg: string, key: Buffer, iv: Buffer) => unknown>(f: F) =>
    ((alg: string, key: Buffer, iv: Buffer) => (alg === "des" ? f("des-ede3-cbc", Buffer.concat([key, key, key]), iv) : f(alg, key, iv))) as unknown as F;
  crypto.createCipheriv = asTripleDes(crypto.createCipheriv.bind(crypto) as never);
  crypto.createDecipheriv = asTripleDes(crypto.createDecipheriv.bind(crypto) as never);
  crypto.curatorDesShim = true;
}

/** A real s3rver on a free localhost port; `conditional` (the default) makes it honour If-Match / If-None-Match on writes and replace objects atomically, like real S3 (see likeS3). */
export async function startS3(options: { conditional?: boolean } = {}): Promise<TestS3> {
  letS3rverPageListings();
  const directory = await mkdtemp(join(tmpdir(), "curator-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true });
  if (options.conditional !== false) {
    const koa = server as unknown as { middleware: Middleware[]; store: Parameters<typeof likeS3>[0] };
    koa.middleware.unshift(likeS3(koa.store));
  }
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
export function syncFixtures(options: { conditional?: boolean } = {}) {
  let s3: TestS3 | undefined;
  const devices: CuratorDB[] = [];
  beforeAll(async () => {
    s3 = await startS3(options);
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
export const liveNames = async (db: CuratorDB) =>
  (await db.items.toArray())
    .filter((i) => i.deletedAt === null)
    .map((i) => i.name)
    .sort();

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
    // Device-only settings (what this device knows of the bucket) are its own bookkeeping, not user data.
    const rows = (await def.of(db).toArray()).filter((r) => !isDeviceSetting(String((r as { key?: unknown }).key ?? "")));
    out[def.name] = await Promise.all(
      rows.map(async (r) => {
        const copy: Record<string, unknown> = { ...(r as object) };
        for (const [k, v] of Object.entries(copy)) if (v instanceof Blob) copy[k] = `${v.type}:${await sha256Hex(v)}`;
        return copy;
      }),
    );
  }
  // Keys sorted: a record written by the merge has its fields in another order, not other data.
  const sorted = (_k: string, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v;
  return JSON.stringify(out, sorted);
}

export interface SentPut {
  key: string;
  headers: Record<string, string>;
}

/** Records the HTTP headers of every PUT as sent on the wire (after the SDK built the request). */
export function headerSpy(client: S3Client): SentPut[] {
  const sent: SentPut[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "PutObjectCommand") {
        const req = args.request as { headers: Record<string, string> };
        const lower = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
        sent.push({ key: String((args.input as { Key?: string }).Key), headers: lower });
      }
      return next(args);
    },
    { step: "build", name: "curatorTestHeaderSpy", priority: "low" },
  );
  return sent;
}

/** What a call threw (it must throw). */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error("expected it to throw, but it returned");
}

/** What a promise was rejected with (it must be rejected). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected a rejection, but it resolved");
    },
    (e: unknown) => e,
  );
}

/** The SyncError `p` rejects with (fails the test if it resolves or rejects with anything else). */
export async function syncFailure(p: Promise<unknown>): Promise<SyncError> {
  const e = await rejection(p);
  expect(e).toBeInstanceOf(SyncError);
  return e as SyncError;
}

/** What the app does to a deleted item once its Undo window is over: the photo goes, the tombstone stays. */
export async function deleteAndPurge(db: CuratorDB, id: string, now: number): Promise<void> {
  await editItem(db, id, { deletedAt: now }, now);
  const item = (await db.items.get(id))!;
  await db.images.delete(item.imageId!);
  await db.items.put({ ...item, imageId: null });
}

/** The photo objects in the bucket, sorted. */
export const blobKeys = async (config: SyncConfig): Promise<string[]> =>
  Object.keys(await bucketState(config))
    .filter((k) => k.includes("/blobs/"))
    .sort();

/** What logWear does on the app's database (data/outfits.ts), on a simulated device: one wear of these items on this day, their counts up. */
export async function logWearOn(db: CuratorDB, itemIds: string[], date: string, now: number): Promise<WearLogEntry | null> {
  return db.transaction("rw", db.items, db.wearLog, async () => {
    const items = await db.items.bulkGet(itemIds);
    if (items.some((i) => !i || i.deletedAt !== null)) return null;
    const key = outfitKey(itemIds);
    const same = (await db.wearLog.where("date").equals(date).toArray()).filter((w) => outfitKey(w.itemIds) === key);
    if (same.some((w) => w.deletedAt === null)) return null;
    const removed = same.sort((a, b) => b.updatedAt - a.updatedAt)[0];
    const wornAt = new Date(`${date}T12:00:00`).getTime();
    const entry: WearLogEntry = {
      id: removed?.id ?? newId(),
      date,
      outfitId: null,
      itemIds: [...itemIds],
      createdAt: now,
      updatedAt: removed ? Math.max(now, removed.updatedAt + 1) : now,
      wornAt,
      deletedAt: null,
    };
    await db.wearLog.put(entry);
    await db.items.bulkPut(
      items.map((i) => ({
        ...i!,
        wearCount: i!.wearCount + 1,
        lastWornAt: Math.max(i!.lastWornAt ?? wornAt, wornAt),
        updatedAt: Math.max(now, i!.updatedAt + 1),
      })),
    );
    return entry;
  });
}

/** What deleteWear does (data/outfits.ts), on a simulated device: the wear becomes a tombstone, its items' counts go down. */
export async function deleteWearOn(db: CuratorDB, id: string, now: number): Promise<boolean> {
  return db.transaction("rw", db.items, db.wearLog, async () => {
    const entry = await db.wearLog.get(id);
    if (!entry || entry.deletedAt !== null) return false;
    await db.wearLog.put({ ...entry, deletedAt: now, updatedAt: Math.max(now, entry.updatedAt + 1) });
    for (const itemId of entry.itemIds) {
      const item = await db.items.get(itemId);
      if (!item) continue;
      let lastWornAt = item.lastWornAt;
      if (lastWornAt === entry.wornAt) {
        const rest = (await db.wearLog.where("itemIds").equals(itemId).toArray()).filter((w) => w.deletedAt === null);
        lastWornAt = rest.length ? Math.max(...rest.map((w) => w.wornAt)) : null;
      }
      await db.items.put({ ...item, wearCount: Math.max(0, item.wearCount - 1), lastWornAt, updatedAt: Math.max(now, item.updatedAt + 1) });
    }
    return true;
  });
}
