import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { SavedOutfit } from "@data/outfits";
import { syncNow, type SyncProgress } from "./sync";
import { addItem, bucketState, dump, editItem, liveNames, newBucket, readObject, recordingClient, syncFixtures, twoDevicesBPushed } from "./syncTestkit";

const fx = syncFixtures();
/** Edits after the test's start (a time from outside may be at most days ahead of the clock: fields.ts). */
const LATER = Date.now() + 60_000;
const device = () => fx.device();

const live = liveNames;

describe("syncNow between two devices", () => {
  it("pushes photos first and the records last, encrypted, and a second run with no changes writes nothing", async () => {
    const config = await newBucket(fx.port);
    const a = await device();
    await addItem(a, 1, { name: "White tee" });
    await addItem(a, 2, { name: "Jeans" });
    const rec = recordingClient(config);
    const progress: SyncProgress[] = [];
    const first = await syncNow(config, { db: a, client: rec.client, onProgress: (p) => progress.push(p) });

    expect(first).toMatchObject({ pushed: true, uploaded: 4, downloaded: 0, encrypted: true, created: true, attempts: 1 });
    const puts = rec.puts();
    // keyinfo, then 2 originals + 2 thumbnails, then the records document last.
    expect(puts).toHaveLength(6);
    expect(puts[0]).toBe("PutObjectCommand curator/keyinfo.json");
    expect(puts.slice(1, 5).every((p) => /^PutObjectCommand curator\/blobs\/[0-9a-f]{64}$/.test(p))).toBe(true);
    expect(puts[5]).toBe("PutObjectCommand curator/records.enc");
    expect(progress.filter((p) => p.phase === "uploading").at(-1)).toEqual({ phase: "uploading", done: 4, total: 4 });
    expect(progress.at(-1)?.phase).toBe("done");

    // Nothing readable in the bucket: no item names, no photo hashes as object names.
    const records = new TextDecoder("latin1").decode(await readObject(config, "curator/records.enc"));
    expect(records).not.toContain("White tee");
    const photoSha = (await a.images.toArray()).map((i) => i.sha256);
    expect(Object.keys(await bucketState(config)).some((k) => photoSha.some((h) => k.includes(h)))).toBe(false);

    const again = recordingClient(config);
    const second = await syncNow(config, { db: a, client: again.client });
    expect(second).toMatchObject({ pushed: false, uploaded: 0, downloaded: 0, created: false });
    expect(again.puts()).toEqual([]);
  });

  it("two devices converge: edits on both, a delete, no duplicates, and then both are quiet", async () => {
    const config = await newBucket(fx.port);
    const a = await device();
    const b = await device();
    const tee = await addItem(a, 1, { name: "White tee" });
    const jeans = await addItem(a, 2, { name: "Jeans" });
    await syncNow(config, { db: a });

    const pulled = await syncNow(config, { db: b });
    expect(pulled).toMatchObject({ pushed: false, downloaded: 4, uploaded: 0 });
    expect(pulled.merged.items.added).toBe(2);
    expect(await dump(b)).toBe(await dump(a));

    // Edits on both sides, and B deletes the jeans.
    await editItem(a, tee.id, { name: "White tee (A)" }, LATER);
    await addItem(a, 3, { name: "Scarf" });
    await editItem(b, jeans.id, { deletedAt: LATER + 500 }, LATER + 500);
    await addItem(b, 4, { name: "Coat" });
    await syncNow(config, { db: a });
    await syncNow(config, { db: b });
    await syncNow(config, { db: a });

    const expected = ["Coat", "Scarf", "White tee (A)"];
    expect(await live(a)).toEqual(expected);
    expect(await live(b)).toEqual(expected);
    expect(await a.items.count()).toBe(4); // 3 live + the jeans' tombstone: no duplicates
    expect(await dump(a)).toBe(await dump(b));

    for (const db of [a, b]) {
      const rec = recordingClient(config);
      const quiet = await syncNow(config, { db, client: rec.client });
      expect(quiet).toMatchObject({ pushed: false, uploaded: 0, downloaded: 0 });
      expect(rec.puts()).toEqual([]);
    }
  });

  it("the same outfit saved on both devices under different ids is not pushed back and forth", async () => {
    const config = await newBucket(fx.port);
    const a = await device();
    const b = await device();
    const top = await addItem(a, 1);
    const bottom = await addItem(a, 2);
    await syncNow(config, { db: a });
    await syncNow(config, { db: b });
    const outfit = (id: string, t: number): SavedOutfit => ({
      id,
      createdAt: t,
      updatedAt: t,
      itemIds: [top.id, bottom.id],
      name: "Monday",
      score: 0.5,
      deletedAt: null,
    });
    await a.outfits.put(outfit("outfit-on-device-a", LATER));
    await b.outfits.put(outfit("outfit-on-device-b", LATER + 100));
    for (const db of [a, b, a, b]) await syncNow(config, { db });
    for (const db of [a, b]) {
      expect((await db.outfits.toArray()).map((o) => o.updatedAt)).toEqual([LATER + 100]);
      const rec = recordingClient(config);
      expect((await syncNow(config, { db, client: rec.client })).pushed).toBe(false);
      expect(rec.puts()).toEqual([]);
    }
  });

  it("retries when another device pushes between the pull and the push, and keeps both devices' changes", async () => {
    const { config, a, b } = await twoDevicesBPushed(fx);
    let interfered = false;
    const rec = recordingClient(config, async (command, key) => {
      // Just before A checks the records' ETag, B pushes a new change.
      if (command === "HeadObjectCommand" && key.endsWith("records.enc") && !interfered) {
        interfered = true;
        await addItem(b, 3, { name: "Also from B" });
        await syncNow(config, { db: b });
      }
    });
    const result = await syncNow(config, { db: a, client: rec.client });
    expect(interfered).toBe(true);
    expect(result.attempts).toBe(2);
    await syncNow(config, { db: b });
    expect(await live(a)).toEqual(["Also from B", "From A", "From B"]);
    expect(await live(b)).toEqual(["Also from B", "From A", "From B"]);
  });
});
