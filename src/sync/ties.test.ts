import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { syncNow } from "./sync";
import { addItem, dump, newBucket, syncFixtures } from "./syncTestkit";

/**
 * Found by the sync fuzzer: two devices whose clocks are behind an item's date both
 * edit it ("one past its date", as the app stamps edits), so their copies are dated
 * alike but differ. Each device used to keep its own for ever (same date: the one
 * here stays) and sync reported nothing to do. A tie is now settled the same way on
 * every device, and the device whose copy won tells the bucket.
 */

const fx = syncFixtures();

describe("two different copies dated alike", () => {
  it("end up the same on every device", async () => {
    const config = await newBucket(fx.port);
    const [a, b] = [await fx.device(), await fx.device()];
    const coat = await addItem(a, 1, { name: "Coat" }, Date.now() + 60_000); // dated by a clock ahead
    await syncNow(config, { db: a });
    await syncNow(config, { db: b });
    const tie = coat.updatedAt + 1;
    await a.items.update(coat.id, { name: "Coat (A)", updatedAt: tie });
    await b.items.update(coat.id, { name: "Coat (B)", updatedAt: tie });
    for (let round = 0; round < 2; round++) for (const d of [a, b]) await syncNow(config, { db: d });
    expect((await a.items.get(coat.id))!.name).toBe((await b.items.get(coat.id))!.name);
    expect(await dump(a)).toBe(await dump(b));
    // And they are quiet: nothing goes back and forth.
    for (const d of [a, b]) expect(await syncNow(config, { db: d })).toMatchObject({ pushed: false });
  });
});
