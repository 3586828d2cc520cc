import "fake-indexeddb/auto";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "./db";
import { exportWardrobe } from "./exportWardrobe";
import { newId } from "./ids";
import { importWardrobe } from "./importWardrobe";
import { updateItem } from "./items";
import { deleteSavedOutfit, listSavedOutfits, listWearBetween, type SavedOutfit, type WearLogEntry } from "./outfits";
import { DELETED_AT, deletedOnDevice, dump, edited, emptyDb, everything, freshDatabasePerTest, fullState, records, wearCounts } from "./backupTestkit";

freshDatabasePerTest();

describe("tombstones in export and import", () => {
  it("exports tombstones and brings them into an empty database as they are", async () => {
    const { outfit, removed, after, state } = await deletedOnDevice();
    const data = JSON.parse(strFromU8(unzipSync(new Uint8Array(await after.arrayBuffer()))["data.json"]!)) as {
      outfits: SavedOutfit[];
      wearLog: WearLogEntry[];
    };
    expect(data.outfits).toEqual([expect.objectContaining({ id: outfit.id, deletedAt: DELETED_AT })]);
    expect(data.wearLog.find((w) => w.id === removed.id)).toMatchObject({ deletedAt: DELETED_AT });
    expect(data.wearLog.filter((w) => w.deletedAt === null)).toHaveLength(1);
    await emptyDb();
    // The tombstones are recorded, but neither brought in nor deletions here (there was nothing to delete).
    expect(await importWardrobe(after)).toEqual({ ...everything("added"), outfits: records({ tombstones: 1 }), wearLog: records({ added: 1, tombstones: 1 }) });
    expect(await dump()).toEqual(state);
    expect(await listSavedOutfits()).toEqual([]);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((w) => w.date)).toEqual(["2026-11-19"]);
  });

  it("an older backup brings back neither the deleted outfit nor the removed wear, and leaves wear counts alone", async () => {
    const { before, state } = await deletedOnDevice();
    const s = await importWardrobe(before);
    expect(s).toEqual(everything("unchanged"));
    expect(await dump()).toEqual(state);
    expect(await listSavedOutfits()).toEqual([]);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((w) => w.date)).toEqual(["2026-11-19"]);
  });

  it("a newer tombstone in the file deletes the live copy here; the file's newer items already hold the counts", async () => {
    const { before, after, state } = await deletedOnDevice();
    await emptyDb();
    await importWardrobe(before); // this device: everything still live
    expect(await listSavedOutfits()).toHaveLength(1);
    const s = await importWardrobe(after);
    expect(s.outfits).toEqual(records({ deleted: 1 }));
    expect(s.wearLog).toEqual(records({ updated: 1, deleted: 1 })); // the one unlinked from the outfit, and the removed one
    expect(s.items.updated).toBe(2); // the removed wear's two items
    // Exactly the deleting device's state: the counts were not lowered a second time.
    expect(await dump()).toEqual(state);
    expect(await importWardrobe(after)).toMatchObject({ items: { updated: 0 }, outfits: records({ unchanged: 1 }), wearLog: records({ unchanged: 2 }) });
    expect(await dump()).toEqual(state);
  });

  it("a newer tombstone over a wear here lowers the counts of items whose newer copy is here, once", async () => {
    const { kept, removed, before, after, state } = await deletedOnDevice();
    await emptyDb();
    await importWardrobe(before);
    // Edited here after the other device removed the wear: these copies win over the file's.
    for (const item of await db.items.toArray()) await updateItem(item.id, { notes: "edited here" }, DELETED_AT + 1000);
    const wornBefore = wearCounts(await db.items.toArray());
    const s = await importWardrobe(after);
    expect(s.items.unchanged).toBe(3);
    expect(s.wearLog).toEqual(records({ updated: 1, deleted: 1 }));
    const items = await db.items.toArray();
    expect(items.map((i) => i.notes)).toEqual(["edited here", "edited here", "edited here"]);
    // The same counts and last-worn times as on the device that removed it…
    expect(wearCounts(items)).toEqual(wearCounts(state.items));
    // …which is one wear fewer on the removed wear's items, and the last-worn time falls back to the kept wear.
    for (const id of removed.itemIds) {
      expect(items.find((i) => i.id === id)).toMatchObject({ wearCount: wornBefore[id]!.wearCount - 1, lastWornAt: kept.wornAt });
      expect(wornBefore[id]!.lastWornAt).toBe(removed.wornAt);
    }
    expect((await db.wearLog.get(removed.id))?.deletedAt).toBe(DELETED_AT);
    // Importing it again does not lower them again.
    await importWardrobe(after);
    expect(wearCounts(await db.items.toArray())).toEqual(wearCounts(state.items));
  });

  it("a tombstone here under its own id: an older live copy of the same outfit or day does not come back, a newer one does", async () => {
    const { outfit } = await fullState();
    const file = await exportWardrobe();
    const wears = await db.wearLog.toArray();
    const counts = wearCounts(await db.items.toArray());
    // This device saved the same outfit and logged the same wears under its own ids, then deleted them all.
    const localOutfitId = newId();
    const localWears = wears.map((w) => ({ ...w, id: newId(), outfitId: w.outfitId && localOutfitId, deletedAt: DELETED_AT, updatedAt: DELETED_AT }));
    await db.outfits.clear();
    await db.outfits.put({ ...outfit, id: localOutfitId, deletedAt: DELETED_AT, updatedAt: DELETED_AT });
    await db.wearLog.clear();
    await db.wearLog.bulkPut(localWears);
    // …and its items' counts went down with the wears, as deleteWear does (they are newer than the file's copies).
    for (const item of await db.items.toArray()) await db.items.put({ ...item, wearCount: 0, lastWornAt: null, updatedAt: DELETED_AT });
    const lowered = wearCounts(await db.items.toArray());

    const s = await importWardrobe(file);
    expect(s.outfits).toEqual(records({ unchanged: 1 }));
    expect(s.wearLog).toEqual(records({ unchanged: 2 }));
    expect(await db.outfits.count()).toBe(1);
    expect(await db.wearLog.count()).toBe(2);
    expect(await listSavedOutfits()).toEqual([]);
    expect(await listWearBetween("2026-11-01", "2026-11-30")).toEqual([]);
    expect(wearCounts(await db.items.toArray())).toEqual(lowered);

    // Saved and worn again on the other device after this one deleted them: they come back here, under this device's ids.
    const later = await edited(file, (d) => {
      for (const kind of ["outfits", "wearLog"]) for (const r of d[kind] as { updatedAt: number }[]) r.updatedAt = DELETED_AT + 500;
    });
    const s2 = await importWardrobe(later);
    expect(s2.outfits).toEqual(records({ updated: 1 }));
    expect(s2.wearLog).toEqual(records({ updated: 2 }));
    expect(await db.outfits.count()).toBe(1);
    expect(await listSavedOutfits()).toEqual([expect.objectContaining({ id: localOutfitId, name: "Monday", deletedAt: null })]);
    const live = await listWearBetween("2026-11-01", "2026-11-30");
    expect(live.map((w) => w.id).sort()).toEqual(localWears.map((w) => w.id).sort());
    expect(live.find((w) => w.date === "2026-11-19")?.outfitId).toBe(localOutfitId);
    // The wears that came back count again (the items here are newer, yet end with the other device's counts).
    expect(counts).not.toEqual(lowered);
    expect(wearCounts(await db.items.toArray())).toEqual(counts);
  });

  it("wears added from a file never point at an outfit deleted here", async () => {
    const { outfit } = await fullState();
    const file = await exportWardrobe();
    await db.wearLog.clear();
    await deleteSavedOutfit(outfit.id, DELETED_AT);
    expect((await importWardrobe(file)).wearLog).toEqual(records({ added: 2 }));
    expect((await db.wearLog.toArray()).map((w) => w.outfitId)).toEqual([null, null]);
    expect(await listSavedOutfits()).toEqual([]);
  });

  it("a newer tombstone for the same outfit and day under other ids deletes them here and unlinks this device's wears", async () => {
    const { outfit, kept, removed, before, after } = await deletedOnDevice();
    await emptyDb();
    await importWardrobe(before);
    // This device holds the outfit and the wears under its own ids; its record of the 19th is newer than the file's.
    const localOutfitId = newId();
    const ids = new Map([
      [kept.id, newId()],
      [removed.id, newId()],
    ]);
    const wears = await db.wearLog.toArray();
    await db.outfits.clear();
    await db.outfits.put({ ...outfit, id: localOutfitId });
    await db.wearLog.clear();
    await db.wearLog.bulkPut(
      wears.map((w) => ({ ...w, id: ids.get(w.id)!, outfitId: w.outfitId && localOutfitId, ...(w.id === kept.id ? { updatedAt: DELETED_AT + 2000 } : {}) })),
    );
    expect(await db.wearLog.get(ids.get(kept.id)!)).toMatchObject({ outfitId: localOutfitId });

    const s = await importWardrobe(after);
    expect(s.outfits).toEqual(records({ deleted: 1 }));
    expect(s.wearLog).toEqual(records({ deleted: 1, unchanged: 1 }));
    expect(await db.outfits.toArray()).toEqual([expect.objectContaining({ id: localOutfitId, deletedAt: DELETED_AT })]);
    expect(await db.wearLog.get(ids.get(removed.id)!)).toMatchObject({ deletedAt: DELETED_AT });
    // The newer wear here was kept, but no longer points to the deleted outfit.
    const keptHere = await db.wearLog.get(ids.get(kept.id)!);
    expect(keptHere).toMatchObject({ deletedAt: null, outfitId: null });
    expect(keptHere!.updatedAt).toBeGreaterThan(DELETED_AT + 2000);
    expect(await db.wearLog.count()).toBe(2);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((w) => w.id)).toEqual([ids.get(kept.id)]);
  });

  it("where a combination has a live record and a tombstone here, the file's copy updates the live one", async () => {
    const { outfit } = await fullState();
    const file = await edited(await exportWardrobe(), (d) => {
      // Made on another device: other ids, and newer than anything here.
      const outfitId = newId();
      for (const o of d.outfits as SavedOutfit[]) Object.assign(o, { id: outfitId, updatedAt: DELETED_AT + 500 });
      for (const w of d.wearLog as WearLogEntry[]) Object.assign(w, { id: newId(), outfitId: w.outfitId && outfitId, updatedAt: DELETED_AT + 500 });
    });
    const wears = await db.wearLog.toArray();
    // Ids chosen so that the tombstone is read after the live record (a naive map would keep the tombstone).
    const [live, dead] = ["aaaaaaaa-live", "zzzzzzzz-dead"];
    await db.outfits.clear();
    await db.outfits.bulkPut([
      { ...outfit, id: live, name: "Live here" },
      { ...outfit, id: dead, name: "Deleted here", deletedAt: DELETED_AT, updatedAt: DELETED_AT },
    ]);
    await db.wearLog.clear();
    await db.wearLog.bulkPut(
      wears.flatMap((w) => [
        { ...w, id: `aaaaaaaa-${w.date}`, outfitId: w.outfitId && live },
        { ...w, id: `zzzzzzzz-${w.date}`, outfitId: null, deletedAt: DELETED_AT, updatedAt: DELETED_AT },
      ]),
    );
    const s = await importWardrobe(file);
    expect(s.outfits).toEqual(records({ updated: 1 }));
    expect(s.wearLog).toEqual(records({ updated: 2 }));
    expect(await listSavedOutfits()).toEqual([expect.objectContaining({ id: live, name: "Monday" })]);
    expect((await db.outfits.get(dead))?.deletedAt).toBe(DELETED_AT);
    const liveWears = await listWearBetween("2026-11-01", "2026-11-30");
    expect(liveWears.map((w) => w.id).sort()).toEqual(["aaaaaaaa-2026-11-19", "aaaaaaaa-2026-11-20"]);
    expect(liveWears.find((w) => w.date === "2026-11-19")?.outfitId).toBe(live);
    expect(await db.wearLog.count()).toBe(4);
  });

  it("a file from before tombstones (no deletedAt) imports its outfits and wears as live", async () => {
    await fullState();
    const file = await edited(await exportWardrobe(), (d) => {
      for (const kind of ["outfits", "wearLog"]) for (const r of d[kind] as Record<string, unknown>[]) delete r.deletedAt;
    });
    await emptyDb();
    expect(await importWardrobe(file)).toEqual(everything("added"));
    expect((await db.outfits.toArray()).map((o) => o.deletedAt)).toEqual([null]);
    expect((await db.wearLog.toArray()).map((w) => w.deletedAt)).toEqual([null, null]);
    expect(await listSavedOutfits()).toHaveLength(1);
    expect(await listWearBetween("2026-11-01", "2026-11-30")).toHaveLength(2);
  });

  it("counts tombstones apart: a deletion of a record live here, or a tombstone that changes nothing here; never as added or updated", async () => {
    const { before, after, state } = await deletedOnDevice();
    await emptyDb();
    await importWardrobe(before); // everything live here
    const s = await importWardrobe(after);
    expect(s.outfits).toEqual(records({ deleted: 1 }));
    expect(s.wearLog).toEqual(records({ updated: 1, deleted: 1 }));
    expect(await dump()).toEqual(state);
    // A newer tombstone over one here, and one for a record never seen here: recorded, nothing deleted.
    const newer = await edited(after, (d) => {
      for (const kind of ["outfits", "wearLog"]) for (const r of d[kind] as SavedOutfit[]) if (r.deletedAt !== null) r.updatedAt += 500;
      (d.wearLog as WearLogEntry[]).push({
        ...(d.wearLog as WearLogEntry[])[0]!,
        id: newId(),
        date: "2026-11-02",
        deletedAt: DELETED_AT,
        updatedAt: DELETED_AT,
      });
    });
    const s2 = await importWardrobe(newer);
    expect(s2.outfits).toEqual(records({ tombstones: 1 }));
    expect(s2.wearLog).toEqual(records({ unchanged: 1, tombstones: 2 }));
    expect(await listSavedOutfits()).toEqual([]);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((w) => w.date)).toEqual(["2026-11-19"]);
    expect(wearCounts(await db.items.toArray())).toEqual(wearCounts(state.items));
  });

  it("a deleted item travels as a deletion: counted as deleted (not updated), and a tombstone for an item unknown here changes nothing", async () => {
    const { before } = await deletedOnDevice();
    await emptyDb();
    await importWardrobe(before);
    const live = (await db.items.toArray()).filter((i) => i.deletedAt === null);
    const gone = await edited(before, (d) => {
      const item = (d.items as { id: string; deletedAt: number | null; updatedAt: number }[])[0]!;
      item.deletedAt = DELETED_AT;
      item.updatedAt = DELETED_AT;
    });
    const s = await importWardrobe(gone);
    expect(s.items).toMatchObject({ added: 0, updated: 0, deleted: 1, tombstones: 0 });
    expect((await db.items.toArray()).filter((i) => i.deletedAt === null)).toHaveLength(live.length - 1);
    await emptyDb();
    expect((await importWardrobe(gone)).items).toMatchObject({ added: live.length - 1, deleted: 0, tombstones: 1 });
  });
});
