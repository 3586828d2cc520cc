import "fake-indexeddb/auto";
import { RangeSet } from "dexie";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Item } from "@domain/wardrobe/types";
import { db } from "./db";
import { addItemWithPhoto, deleteItem, listItems, updateItem } from "./items";
import { currentItems, patchItems, watchItems } from "./liveItems";
import { touchedItems } from "./touched";
import type { LiveSubscription } from "./live";
import { fakePhoto } from "./testing";

beforeEach(async () => {
  await db.open();
});
let subs: LiveSubscription[] = [];
afterEach(async () => {
  for (const s of subs) s.unsubscribe();
  subs = [];
  await db.delete();
});

/** A watcher whose answers can be awaited one by one. */
function watch() {
  const answers: Item[][] = [];
  const waiting: ((items: Item[]) => void)[] = [];
  subs.push(
    watchItems({
      next: (items) => {
        answers.push(items);
        waiting.shift()?.(items);
      },
      error: (e) => {
        throw e;
      },
    }),
  );
  const nextAnswer = () => new Promise<Item[]>((resolve) => waiting.push(resolve));
  return { answers, nextAnswer, settled: async () => (await new Promise((r) => setTimeout(r, 30)), answers.at(-1)) };
}

const ids = (items: readonly Item[]) => items.map((i) => i.id);

it("answers with every live item, then patches in what a change touched: the other items keep their objects", async () => {
  const a = await addItemWithPhoto(await fakePhoto(1), { name: "shirt" });
  const b = await addItemWithPhoto(await fakePhoto(2), { name: "coat" });
  const w = watch();
  const first = await w.nextAnswer();
  expect(ids(first).sort()).toEqual([a.id, b.id].sort());

  const added = w.nextAnswer();
  const c = await addItemWithPhoto(await fakePhoto(3), { name: "scarf" });
  const second = await added;
  expect(ids(second)).toEqual(ids(await listItems()));
  expect(ids(second)).toContain(c.id);
  // Not read again: a full re-read would give new objects for a and b.
  for (const old of first) expect(second.find((i) => i.id === old.id)).toBe(old);

  const edited = w.nextAnswer();
  await updateItem(a.id, { name: "linen shirt" });
  const third = await edited;
  expect(third.find((i) => i.id === a.id)?.name).toBe("linen shirt");
  expect(third.find((i) => i.id === b.id)).toBe(second.find((i) => i.id === b.id));

  const deleted = w.nextAnswer();
  await deleteItem(b.id);
  expect(ids(await deleted)).toEqual(ids(await listItems()));
  expect(ids(w.answers.at(-1)!)).not.toContain(b.id);

  const removed = w.nextAnswer();
  await db.items.delete(c.id);
  expect(ids(await removed)).toEqual([a.id]);
});

it("a bulk write (a range, not keys) reads the whole table again; many quick changes all arrive", async () => {
  const a = await addItemWithPhoto(await fakePhoto(1), { name: "shirt" });
  const w = watch();
  await w.nextAnswer();
  const many = Array.from({ length: 60 }, (_, n) => ({ ...a, id: `bulk-${String(n).padStart(2, "0")}`, name: `copy ${n}` }));
  const bulk = w.nextAnswer();
  await db.items.bulkPut(many);
  expect((await bulk).length).toBe(61);

  // Changes while a read is under way: the last answer holds them all, in the table's order.
  await Promise.all([
    updateItem("bulk-01", { name: "renamed" }),
    deleteItem("bulk-02"),
    addItemWithPhoto(await fakePhoto(9), { name: "hat" }),
    db.items.delete("bulk-03"),
  ]);
  const last = await w.settled();
  expect(ids(last!)).toEqual(ids(await listItems()));
  expect(last!.find((i) => i.id === "bulk-01")?.name).toBe("renamed");
});

it("a second watcher gets the shared list at once; after the last one leaves nothing is kept or answered", async () => {
  await addItemWithPhoto(await fakePhoto(1), { name: "shirt" });
  const w1 = watch();
  const list = await w1.nextAnswer();
  expect(currentItems()).toBe(list);
  const w2 = watch();
  expect(await w2.nextAnswer()).toBe(list);

  for (const s of subs) s.unsubscribe();
  expect(currentItems()).toBeUndefined();
  const before = [w1.answers.length, w2.answers.length];
  await addItemWithPhoto(await fakePhoto(2), { name: "coat" });
  await new Promise((r) => setTimeout(r, 30));
  expect([w1.answers.length, w2.answers.length]).toEqual(before);

  const w3 = watch();
  expect((await w3.nextAnswer()).length).toBe(2);
});

it("touchedItems: keys of the items table, 'all' for a range, nothing for other tables or databases", () => {
  const keys = new RangeSet().addKeys(["b", "a"]);
  expect(touchedItems({ "idb://curator/items/": keys }, "curator")).toEqual(new Set(["a", "b"]));
  // What another tab sends: the same tree without its prototype.
  expect(touchedItems({ "idb://curator/items/": structuredClone({ ...keys }) }, "curator")).toEqual(new Set(["a", "b"]));
  expect(touchedItems({ "idb://curator/items/": new RangeSet("a", "c") }, "curator")).toBe("all");
  expect(touchedItems({ "idb://curator/items/": new RangeSet(-Infinity, [[[]]]) }, "curator")).toBe("all");
  expect(touchedItems({ "idb://curator/outfits/": keys, "idb://other/items/": keys }, "curator")).toBeNull();
  // A page restored from the back-forward cache: Dexie says anything may have changed.
  expect(touchedItems({ all: new RangeSet(-Infinity, [[]]) }, "curator")).toBe("all");
});

it("patchItems keeps untouched objects and the key order, drops deleted and gone items, and places new ones", () => {
  const item = (id: string, deletedAt: number | null = null) => ({ id, deletedAt }) as Item;
  const list = [item("a"), item("c"), item("e")];
  const out = patchItems(
    list,
    new Map<string, Item | undefined>([
      ["c", item("c", 5)],
      ["e", undefined],
      ["b", item("b")],
      ["f", item("f", 3)],
    ]),
  );
  expect(ids(out)).toEqual(["a", "b"]);
  expect(out[0]).toBe(list[0]);
});
