import "fake-indexeddb/auto";
import type { CuratorDB } from "@data/db";
import { sha256Hex } from "@data/hash";
import { newId } from "@data/ids";
import { fakePhoto } from "@data/testing";
import { mulberry32 } from "@domain/colour/kmeans";
import { isCancelled } from "@domain/errors";
import type { Item } from "@domain/wardrobe/types";
import { createSyncClient, type SyncConfig } from "./config";
import { SyncError } from "./errors";
import { ORPHAN_GRACE_MS } from "./photos";
import { syncNow, type SyncOptions, type SyncSummary } from "./sync";
import { byKeys, FAULTS, firstDifference, OPERATIONS, type Fault, type FuzzReport, type Operation } from "./fuzzReport";
import { addItem, bucketState, deleteObject, deleteWearOn, dump, logWearOn, newBucket, newDevice, readObject, startRelay, writeObject } from "./syncTestkit";

/**
 * A seeded, reproducible sync fuzzer: devices against the real S3-protocol server
 * (s3rver honouring conditional writes, as S3 does), random edits, deletes,
 * restores, photo changes, wears and settings, with random faults: connections cut
 * at a random byte (a TCP relay), devices pushing at the same moment, clean-up
 * running (clocks days ahead, racing other devices), clocks skewed by up to a day,
 * the key file removed, an old records document put back, a photo object lost. Then
 * every device syncs until quiet, and the fuzzer compares every device's full dump,
 * a fresh device's, and what the devices ever wrote: identical, nothing lost that was
 * not deleted, no photo missing; or a clear refusal that changed nothing.
 */

export { FAULTS, OPERATIONS, totals, type Fault, type FuzzReport, type Operation } from "./fuzzReport";

