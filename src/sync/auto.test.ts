import "fake-indexeddb/auto";
import { createServer, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@data/db";
import { addItemWithPhoto, deleteItem, updateItem } from "@data/items";
import { setSetting } from "@data/settings";
import { fakePhoto } from "@data/testing";
import { autoSyncView, setSessionPassphrase, startAutoSync, subscribeAutoSync } from "./auto";
import { readConnection, saveConnection } from "./connection";
import type { SyncConfig } from "./config";
import { bucketState, newBucket, startS3, type TestS3 } from "./syncTestkit";

// Automatic sync as the app wires it (src/sync/auto.ts): the stored connection and the
// session passphrase turn it on, the database's change hooks and the app's start ask for
// syncs, and each sync is the real engine against a real S3 server (s3rver), with real
// timers (the scheduler's own waits: 2 s after the start, 5 s after the last change).
// The page's `window` and `document` are plain event targets here: the test fires the
// browser's "online" and "visibilitychange" events on them.

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3();
  vi.stubGlobal("window", new EventTarget());
  vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "visible" }));
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await s3.stop();
});

let stop: () => void = () => {};
beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  stop();
  setSessionPassphrase("");
  await db.delete();
});

const PASSPHRASE = "correct horse battery staple";
const describeSync = () => "synced by itself";

async function connect(): Promise<SyncConfig> {
  const config = await newBucket(s3.port, { passphrase: PASSPHRASE });
  await saveConnection({ ...config, region: "us-east-1" }, { remember: false, keys: null });
  return config;
}
const lastSync = async () => (await readConnection())?.lastSync?.text ?? null;
/** The encrypted records documents in the bucket. */
const records = async (config: SyncConfig) => Object.keys(await bucketState(config)).filter((k) => k.endsWith("records.enc"));

