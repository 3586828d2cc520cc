import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { syncNow } from "./sync";
import { addItem, dump, editItem, logWearOn, newBucket, syncFixtures } from "./syncTestkit";

/**
 * A merge that recounts an item's wears (from the merged wear log) changes derived
 * numbers, not what the user edited: it must never date the item "now", which would
 * make that copy beat a later real edit made on another device.
 */

const fx = syncFixtures();

describe("recounted wears never beat a newer real edit", () => {
  it("a device that merges another's wear does not overwrite a rename made after that wear on a third device", async () => {
    const config = await newBucket(fx.port);
    const [a, b, c] = [await fx.device(), await fx.device(), await fx.device()];
    const now = Date.now();
    const coat = await addItem(a, 1, { name: "Coat" }, now - 60_000);
    for (const d of [a, b, c]) await syncNow(config, { db: d });

    await logWearOn(c, [coat.id], "2026-11-02", now - 50_000); // C wore it (not synced yet)
    await logWearOn(a, [coat.id], "2026-11-03", now - 40_000); // A wore it too, and syncs
    await syncNow(config, { db: a });
    await editItem(b, coat.id, { name: "Camel coat" }, now - 30_000); // then B renames it (offline for now)

    // C merges A's wear: the count becomes 2, a derived change made "now" on C's clock.
    await syncNow(config, { db: c });
    expect((await c.items.get(coat.id))!.wearCount).toBe(2);
    await syncNow(config, { db: b });
    for (const d of [a, c, b, a, c]) await syncNow(config, { db: d });
    for (const d of [a, b, c]) expect(await d.items.get(coat.id), "on every device").toMatchObject({ name: "Camel coat", wearCount: 2 });
    expect(await dump(a)).toBe(await dump(b));
    expect(await dump(c)).toBe(await dump(b));
  });
});