export interface FuzzOptions {
  seed: number;
  rounds: number;
  devices?: number;
  /** The s3rver's port (syncFixtures().port). */
  port: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** The app's seeded generator (small, fast and enough for choosing test steps reproducibly). */
function prng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

interface Device {
  index: number;
  db: CuratorDB;
  /** Added to the shared clock: ≡ index (mod devices), so two devices never stamp the same millisecond. */
  skew: number;
  /** Synced successfully at least once (it then keeps the bucket's key file and generation). */
  synced: boolean;
}

/** A version of an item a device wrote. */
interface Written {
  updatedAt: number;
  name: string;
  deleted: boolean;
  photo: string | null;
}

const ALLOWED: Record<Fault | "none", string[]> = {
  none: ["conflict", "corrupt/photo-missing"],
  cut: ["network", "conflict", "corrupt/photo-missing"],
  concurrent: ["conflict", "corrupt/photo-missing"],
  cleanup: ["conflict", "corrupt/photo-missing"],
  "skewed-clock": [],
  "keyfile-removed": ["conflict", "corrupt/keyinfo-missing", "corrupt/photo-missing"],
  "replayed-records": ["conflict", "corrupt/rolled-back", "corrupt/photo-missing"],
  "photo-lost": ["conflict", "corrupt/photo-missing"],
};

const describe = (e: unknown) =>
  e instanceof SyncError
    ? e.reason
      ? `${e.code}/${e.reason}`
      : e.code
    : isCancelled(e)
      ? "cancelled"
      : `unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
const versions = async (db: CuratorDB) => new Map((await db.items.toArray()).map((i) => [i.id, i.updatedAt]));

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const rnd = prng(options.seed);
  const n = options.devices ?? 3;
  const config: SyncConfig = await newBucket(options.port);
  const report: FuzzReport = {
    seed: options.seed,
    rounds: options.rounds,
    operations: [],
    faults: Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>,
    refusals: {},
    syncs: { ok: 0, failed: 0 },
    skewHours: [],
    items: 0,
    photos: 0,
    itemsLost: 0,
    photosLost: 0,
    problems: [],
  };
  const problem = (what: string) => report.problems.push(`seed ${options.seed}: ${what}`);
  const devices: Device[] = [];
  for (let i = 0; i < n; i++) {
    const skew = rnd.int(-DAY / n, DAY / n) * n + i;
    devices.push({ index: i, db: await newDevice(), skew, synced: false });
    report.operations.push(Object.fromEntries(OPERATIONS.map((o) => [o, 0])) as Record<Operation, number>);
    report.skewHours.push(Math.round((skew / 3_600_000) * 10) / 10);
    if (skew !== i) report.faults["skewed-clock"]++;
  }
  // The shared clock: a month back, stepping forward; each device reads it with its skew.
  let clock = Date.now() - 30 * DAY;
  clock -= clock % n;
  const now = (d: Device) => clock + d.skew;
  const tick = () => (clock += n * rnd.int(1, 2000));
  // Per item, the newest versions any device wrote: every device must end up with one of them (two devices
  // whose clocks were behind can write different versions dated alike; either may win, the same on all).
  const written = new Map<string, Written[]>();
  let seedNo = options.seed * 10_000;
  const count = (d: Device, op: Operation) => report.operations[d.index]![op]++;

  const remember = async (d: Device, item: Item) => {
    const photo = item.imageId ? ((await d.db.images.get(item.imageId))?.sha256 ?? null) : null;
    const version: Written = { updatedAt: item.updatedAt, name: item.name, deleted: item.deletedAt !== null, photo };
    const before = written.get(item.id);
    if (!before || item.updatedAt > before[0]!.updatedAt) written.set(item.id, [version]);
    else if (item.updatedAt === before[0]!.updatedAt) before.push(version);
  };
  const put = async (d: Device, item: Item, patch: Partial<Item>) => {
    const next = { ...item, ...patch, updatedAt: Math.max(now(d), item.updatedAt + 1) };
    await d.db.items.put(next);
    await remember(d, next);
  };

  /** One random edit on a device, as the app's repositories make them. */
  async function edit(d: Device): Promise<void> {
    tick();
    const items = await d.db.items.toArray();
    const live = items.filter((i) => i.deletedAt === null);
    const deleted = items.filter((i) => i.deletedAt !== null);
    const op = rnd.pick<Operation>(
      live.length < 2 ? ["add"] : ["add", "edit", "edit", "delete", "restore", "photo", "purge", "wear", "wear", "unwear", "setting"],
    );
    switch (op) {
      case "add": {
        const item = await addItem(d.db, ++seedNo, { name: `Item ${seedNo}` }, now(d));
        await remember(d, item);
        break;
      }
      case "edit":
        await put(d, rnd.pick(live), { name: `Renamed ${rnd.int(1, 1e6)} on ${d.index}` });
        break;
      case "delete":
        await put(d, rnd.pick(live), { deletedAt: now(d) });
        break;
      case "restore": {
        // Undo: only while the photo is still here (the app's restoreItem).
        const back = deleted.filter((i) => i.imageId !== null);
        if (!back.length) return;
        await put(d, rnd.pick(back), { deletedAt: null });
        break;
      }
      case "photo": {
        const item = rnd.pick(live);
        const photo = await fakePhoto(++seedNo);
        const imageId = newId();
        await d.db.transaction("rw", d.db.items, d.db.images, async () => {
          await d.db.images.put({ id: imageId, itemId: item.id, createdAt: now(d), updatedAt: now(d), ...photo });
          if (item.imageId) await d.db.images.delete(item.imageId);
          await put(d, item, { imageId });
        });
        break;
      }
      case "purge": {
        // After the Undo window: the photo goes, the tombstone stays (its updatedAt unchanged: the app's purgeDeleted).
        for (const item of deleted.filter((i) => i.imageId !== null)) {
          await d.db.images.delete(item.imageId!);
          await d.db.items.put({ ...item, imageId: null });
        }
        break;
      }
      case "wear": {
        const some = [...new Set([rnd.pick(live).id, rnd.pick(live).id])];
        const day = new Date(now(d) - rnd.int(0, 5) * DAY).toISOString().slice(0, 10);
        if (await logWearOn(d.db, some, day, now(d))) for (const id of some) await remember(d, (await d.db.items.get(id))!);
        break;
      }
      case "unwear": {
        const wears = (await d.db.wearLog.toArray()).filter((w) => w.deletedAt === null);
        if (!wears.length) return;
        const w = rnd.pick(wears);
        if (await deleteWearOn(d.db, w.id, now(d)))
          for (const id of w.itemIds) {
            const item = await d.db.items.get(id);
            if (item) await remember(d, item);
          }
        break;
      }
      case "setting":
        await d.db.settings.put({ key: "confidenceThreshold", value: rnd.int(500, 999) / 1000, updatedAt: now(d) });
        break;
    }
    count(d, op);
  }

  /**
   * One sync, checked: it succeeds, or fails in a way the fault explains; a refusal
   * changes nothing (here, and in the bucket); no record here ever goes back to an
   * older version.
   */
  async function sync(d: Device, fault: Fault | "none", extra: SyncOptions = {}): Promise<SyncSummary | null> {
    count(d, "sync");
    const before = await versions(d.db);
    const strict = fault === "replayed-records" || fault === "keyfile-removed";
    const snapshot = strict ? { here: await dump(d.db), bucket: await bucketState(config) } : null;
    let result: SyncSummary | null = null;
    try {
      // The housekeeping reads this device's (skewed) clock.
      result = await syncNow(config, { db: d.db, now: () => Date.now() + d.skew, ...extra });
      report.syncs.ok++;
      d.synced = true;
    } catch (e) {
      report.syncs.failed++;
      const what = describe(e);
      report.refusals[what] = (report.refusals[what] ?? 0) + 1;
      if (!ALLOWED[fault].includes(what)) problem(`device ${d.index}, ${fault}: sync failed with ${what}${e instanceof Error ? ` (${e.message})` : ""}`);
      // A refusal (as opposed to a dropped connection) must have changed nothing at all.
      if (snapshot && (what === "corrupt/rolled-back" || what === "corrupt/keyinfo-missing")) {
        if ((await dump(d.db)) !== snapshot.here) problem(`device ${d.index}: the refusal ${what} changed this device`);
        if (JSON.stringify(await bucketState(config)) !== JSON.stringify(snapshot.bucket)) problem(`device ${d.index}: the refusal ${what} changed the bucket`);
      }
    }
    const after = await versions(d.db);
    for (const [id, at] of before) if ((after.get(id) ?? -1) < at) problem(`device ${d.index}, ${fault}: item ${id} went back from ${at} to ${after.get(id)}`);
    return result;
  }

  let oldRecords: Uint8Array | null = null;
  // SYNC_FUZZ_TRACE=1: each round's fault and the records object's size after it (to read a failing seed).
  const trace = process.env.SYNC_FUZZ_TRACE
    ? async (what: string) => {
        const r = await readObject(config, "curator/records.enc").catch(() => null);
        const odd = r !== null && (r.length < 29 || r[0] !== 1);
        if (process.env.SYNC_FUZZ_TRACE === "all" || odd)
          console.log(`trace ${options.seed}: ${what}; records ${r?.length ?? "none"} B${odd ? ` ODD: ${new TextDecoder().decode(r.subarray(0, 200))}` : ""}`);
      }
    : null;
  for (let round = 0; round < options.rounds; round++) {
    for (let k = rnd.int(1, 4); k > 0; k--) await edit(rnd.pick(devices));
    // Now and then, keep the bucket's records as they are: an old copy to put back later.
    if (rnd.chance(0.25)) oldRecords = await readObject(config, "curator/records.enc").catch(() => oldRecords);
    const d = rnd.pick(devices);
    const others = devices.filter((x) => x !== d);
    const fault = rnd.pick<Fault | "none">([
      "none",
      "none",
      "cut",
      "cut",
      "concurrent",
      "concurrent",
      "cleanup",
      "cleanup",
      "keyfile-removed",
      "replayed-records",
      "photo-lost",
    ]);
    switch (fault) {
      case "none":
        await sync(d, "none");
        break;
      case "cut": {
        const relay = await startRelay(options.port, { cutAfter: rnd.int(0, 60_000) });
        report.faults.cut++;
        const cutClient = createSyncClient({ ...config, endpoint: `http://127.0.0.1:${relay.port}` });
        await sync(d, "cut", { client: cutClient });
        relay.cut();
        await relay.stop();
        break;
      }
      case "concurrent":
        report.faults.concurrent++;
        await Promise.all([d, ...others.filter((_x, i) => i === 0 || rnd.chance(0.5))].map((x) => sync(x, "concurrent")));
        break;
      case "cleanup": {
        // One device's clean-up runs days ahead (its clock, or days passing), racing another device's sync.
        report.faults.cleanup++;
        const ahead = rnd.int(1, 3) * DAY + rnd.int(0, DAY / 2);
        const racer = rnd.pick(others);
        await Promise.all([sync(d, "cleanup", { now: () => Date.now() + ahead }), sync(racer, "cleanup")]);
        if (rnd.chance(0.5)) await sync(d, "cleanup", { now: () => Date.now() + ahead + ORPHAN_GRACE_MS });
        break;
      }
      case "keyfile-removed":
        if ((await bucketState(config))["curator/keyinfo.json"] === undefined) break;
        report.faults["keyfile-removed"]++;
        await deleteObject(config, "curator/keyinfo.json");
        for (const x of [d, ...others]) await sync(x, "keyfile-removed");
        break;
      case "replayed-records": {
        if (!oldRecords) break;
        report.faults["replayed-records"]++;
        await writeObject(config, "curator/records.enc", oldRecords);
        let refused = false;
        for (const x of [d, ...others]) if (!(await sync(x, "replayed-records"))) refused = true;
        // Told what happened, the user sends this device's data again: each refusing device, in turn.
        if (refused) for (const x of devices) await sync(x, "replayed-records", { acceptRollback: true });
        break;
      }
      case "photo-lost": {
        const blobs = Object.keys(await bucketState(config)).filter((k) => k.includes("/blobs/"));
        if (!blobs.length) break;
        report.faults["photo-lost"]++;
        await deleteObject(config, rnd.pick(blobs));
        await sync(d, "photo-lost");
        break;
      }
    }
    await trace?.(`round ${round}, ${fault} on device ${d.index}, refusals ${JSON.stringify(report.refusals)}`);
  }

  // Quiet: the Undo windows are over everywhere, every device syncs until none has anything to send.
  for (const d of devices) {
    for (const item of (await d.db.items.toArray()).filter((i) => i.deletedAt !== null && i.imageId !== null)) {
      await d.db.images.delete(item.imageId!);
      await d.db.items.put({ ...item, imageId: null });
    }
  }
  const later = Date.now() + 2 * DAY;
  let quiet = false;
  for (let round = 0; round < 12 && !quiet; round++) {
    quiet = true;
    for (const d of devices) {
      try {
        const s = await syncNow(config, { db: d.db, now: () => later + round, acceptRollback: true });
        if (s.pushed || s.removed || s.uploaded || s.downloaded) quiet = false;
      } catch (e) {
        quiet = false;
        if (describe(e) !== "corrupt/photo-missing" && describe(e) !== "conflict") problem(`device ${d.index}: the final sync failed with ${describe(e)}`);
      }
    }
  }
  if (!quiet) problem("the devices never became quiet (something is pushed back and forth)");

  // Every device, and a new one, hold the same data; it is what was written last; every photo is there.
  const fresh = await newDevice();
  try {
    await syncNow(config, { db: fresh, now: () => later }).catch((e: unknown) =>
      problem(`a new device could not sync: ${describe(e)}${e instanceof Error ? ` (${e.message})` : ""}`),
    );
    const dumps = await Promise.all([...devices.map((d) => d.db), fresh].map(async (db) => byKeys(await dump(db))));
    for (const [i, x] of dumps.entries())
      if (x !== dumps[0]) problem(`device ${i === devices.length ? "new" : i}'s data differs from device 0's: ${firstDifference(dumps[0]!, x)}`);
    for (const db of [...devices.map((d) => d.db), fresh]) {
      const items = new Map((await db.items.toArray()).map((i) => [i.id, i]));
      for (const [id, candidates] of written) {
        const got = items.get(id);
        const same = got ? candidates.filter((c) => got.updatedAt === c.updatedAt && got.name === c.name && (got.deletedAt !== null) === c.deleted) : [];
        if (!got || !same.length) {
          report.itemsLost++;
          problem(
            `item ${id}: expected ${JSON.stringify(candidates)}, found ${got ? JSON.stringify({ updatedAt: got.updatedAt, name: got.name, deleted: got.deletedAt !== null }) : "nothing"}`,
          );
          continue;
        }
        if (got.deletedAt !== null) continue;
        // A live item holds the photo of the version that won, whole (its bytes are the ones named).
        const img = got.imageId ? await db.images.get(got.imageId) : undefined;
        const bytes = img ? await sha256Hex(img.original) : null;
        if (!img || bytes !== img.sha256 || !same.some((c) => c.photo === img.sha256)) {
          report.photosLost++;
          problem(`item ${id}: its photo ${same.map((c) => c.photo).join(" or ")} is ${img ? `another (${img.sha256})` : "missing"}`);
        }
      }
    }
    report.items = written.size;
    report.photos = [...written.values()].filter((w) => !w[0]!.deleted && w[0]!.photo).length;
  } finally {
    await fresh.delete();
    for (const d of devices) await d.db.delete();
  }
  return report;
}
