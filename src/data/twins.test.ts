import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CuratorDB, db } from "./db";
import { addItemWithPhoto, deleteItem, updateItem } from "./items";
import { possibleTwins } from "./twins";
import { fakePhoto } from "./testing";
import { newItem } from "@domain/wardrobe/item";

const names = async (category: Parameters<typeof possibleTwins>[0]) => (await possibleTwins(category)).map((i) => i.name).sort();
const add = async (seed: number, name: string, category: "top" | "bottom") => addItemWithPhoto(await fakePhoto(seed), { name, category });

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe("possible twins, kept between photos", () => {
  it("an import's new items join the kept candidates without the category being read again", async () => {
    await add(1, "tee", "top");
    await add(2, "jeans", "bottom");
    expect(await names("top")).toEqual(["tee"]);
    const reads = vi.spyOn(db.items, "where");
    await add(3, "shirt", "top");
    await add(4, "chinos", "bottom");
    expect(await names("top")).toEqual(["shirt", "tee"]);
    expect(reads).not.toHaveBeenCalled();
    // A category not read yet is read (once), new items included.
    expect(await names("bottom")).toEqual(["chinos", "jeans"]);
    expect(await names("bottom")).toEqual(["chinos", "jeans"]);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("an edit, a deletion or a category changed is seen by the next photo", async () => {
    const tee = await add(1, "tee", "top");
    const shirt = await add(2, "shirt", "top");
    expect(await names("top")).toEqual(["shirt", "tee"]);
    await updateItem(tee.id, { name: "white tee" });
    expect(await names("top")).toEqual(["shirt", "white tee"]);
    await updateItem(shirt.id, { category: "outerwear" });
    expect(await names("top")).toEqual(["white tee"]);
    expect(await names("outerwear")).toEqual(["shirt"]);
    await deleteItem(tee.id);
    expect(await names("top")).toEqual([]);
  });

  it("changes made in another tab (another connection: no hook here sees them) are seen by the next photo", async () => {
    const tee = await add(1, "tee", "top");
    await add(2, "shirt", "top");
    expect(await names("top")).toEqual(["shirt", "tee"]);
    const otherTab = new CuratorDB();
    try {
      await otherTab.items.update(tee.id, { name: "white tee" });
      expect(await names("top")).toEqual(["shirt", "white tee"]);
      await otherTab.items.add(newItem("from-sync", 2_000, { name: "polo", category: "top" }));
      expect(await names("top")).toEqual(["polo", "shirt", "white tee"]);
      await otherTab.items.update(tee.id, { deletedAt: 3_000 });
      expect(await names("top")).toEqual(["polo", "shirt"]);
    } finally {
      otherTab.close();
    }
  });

  it("an item whose transaction failed is not a candidate; one without a category never is", async () => {
    await add(1, "tee", "top");
    expect(await names("top")).toEqual(["tee"]);
    const ghost = newItem("ghost-id", 1_000, { name: "ghost", category: "top" });
    await expect(
      db.transaction("rw", db.items, async () => {
        await db.items.add(ghost);
        throw new Error("the disk is full");
      }),
    ).rejects.toThrow("the disk is full");
    await addItemWithPhoto(await fakePhoto(2), { name: "unsorted" });
    expect(await names("top")).toEqual(["tee"]);
    expect(await possibleTwins(null)).toEqual([]);
  });

  it("a wardrobe deleted and made again is read afresh", async () => {
    await add(1, "tee", "top");
    expect(await names("top")).toEqual(["tee"]);
    await db.delete();
    await db.open();
    expect(await names("top")).toEqual([]);
  });

  it("what a caller does to the list it got does not change what the next caller gets", async () => {
    await add(1, "tee", "top");
    for (let call = 0; call < 2; call++) (await possibleTwins("top")).length = 0; // the read, then the kept list
    expect(await names("top")).toEqual(["tee"]);
  });
});
