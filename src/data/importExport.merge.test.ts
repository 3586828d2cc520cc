import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import type { Item } from "@domain/wardrobe/types";
import { db } from "./db";
import { StorageFullError } from "./errors";
import { exportWardrobe } from "./exportWardrobe";
import { importWardrobe } from "./importWardrobe";
import { addItemWithPhoto, updateItem } from "./items";
import { deleteWear, listWearBetween, logWear, wornAtFor } from "./outfits";
import { fakePhoto } from "./testing";
import { dump, emptyDb, freshDatabasePerTest, fullState, NOW, wearCounts } from "./backupTestkit";

freshDatabasePerTest();

const noon = (date: string) => wornAtFor(date, NOW);

interface Wardrobe {
  tee: Item;
  jeans: Item;
  shoes: Item;
}

/**
 * Two devices sharing one wardrobe: B made it (with `base` run on it first), A
 * restored B's export, then each ran its own steps. Leaves this database as A and
 * returns B's export made after its steps (and B's items as they were then).
 */
async function twoDevices(steps: { base?: (w: Wardrobe) => Promise<void>; onA: (w: Wardrobe) => Promise<void>; onB: (w: Wardrobe) => Promise<void> }) {
  const w: Wardrobe = {
    tee: await addItemWithPhoto(await fakePhoto(1), { name: "Tee", category: "top", subtype: "t-shirt" }, NOW - 9000),
    jeans: await addItemWithPhoto(await fakePhoto(2), { name: "Jeans", category: "bottom", subtype: "jeans" }, NOW - 9000),
    shoes: await addItemWithPhoto(await fakePhoto(3), { name: "Shoes", category: "shoes", subtype: "sneakers" }, NOW - 9000),
  };
  await steps.base?.(w);
  const shared = await exportWardrobe();
  await steps.onB(w);
  const fromB = await exportWardrobe();
  const itemsOnB = await db.items.toArray();
  await emptyDb();
  await importWardrobe(shared);
  await steps.onA(w);
  return { w, fromB, itemsOnB };
}

const countsOf = async (w: Wardrobe) => {
  const c = wearCounts(await db.items.toArray());
  return { tee: c[w.tee.id], jeans: c[w.jeans.id], shoes: c[w.shoes.id] };
};

