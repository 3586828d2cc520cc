import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { ORPHAN_GRACE_MS } from "./photos";
import { syncNow } from "./sync";
import {
  addItem,
  blobKeys,
  deleteAndPurge,
  deleteObject,
  dump,
  editItem,
  liveNames,
  newBucket,
  recordingClient,
  syncFixtures,
  writeObject,
} from "./syncTestkit";

/**
 * The bucket's clean-up (photos nothing refers to any more) must never take a photo
 * that another device is about to refer to, and a photo the records refer to that is
 * gone from the bucket comes back from any device that holds it.
 */

const fx = syncFixtures();
const DAY = ORPHAN_GRACE_MS;

describe("clean-up of unused photos", () => {
  it("racing a device that brings an item (and its photo) back: nothing is lost, every device syncs, every photo is there", async () => {
    const config = await newBucket(fx.port);
    const [a, b, c] = [await fx.device(), await fx.device(), await fx.device()];
    const tee = await addItem(a, 1, { name: "Tee" });
    await addItem(a, 2, { name: "Jeans" });
    await syncNow(config, { db: a });
    await syncNow(config, { db: b });
    await syncNow(config, { db: c });

    // A deletes the tee; B follows. C is offline and edits the tee later: its copy wins and brings the photo back.
    const start = Date.now();
    await deleteAndPurge(a, tee.id, start - 2000);
    await syncNow(config, { db: a, now: () => start });
    await syncNow(config, { db: b, now: () => start });
    await editItem(c, tee.id, { name: "Tee, kept" }, start - 1000);

    // C pulls, lists the bucket (the tee's photo is there, so it does not upload it) and, just before it
    // writes its records, A's clean-up runs over the following days.
    let raced = false;
    const rec = recordingClient(config, async (command, key) => {
      if (!raced && command === "PutObjectCommand" && key.endsWith("records.enc")) {
        raced = true;
        for (const day of [1, 2, 3]) await syncNow(config, { db: a, now: () => start + day * DAY + day });
      }
    });
    await syncNow(config, { db: c, client: rec.client, now: () => start + 3 * DAY + 10 });
    expect(raced).toBe(true);

    // Every device syncs cleanly, gets the tee back with its photo, and they all agree.
    for (let round = 0; round < 2; round++) for (const d of [a, b, c]) await syncNow(config, { db: d, now: () => start + 4 * DAY });
    for (const d of [a, b, c]) {
      expect(await liveNames(d)).toEqual(["Jeans", "Tee, kept"]);
      expect(await d.images.count()).toBe(2);
    }
    expect(await dump(a)).toBe(await dump(c));
    expect(await dump(b)).toBe(await dump(c));
    // A new device gets every photo the records refer to.
    const fresh = await fx.device();
    await syncNow(config, { db: fresh, now: () => start + 4 * DAY });
    expect(await fresh.images.count()).toBe(2);
  });

  it("marks unused photos in the records first, and deletes them only in a later sync", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    const coat = await addItem(a, 1, { name: "Coat" });
    await addItem(a, 2, { name: "Scarf" });
    await syncNow(config, { db: a });
    const all = await blobKeys(config);
    expect(all).toHaveLength(4);
    const start = Date.now();
    await deleteAndPurge(a, coat.id, start);
    expect(await syncNow(config, { db: a, now: () => start })).toMatchObject({ removed: 0 });
    expect(await blobKeys(config)).toEqual(all); // within the grace period: not even marked

    const mark = recordingClient(config);
    expect(await syncNow(config, { db: a, client: mark.client, now: () => start + DAY + 1 })).toMatchObject({ removed: 0, pushed: true });
    expect(mark.calls.filter((c) => c.startsWith("DeleteObjectCommand"))).toEqual([]);
    expect(mark.puts()).toEqual(["PutObjectCommand curator/records.enc"]); // the mark, in the records
    expect(await blobKeys(config)).toEqual(all);

    const sweep = recordingClient(config);
    expect(await syncNow(config, { db: a, client: sweep.client, now: () => start + DAY + 2 })).toMatchObject({ removed: 2 });
    expect(sweep.calls.filter((c) => c.startsWith("DeleteObjectCommand"))).toHaveLength(2);
    const kept = await blobKeys(config);
    expect(kept).toHaveLength(2);
    expect(all).toEqual(expect.arrayContaining(kept));
    const b = await fx.device();
    expect(await syncNow(config, { db: b, now: () => start + 2 * DAY })).toMatchObject({ downloaded: 2 });
    expect(await liveNames(b)).toEqual(["Scarf"]);
  });
});

describe("what clean-up leaves alone", () => {
  it("a photo another device has just uploaded (its records not written yet), and objects that are not photos", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1, { name: "Tee" });
    await syncNow(config, { db: a });
    const fresh = "curator/blobs/" + "ab".repeat(32);
    const stranger = "curator/blobs/notes.txt";
    await writeObject(config, fresh, new Uint8Array([1, 2, 3]));
    await writeObject(config, stranger, new Uint8Array([4]));
    const rec = recordingClient(config);
    expect(await syncNow(config, { db: a, client: rec.client })).toMatchObject({ removed: 0, pushed: false });
    expect(rec.puts()).toEqual([]);
    // Days later the fresh one is marked, then removed; the object that is not a photo stays.
    const later = Date.now() + 2 * DAY;
    await syncNow(config, { db: a, now: () => later });
    expect(await syncNow(config, { db: a, now: () => later + 1 })).toMatchObject({ removed: 1 });
    const left = await blobKeys(config);
    expect(left).not.toContain(fresh);
    expect(left).toContain(stranger);
  });
});

describe("a photo the records refer to that is missing from the bucket", () => {
  it("is uploaded again by the next sync of a device that holds it, even when nothing else changed", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1, { name: "Coat" });
    await syncNow(config, { db: a });
    const [gone] = await blobKeys(config);
    await deleteObject(config, gone!);

    const again = await syncNow(config, { db: a });
    expect(again.uploaded).toBe(1);
    expect(await blobKeys(config)).toContain(gone);
    const b = await fx.device();
    await syncNow(config, { db: b });
    expect(await liveNames(b)).toEqual(["Coat"]);
    expect(await b.images.count()).toBe(1);
  });
});
