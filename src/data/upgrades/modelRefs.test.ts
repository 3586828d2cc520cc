import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { upgradeModelRefs } from "./modelRefs";

// The two tables as the app's schema v2/v3 declares them (the upgrade touches nothing else).
const STORES = {
  items: "id, createdAt, updatedAt, category, favourite, wearCount, price, deletedAt, *seasons, *occasions",
  predictions: "id, itemId, createdAt, modelVersion, outcome",
};
const name = `model-refs-${Math.random()}`;

afterEach(async () => {
  await Dexie.delete(name);
});

describe("upgradeModelRefs", () => {
  it("turns stored 'name@version' text into { name, version }, leaving everything else as it was", async () => {
    const before = new Dexie(name);
    before.version(1).stores(STORES);
    await before.table("items").bulkPut([
      { id: "a", updatedAt: 5, recognition: { modelVersion: "garment-classifier@3", top: [], confirmedByUser: false } },
      { id: "b", updatedAt: 6, recognition: null },
      { id: "c", updatedAt: 7, recognition: { modelVersion: { name: "garment-classifier", version: 4 }, top: [], confirmedByUser: true } },
      { id: "d", updatedAt: 8, recognition: { modelVersion: "garment-classifier-v1", top: [], confirmedByUser: false } },
    ]);
    await before.table("predictions").bulkPut([
      { id: "p", itemId: "a", createdAt: 1, updatedAt: 1, modelVersion: "garment-classifier@3", embedderVersion: "garment-embedder@2", outcome: "accepted" },
      {
        id: "q",
        itemId: "c",
        createdAt: 2,
        updatedAt: 2,
        modelVersion: { name: "garment-classifier", version: 4 },
        embedderVersion: { name: "garment-embedder", version: 4 },
        outcome: "pending",
      },
    ]);
    before.close();

    const after = new Dexie(name);
    after.version(1).stores(STORES);
    after.version(2).stores({}).upgrade(upgradeModelRefs);
    const items = await after.table("items").orderBy("id").toArray();
    expect(items.map((i: { recognition: unknown }) => i.recognition)).toEqual([
      { modelVersion: { name: "garment-classifier", version: 3 }, top: [], confirmedByUser: false },
      null,
      { modelVersion: { name: "garment-classifier", version: 4 }, top: [], confirmedByUser: true },
      { modelVersion: "garment-classifier-v1", top: [], confirmedByUser: false },
    ]);
    expect(items.map((i: { updatedAt: number }) => i.updatedAt)).toEqual([5, 6, 7, 8]);
    const logs = await after.table("predictions").orderBy("id").toArray();
    expect(logs.map((l: { modelVersion: unknown; embedderVersion: unknown }) => [l.modelVersion, l.embedderVersion])).toEqual([
      [
        { name: "garment-classifier", version: 3 },
        { name: "garment-embedder", version: 2 },
      ],
      [
        { name: "garment-classifier", version: 4 },
        { name: "garment-embedder", version: 4 },
      ],
    ]);
    after.close();
  });
});
