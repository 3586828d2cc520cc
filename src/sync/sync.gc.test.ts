import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { CuratorDB } from "@data/db";
import { ORPHAN_GRACE_MS, ORPHANS_SETTING } from "./gc";
import { syncNow } from "./sync";
import { addItem, bucketState, editItem, liveNames, newBucket, recordingClient, syncFixtures, writeObject } from "./syncTestkit";

const fx = syncFixtures();
const DAY = ORPHAN_GRACE_MS;
const blobKeys = async (config: Parameters<typeof bucketState>[0]) => Object.keys(await bucketState(config)).filter((k) => k.includes("/blobs/")).sort();

/** What the app does to a deleted item once its Undo window is over: the photo goes, the tombstone stays. */
async function deleteAndPurge(db: CuratorDB, id: string, now: number) {
  await editItem(db, id, { deletedAt: now }, now);
  const item = (await db.items.get(id))!;
  await db.images.delete(item.imageId!);
  await db.items.put({ ...item, imageId: null });
}

describe("unused photos in the bucket", () => {
  it("are removed once nothing has referred to them for a day; the photos still in use stay and another device still gets them", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    const coat = await addItem(a, 1, { name: "Coat" });
    await addItem(a, 2, { name: "Scarf" });
    await syncNow(config, { db: a });
    const all = await blobKeys(config);
    expect(all).toHaveLength(4); // two originals, two thumbnails

    const start = Date.now();
    await deleteAndPurge(a, coat.id, start);
    const first = await syncNow(config, { db: a, now: () => start });
    expect(first.removed).toBe(0); // unreferenced from now on, but within the grace period
    expect(await blobKeys(config)).toEqual(all);
    expect(await syncNow(config, { db: a, now: () => start + DAY / 2 })).toMatchObject({ removed: 0 });
    expect(await blobKeys(config)).toEqual(all);

    const rec = recordingClient(config);
    const later = await syncNow(config, { db: a, client: rec.client, now: () => start + DAY + 1 });
    expect(later.removed).toBe(2);
    expect(rec.puts()).toEqual([]); // housekeeping only deletes; the records were unchanged
    const kept = await blobKeys(config);
    expect(kept).toHaveLength(2);
    expect(all).toEqual(expect.arrayContaining(kept));

    // A new device still gets every photo it needs from the tidied bucket.
    const b = await fx.device();
    const pulled = await syncNow(config, { db: b, now: () => start + 2 * DAY });
    expect(pulled).toMatchObject({ downloaded: 2, removed: 0 });
    expect(await liveNames(b)).toEqual(["Scarf"]);
    expect(await b.images.count()).toBe(1);
  });

  it("never takes a photo another device has just uploaded, even one this device has long seen unreferenced", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1, { name: "Tee" });
    await syncNow(config, { db: a });
    // Another device's upload, its records not written yet (a fresh object in the bucket).
    const fresh = "curator/blobs/" + "ab".repeat(32);
    await writeObject(config, fresh, new Uint8Array([1, 2, 3]));
    // Even if this device's memory says it was seen unreferenced two days ago:
    const now = Date.now();
    await a.settings.put({ key: ORPHANS_SETTING, value: { place: `${config.bucket}/curator/blobs/`, seen: { ["ab".repeat(32)]: now - 2 * DAY } }, updatedAt: now });
    expect(await syncNow(config, { db: a, now: () => now })).toMatchObject({ removed: 0 });
    expect(await blobKeys(config)).toContain(fresh);
  });

  it("a photo brought back by a newer copy of its item is referenced again and kept", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    const b = await fx.device();
    const tee = await addItem(a, 1, { name: "Tee" });
    await syncNow(config, { db: a });
    await syncNow(config, { db: b });
    const start = Date.now();
    // A deletes the tee; B (offline) edits it later, and its newer copy wins when it syncs.
    await deleteAndPurge(a, tee.id, start);
    await syncNow(config, { db: a, now: () => start });
    await editItem(b, tee.id, { name: "Tee, kept" }, start + 1000);
    await syncNow(config, { db: b, now: () => start + 2000 });
    expect(await syncNow(config, { db: a, now: () => start + 2 * DAY })).toMatchObject({ removed: 0 });
    expect(await blobKeys(config)).toHaveLength(2);
    // The device that had purged the photo gets it back.
    expect(await liveNames(a)).toEqual(["Tee, kept"]);
    expect(await a.images.count()).toBe(1);
  });
});