describe("wear counts after merging two devices' wear logs", () => {
  it("wears logged on each device add up, whichever item copy is newer; importing again changes nothing; both devices agree", async () => {
    const { w, fromB, itemsOnB } = await twoDevices({
      // A wore the tee with the shoes on the 19th; B wore it with the jeans on the 18th, but logged it later (B's tee is the newer copy).
      onA: async ({ tee, shoes }) => void (await logWear({ itemIds: [tee.id, shoes.id], date: "2026-11-19" }, NOW - 1000)),
      onB: async ({ tee, jeans }) => void (await logWear({ itemIds: [tee.id, jeans.id], date: "2026-11-18" }, NOW)),
    });
    // The fixture means something: B's tee (one wear, on the 18th) is newer than A's (one wear, on the 19th).
    const teeOnB = itemsOnB.find((i) => i.id === w.tee.id)!;
    const teeOnA = (await db.items.get(w.tee.id))!;
    expect(teeOnB).toMatchObject({ wearCount: 1, lastWornAt: noon("2026-11-18") });
    expect(teeOnA).toMatchObject({ wearCount: 1, lastWornAt: noon("2026-11-19") });
    expect(teeOnB.updatedAt).toBeGreaterThan(teeOnA.updatedAt);

    await importWardrobe(fromB);
    const merged = {
      tee: { wearCount: 2, lastWornAt: noon("2026-11-19") },
      jeans: { wearCount: 1, lastWornAt: noon("2026-11-18") },
      shoes: { wearCount: 1, lastWornAt: noon("2026-11-19") },
    };
    expect(await listWearBetween("2026-11-01", "2026-11-30")).toHaveLength(2);
    expect(await countsOf(w)).toEqual(merged);

    // The same file again: nothing moves.
    const once = await dump();
    await importWardrobe(fromB);
    expect(await dump()).toEqual(once);

    // B takes A's merged export: it ends with the same counts (B restored from its own file first).
    const fromA = await exportWardrobe();
    await emptyDb();
    await importWardrobe(fromB);
    expect((await countsOf(w)).tee).toEqual({ wearCount: 1, lastWornAt: noon("2026-11-18") });
    await importWardrobe(fromA);
    expect(await countsOf(w)).toEqual(merged);
  });

  it("a wear removed on the device with the newer item copy does not take away a wear logged on the other", async () => {
    const { w, fromB } = await twoDevices({
      base: async ({ tee, jeans }) => void (await logWear({ itemIds: [tee.id, jeans.id], date: "2026-11-17" }, NOW - 8000)),
      onA: async ({ tee, shoes }) => void (await logWear({ itemIds: [tee.id, shoes.id], date: "2026-11-19" }, NOW - 1000)),
      // B removes the shared wear of the 17th, after A logged the 19th: B's tee (no wears) is the newer copy.
      onB: async () => {
        const [shared] = await db.wearLog.toArray();
        expect(await deleteWear(shared!.id, NOW)).toBe(true);
      },
    });
    expect((await countsOf(w)).tee).toEqual({ wearCount: 2, lastWornAt: noon("2026-11-19") });

    await importWardrobe(fromB);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((e) => e.date)).toEqual(["2026-11-19"]);
    expect(await countsOf(w)).toEqual({
      tee: { wearCount: 1, lastWornAt: noon("2026-11-19") },
      jeans: { wearCount: 0, lastWornAt: null },
      shoes: { wearCount: 1, lastWornAt: noon("2026-11-19") },
    });
    const once = await dump();
    await importWardrobe(fromB);
    expect(await dump()).toEqual(once);
  });

  it("wears marked by hand (no wear record) travel with the item copy that wins and are added to the merged log's", async () => {
    const { w, fromB } = await twoDevices({
      // A marks the tee worn by hand (the item editor's "Marked as worn"), after everything B did.
      onA: async ({ tee }) => void (await updateItem(tee.id, { wearCount: 1, lastWornAt: NOW - 100 }, NOW + 500)),
      // B logs the tee and jeans on the 18th, then marks the jeans worn by hand once more (B's jeans are newer).
      onB: async ({ tee, jeans }) => {
        await logWear({ itemIds: [tee.id, jeans.id], date: "2026-11-18" }, NOW);
        const j = (await db.items.get(jeans.id))!;
        await updateItem(jeans.id, { wearCount: j.wearCount + 1, lastWornAt: NOW + 50 }, NOW + 100);
      },
    });
    await importWardrobe(fromB);
    expect(await countsOf(w)).toEqual({
      tee: { wearCount: 2, lastWornAt: NOW - 100 }, // A's mark + B's logged wear; the mark is the latest
      jeans: { wearCount: 2, lastWornAt: NOW + 50 }, // B's logged wear + B's mark
      shoes: { wearCount: 0, lastWornAt: null },
    });
    const once = await dump();
    await importWardrobe(fromB);
    expect(await dump()).toEqual(once);
  });

  it("restoring onto an empty device gives exactly the source's counts and last-worn times (hand marks and removed wears included)", async () => {
    const { items } = await fullState();
    const [tee, , shoes] = items;
    await updateItem(shoes!.id, { wearCount: shoes!.wearCount + 1, lastWornAt: NOW + 200 }, NOW + 200);
    const wear20 = (await db.wearLog.toArray()).find((e) => e.date === "2026-11-20")!;
    expect(await deleteWear(wear20.id, NOW + 300)).toBe(true);
    const source = await dump();
    expect(wearCounts(source.items)[tee!.id]).toEqual({ wearCount: 1, lastWornAt: noon("2026-11-19") });
    expect(wearCounts(source.items)[shoes!.id]).toEqual({ wearCount: 2, lastWornAt: NOW + 200 });
    const file = await exportWardrobe();
    await emptyDb();
    await importWardrobe(file);
    expect(await dump()).toEqual(source);
  });

  it("the recount is part of the import's transaction: a failed import leaves every count as it was", async () => {
    const { w, fromB } = await twoDevices({
      onA: async ({ tee, shoes }) => void (await logWear({ itemIds: [tee.id, shoes.id], date: "2026-11-19" }, NOW - 1000)),
      onB: async ({ tee, jeans }) => void (await logWear({ itemIds: [tee.id, jeans.id], date: "2026-11-18" }, NOW)),
    });
    const before = await dump();
    // The learner is written after the recount (B's, from its wear lesson, is newer than A's).
    vi.spyOn(db.learner, "bulkPut").mockRejectedValue(new DOMException("The quota has been exceeded.", "QuotaExceededError"));
    await expect(importWardrobe(fromB)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect(await dump()).toEqual(before);
    // The control: without the failure the counts do change.
    await importWardrobe(fromB);
    expect((await countsOf(w)).tee?.wearCount).toBe(2);
  });
});
