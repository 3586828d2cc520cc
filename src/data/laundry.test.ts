import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { itemsInWash, laundryStatus, wearIndex } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";
import { db } from "./db";
import { addItemWithPhoto, getItem } from "./items";
import { loadLaundry, markClean, putInWash } from "./laundry";
import { listWornSince, loadLearner, localDate, logWear, recordFeedback, resetLearner } from "./outfits";
import { getSetting, setSetting } from "./settings";
import { items as itemRecords } from "./schema/items";
import { fakePhoto } from "./testing";

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const NOW = new Date(2026, 10, 20, 9, 30).getTime();
const DAY = 86_400_000;

async function wardrobe(): Promise<Item[]> {
  const specs: Partial<Item>[] = [
    { name: "White tee", category: "top", subtype: "t-shirt", colours: [{ name: "white", hex: "#f8f8f8", share: 1 }] },
    { name: "Jeans", category: "bottom", subtype: "jeans", colours: [{ name: "denim blue", hex: "#48648c", share: 1 }] },
    { name: "Sneakers", category: "shoes", subtype: "sneakers", colours: [{ name: "white", hex: "#f8f8f8", share: 1 }] },
  ];
  const out: Item[] = [];
  for (const [k, s] of specs.entries()) out.push(await addItemWithPhoto(await fakePhoto(k), s, NOW - 10 * DAY + k));
  return out;
}

describe("laundry on the device", () => {
  it("counts logged wears after laundry was turned on: a tee worn once is in the wash, marked clean it is back", async () => {
    const [tee, jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    await logWear({ itemIds: ids, date: localDate(NOW - 5 * DAY) }, NOW - 5 * DAY); // before laundry: never counts
    expect(await loadLaundry()).toMatchObject({ rules: { enabled: false }, wears: [] });
    await setSetting("outfits.laundry", { enabled: true, since: NOW - 2 * DAY, limits: {} });
    await logWear({ itemIds: ids, date: localDate(NOW - DAY) }, NOW - DAY);
    const data = await loadLaundry();
    expect(data.wears).toHaveLength(1);
    const items = (await db.items.toArray()) as Item[];
    expect(itemsInWash(items, data.wears, data.rules)).toEqual([tee!.id]);

    expect(await markClean([tee!.id], NOW)).toBe(1);
    const cleaned = (await getItem(tee!.id))!;
    expect(cleaned.laundry).toEqual({ cleanedAt: NOW, inWashSince: null });
    expect(laundryStatus(cleaned, wearIndex(data.wears), data.rules).inWash).toBe(false);
  });

  it("puts a piece in the wash by hand; the mark travels with the item (the record checks of export, import and sync keep it)", async () => {
    const [, jeans] = await wardrobe();
    await setSetting("outfits.laundry", { enabled: true, since: NOW - DAY, limits: { jeans: 3 } });
    await putInWash(jeans!.id, NOW);
    const rules = await getSetting("outfits.laundry");
    expect(laundryStatus((await getItem(jeans!.id))!, wearIndex([]), rules)).toMatchObject({ inWash: true, why: "by-hand", limit: 3 });
    const travelled = itemRecords.parse(JSON.parse(JSON.stringify(await getItem(jeans!.id))));
    expect(travelled.laundry).toEqual({ cleanedAt: null, inWashSince: NOW });
  });

  it("refuses an impossible laundry setting", async () => {
    await expect(setSetting("outfits.laundry", { enabled: true, since: null, limits: { jeans: -1 } })).rejects.toThrow(/cannot hold/);
    await expect(setSetting("outfits.hemisphere", "east" as never)).rejects.toThrow(/cannot hold/);
    expect(await getSetting("outfits.feel")).toBe("normal");
  });
});

describe("the learner", () => {
  it("resets to nothing learned, dated after the state it replaces", async () => {
    const [tee, jeans, shoes] = await wardrobe();
    await recordFeedback([tee!.id, jeans!.id, shoes!.id], "dislike", {}, NOW);
    expect((await loadLearner()).state.disliked).toHaveLength(1);
    const before = (await db.learner.get("me"))!.updatedAt;
    await resetLearner(NOW - 1000);
    const after = await db.learner.get("me");
    expect((await loadLearner()).state).toMatchObject({ feedbackCount: 0, disliked: [], weights: {} });
    expect(after!.updatedAt).toBeGreaterThan(before);
  });

  it("lists what was worn lately for rotation", async () => {
    const [tee, jeans, shoes] = await wardrobe();
    await logWear({ itemIds: [tee!.id, jeans!.id, shoes!.id], date: localDate(NOW) }, NOW);
    expect(await listWornSince(localDate(NOW - 14 * DAY))).toEqual([{ itemIds: [tee!.id, jeans!.id, shoes!.id], wornAt: NOW }]);
    expect(await listWornSince(localDate(NOW + DAY))).toEqual([]);
  });
});
