import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { CuratorDB, SCHEMA_VERSION } from "../db";
import { upgradeRenamedSubtypes } from "./subtypes";

const name = `subtypes-${Math.random()}`;
afterEach(async () => {
  await Dexie.delete(name);
});

describe("schema v6: renamed subtypes", () => {
  it("rewrites 'sunglasses' as 'glasses' in stored items and touches nothing else", async () => {
    const before = new Dexie(name);
    before.version(1).stores({ items: "id" });
    await before.table("items").bulkPut([
      { id: "a", updatedAt: 5, category: "accessory", subtype: "sunglasses" },
      { id: "b", updatedAt: 6, category: "accessory", subtype: "scarf" },
      { id: "c", updatedAt: 7, category: "dress", subtype: "kimono" },
      { id: "d", updatedAt: 8, category: null, subtype: null },
    ]);
    before.close();
    const after = new Dexie(name);
    after.version(1).stores({ items: "id" });
    after
      .version(2)
      .stores({})
      .upgrade((tx) => upgradeRenamedSubtypes(tx.table("items")));
    const rows = await after.table("items").orderBy("id").toArray();
    expect(rows.map((r: { subtype: unknown }) => r.subtype)).toEqual(["glasses", "scarf", "kimono", null]);
    expect(rows.map((r: { updatedAt: number }) => r.updatedAt)).toEqual([5, 6, 7, 8]);
    after.close();
  });

  it("is wired into the app's database", async () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(6);
    const old = new Dexie(name);
    old.version(5).stores({ items: "id, createdAt, updatedAt, category, favourite, wearCount, price, deletedAt, *seasons, *occasions" });
    await old.table("items").put({ id: "x", updatedAt: 1, category: "accessory", subtype: "sunglasses", recognition: null });
    old.close();
    const db = new CuratorDB(name);
    expect((await db.table("items").get("x"))?.subtype).toBe("glasses");
    db.close();
  });
});