// Short waits where the waits are not what a test is about (the scheduler's own rules are in scheduler.test.ts).
const FAST = { startDelay: 50, debounce: 150, soon: 50, hiddenLongEnough: 400 };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("automatic sync", () => {
  it("is off without a passphrase at hand; the passphrase turns it on, and a change then syncs by itself", async () => {
    const config = await connect();
    let heard = 0;
    const unsubscribe = subscribeAutoSync(() => heard++);
    stop = startAutoSync({ describe: describeSync, timing: FAST });
    await vi.waitFor(() => expect(heard).toBeGreaterThan(0));
    expect(autoSyncView().on).toBe(false);
    await addItemWithPhoto(await fakePhoto(1), { name: "Before the passphrase" });

    setSessionPassphrase(PASSPHRASE);
    await vi.waitFor(() => expect(autoSyncView().on).toBe(true));
    expect(await lastSync()).toBeNull(); // turning it on is not a sync
    await addItemWithPhoto(await fakePhoto(2), { name: "After" });
    await vi.waitFor(async () => expect(await lastSync()).toBe("synced by itself"), { timeout: 20_000, interval: 250 });
    expect(autoSyncView().state).toMatchObject({ phase: "idle", lastSyncAt: expect.any(Number) });
    expect(await records(config)).toHaveLength(1);
    unsubscribe();
    const before = heard;
    setSessionPassphrase("");
    await vi.waitFor(() => expect(autoSyncView().on).toBe(false));
    expect(heard).toBe(before);
  }, 40_000);

  it("with the passphrase at hand when the app starts, it syncs shortly after the start", async () => {
    const config = await connect();
    setSessionPassphrase(PASSPHRASE);
    await addItemWithPhoto(await fakePhoto(3), { name: "Waiting" });
    const started = Date.now();
    stop = startAutoSync({ describe: describeSync });
    await vi.waitFor(async () => expect(await lastSync()).toBe("synced by itself"), { timeout: 20_000, interval: 250 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000); // the start's delay
    expect(await records(config)).toHaveLength(1);
  }, 40_000);

  it("back online: a sync soon, worded by the screen's describe", async () => {
    await connect();
    setSessionPassphrase(PASSPHRASE);
    let n = 0;
    stop = startAutoSync({ describe: () => `sync ${++n}`, timing: FAST });
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 1"), { timeout: 20_000, interval: 250 });
    window.dispatchEvent(new Event("online"));
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 2"), { timeout: 20_000, interval: 250 });
  }, 40_000);

  it("stopped, or with sync turned off, nothing syncs and nothing is recorded", async () => {
    await connect();
    setSessionPassphrase(PASSPHRASE);
    stop = startAutoSync({ describe: describeSync, timing: FAST });
    await vi.waitFor(() => expect(autoSyncView().on).toBe(true));
    stop();
    await addItemWithPhoto(await fakePhoto(4), { name: "After the stop" });
    await pause(600); // past the start's and the change's waits
    expect(await lastSync()).toBeNull();
  }, 40_000);
});

describe("automatic sync: what asks for one", () => {
  it("an edit alone, a deletion and a row removed each sync by themselves; a change to this device's own settings does not", async () => {
    await connect();
    setSessionPassphrase(PASSPHRASE);
    const item = await addItemWithPhoto(await fakePhoto(5), { name: "Coat" });
    let n = 0;
    stop = startAutoSync({ describe: () => `sync ${++n}`, timing: FAST });
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 1"), { timeout: 10_000, interval: 50 });
    await setSetting("device:shopEndpoint", "https://shop.example/api");
    await pause(600);
    expect(await lastSync()).toBe("sync 1");
    await updateItem(item.id, { name: "Wool coat" });
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 2"), { timeout: 10_000, interval: 50 });
    await deleteItem(item.id); // a tombstone: an update
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 3"), { timeout: 10_000, interval: 50 });
    await db.items.delete(item.id); // a row removed outright
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 4"), { timeout: 10_000, interval: 50 });
  }, 30_000);

  it("the tab shown again after a while syncs; a short look away does not; after the stop no event does", async () => {
    await connect();
    setSessionPassphrase(PASSPHRASE);
    let n = 0;
    stop = startAutoSync({ describe: () => `sync ${++n}`, timing: FAST });
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 1"), { timeout: 10_000, interval: 50 });
    const show = (state: "visible" | "hidden") => {
      Object.assign(document, { visibilityState: state });
      document.dispatchEvent(new Event("visibilitychange"));
    };
    show("hidden");
    await pause(50);
    show("visible");
    await pause(500);
    expect(await lastSync()).toBe("sync 1");
    show("hidden");
    await pause(500);
    show("visible");
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 2"), { timeout: 10_000, interval: 50 });

    stop();
    window.dispatchEvent(new Event("online"));
    show("hidden");
    await pause(500);
    show("visible");
    await pause(500);
    expect(await lastSync()).toBe("sync 2");
  }, 30_000);

  it("sync turned off while one runs: that sync is cancelled at once, not retried, and nothing is recorded", async () => {
    // A server that takes the connection and never answers: the sync waits until cancelled.
    const held = new Set<Socket>();
    const silent = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      const config = await newBucket(s3.port, { passphrase: PASSPHRASE });
      await saveConnection({ ...config, endpoint: `http://127.0.0.1:${port}`, region: "us-east-1" }, { remember: false, keys: null });
      setSessionPassphrase(PASSPHRASE);
      stop = startAutoSync({ describe: describeSync, timing: FAST });
      await vi.waitFor(() => expect(autoSyncView().state.phase).toBe("syncing"), { timeout: 10_000, interval: 20 });
      await vi.waitFor(() => expect(held.size).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
      setSessionPassphrase("");
      await vi.waitFor(() => expect(autoSyncView()).toMatchObject({ on: false, state: { phase: "idle" } }), { timeout: 3_000, interval: 20 });
      await pause(300);
      expect(autoSyncView().state.phase).toBe("idle");
      expect(await lastSync()).toBeNull();
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  }, 30_000);
});
