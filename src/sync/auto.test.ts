import "fake-indexeddb/auto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@data/db";
import { addItemWithPhoto } from "@data/items";
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

describe("automatic sync", () => {
  it("is off without a passphrase at hand; the passphrase turns it on, and a change then syncs by itself", async () => {
    const config = await connect();
    let heard = 0;
    const unsubscribe = subscribeAutoSync(() => heard++);
    stop = startAutoSync({ describe: describeSync });
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
    stop = startAutoSync({ describe: () => `sync ${++n}` });
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 1"), { timeout: 20_000, interval: 250 });
    window.dispatchEvent(new Event("online"));
    await vi.waitFor(async () => expect(await lastSync()).toBe("sync 2"), { timeout: 20_000, interval: 250 });
  }, 40_000);

  it("stopped, or with sync turned off, nothing syncs and nothing is recorded", async () => {
    await connect();
    setSessionPassphrase(PASSPHRASE);
    stop = startAutoSync({ describe: describeSync });
    await vi.waitFor(() => expect(autoSyncView().on).toBe(true));
    stop();
    await addItemWithPhoto(await fakePhoto(4), { name: "After the stop" });
    await new Promise((r) => setTimeout(r, 6_000)); // past the start's and the change's waits
    expect(await lastSync()).toBeNull();
  }, 40_000);
});
