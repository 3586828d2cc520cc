import "fake-indexeddb/auto";
import { Dexie } from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { CuratorDB, db, SCHEMA_VERSION } from "./db";
import { deleteSavedOutfit, deleteWear, listSavedOutfits, listWearBetween, logWear, saveOutfit } from "./outfits";
import { TABLES } from "./schema";

/** A database as an older version of the app left it: the stores of versions 1…`upTo`, exactly as they shipped. */
function oldDatabase(name: string, upTo: number): Dexie {
  const old = new Dexie(name);
  old.version(1).stores({
    items: "id, createdAt, updatedAt, category, favourite, wearCount, price, deletedAt, *seasons, *occasions",
    images: "id, itemId, sha256",
    profile: "id",
  });
  if (upTo >= 2) old.version(2).stores({ predictions: "id, itemId, createdAt, modelVersion, outcome", settings: "key" });
  if (upTo >= 3) old.version(3).stores({ outfits: "id, createdAt, updatedAt", wearLog: "id, date, outfitId, createdAt, updatedAt, *itemIds", learner: "id" });
  return old;
}

const ITEM_IDS = ["item-aaaa-1", "item-bbbb-2"];
const NOW = new Date(2026, 10, 20, 9, 30).getTime();

afterEach(async () => {
  await db.delete();
});

describe("the database schema", () => {
  it("is declared from the record schema, each table once, up to the latest version", async () => {
    await db.open();
    // v5 is the model-identity upgrade; later versions add to it.
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
    expect(new Set(TABLES.map((t) => t.name)).size).toBe(TABLES.length);
    expect(db.tables.map((t) => t.name).sort()).toEqual(TABLES.map((t) => t.name).sort());
  });

  it("upgrades a v2 database in place: existing items and settings stay, the outfit tables appear", async () => {
    const name = "curator-upgrade-v2";
    const old = oldDatabase(name, 2);
    await old.table("items").put({ id: "kept", createdAt: 1, updatedAt: 1, deletedAt: null, wearCount: 3 });
    await old.table("settings").put({ key: "confidenceThreshold", value: 0.9, updatedAt: 1 });
    old.close();

    const upgraded = new CuratorDB(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(SCHEMA_VERSION);
    expect(await upgraded.items.get("kept")).toMatchObject({ wearCount: 3 });
    expect(await upgraded.settings.get("confidenceThreshold")).toMatchObject({ value: 0.9 });
    expect(await upgraded.wearLog.count()).toBe(0);
    expect(await upgraded.outfits.count()).toBe(0);
    await upgraded.delete();
  });

  it("v4: saved outfits and wear records stored before tombstones get deletedAt: null; tombstones and other rows are left as they are", async () => {
    const name = "curator-upgrade-v3";
    const old = oldDatabase(name, 3);
    const outfit = { id: "outfit-old-1", createdAt: 1, updatedAt: 1, itemIds: ITEM_IDS, name: "Old", score: null };
    const deleted = { ...outfit, id: "outfit-old-2", itemIds: ["item-cccc-3"], deletedAt: 5 };
    const wear = { id: "wear-old-1", date: "2026-11-19", outfitId: outfit.id, itemIds: ITEM_IDS, createdAt: 2, updatedAt: 2, wornAt: 2 };
    await old.table("outfits").bulkPut([outfit, deleted]);
    await old.table("wearLog").put(wear);
    await old.table("learner").put({ id: "me", state: { odd: true }, updatedAt: 3 });
    old.close();

    const upgraded = new CuratorDB(name);
    await upgraded.open();
    expect(await upgraded.outfits.get(outfit.id)).toEqual({ ...outfit, deletedAt: null });
    expect(await upgraded.outfits.get(deleted.id)).toEqual(deleted);
    expect(await upgraded.wearLog.get(wear.id)).toEqual({ ...wear, deletedAt: null });
    expect(await upgraded.learner.get("me")).toEqual({ id: "me", state: { odd: true }, updatedAt: 3 });
    // Every row now matches its type.
    for (const t of [upgraded.outfits, upgraded.wearLog])
      for (const r of await t.toArray()) expect(r.deletedAt === null || typeof r.deletedAt === "number").toBe(true);
    await upgraded.delete();
  });

  it("v5: model identities stored as text become { name, version }, and the prediction log is no longer indexed by model", async () => {
    const name = "curator-upgrade-v3-models";
    const old = oldDatabase(name, 3);
    const recognition = { modelVersion: "garment-classifier@3", top: [], confirmedByUser: false };
    await old.table("items").put({ id: "item-aaaa-1", createdAt: 1, updatedAt: 1, deletedAt: null, recognition });
    await old.table("predictions").put({
      id: "log-aaaa-1",
      itemId: "item-aaaa-1",
      createdAt: 1,
      updatedAt: 1,
      modelVersion: "garment-classifier@3",
      embedderVersion: "garment-embedder@2",
      outcome: "accepted",
    });
    old.close();

    const upgraded = new CuratorDB(name);
    await upgraded.open();
    expect((await upgraded.items.get("item-aaaa-1"))?.recognition?.modelVersion).toEqual({ name: "garment-classifier", version: 3 });
    expect(await upgraded.predictions.get("log-aaaa-1")).toMatchObject({
      modelVersion: { name: "garment-classifier", version: 3 },
      embedderVersion: { name: "garment-embedder", version: 2 },
      updatedAt: 1,
    });
    expect(upgraded.predictions.schema.indexes.map((i) => i.name).sort()).toEqual(["createdAt", "itemId", "outcome"]);
    await upgraded.delete();
  });

  it("after the upgrade, an outfit and a wear from before tombstones are listed, renamed and deleted like any other", async () => {
    await db.delete();
    const old = oldDatabase(db.name, 3);
    await old
      .table("items")
      .bulkPut(ITEM_IDS.map((id) => ({ id, createdAt: 1, updatedAt: 1, name: id, deletedAt: null, wearCount: 1, lastWornAt: 2, imageId: null })));
    const outfit = { id: "outfit-old-1", createdAt: 1, updatedAt: 1, itemIds: ITEM_IDS, name: "Old", score: null };
    await old.table("outfits").put(outfit);
    await old.table("wearLog").put({ id: "wear-old-1", date: "2026-11-19", outfitId: outfit.id, itemIds: ITEM_IDS, createdAt: 2, updatedAt: 2, wornAt: 2 });
    old.close();

    await db.open();
    expect(await listSavedOutfits()).toEqual([{ ...outfit, deletedAt: null }]);
    expect((await listWearBetween("2026-11-19", "2026-11-19")).map((w) => w.id)).toEqual(["wear-old-1"]);
    await expect(logWear({ itemIds: ITEM_IDS, date: "2026-11-19" }, NOW)).rejects.toThrow(/already logged/);
    expect(await saveOutfit({ itemIds: ITEM_IDS, name: "Renamed" }, NOW + 1)).toMatchObject({ id: outfit.id, name: "Renamed", deletedAt: null });
    await deleteSavedOutfit(outfit.id, NOW + 2);
    expect(await listSavedOutfits()).toEqual([]);
    expect((await db.wearLog.get("wear-old-1"))?.outfitId).toBeNull();
    expect(await deleteWear("wear-old-1", NOW + 3)).toBe(true);
    expect(await listWearBetween("2026-11-19", "2026-11-19")).toEqual([]);
    expect(await db.items.get(ITEM_IDS[0]!)).toMatchObject({ wearCount: 0, lastWornAt: null });
  });
});
