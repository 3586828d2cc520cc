import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "./db";
import { StorageFullError } from "./errors";
import { addItemWithPhoto } from "./items";
import {
  deleteSavedOutfit,
  deleteWear,
  isIsoDate,
  listSavedOutfits,
  listWearBetween,
  loadLearner,
  localDate,
  logWear,
  recordFeedback,
  saveOutfit,
  wornAtFor,
} from "./outfits";
import { fakePhoto } from "./testing";
import { outfitKey, suggestOutfits } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const NOW = new Date(2026, 10, 20, 9, 30).getTime(); // 20 Nov 2026, 09:30 local
const colour = (name: string, hex: string) => [{ name, hex, share: 1 }];

/** Top, bottom, shoes (+ a second top): the smallest wardrobe that makes outfits. */
async function wardrobe(): Promise<Item[]> {
  const specs: Partial<Item>[] = [
    { name: "White tee", category: "top", subtype: "t-shirt", colours: colour("white", "#f8f8f8") },
    { name: "Navy shirt", category: "top", subtype: "shirt", colours: colour("navy", "#1f2a56") },
    { name: "Jeans", category: "bottom", subtype: "jeans", colours: colour("denim blue", "#48648c") },
    { name: "Sneakers", category: "shoes", subtype: "sneakers", colours: colour("white", "#f8f8f8") },
  ];
  const out: Item[] = [];
  for (const [k, s] of specs.entries()) out.push(await addItemWithPhoto(await fakePhoto(k), s, NOW - 1000 + k));
  return out;
}

describe("dates", () => {
  it("checks real calendar days and places earlier days at local noon", () => {
    expect(isIsoDate("2026-11-03")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("3/11/2026")).toBe(false);
    expect(localDate(NOW)).toBe("2026-11-20");
    expect(wornAtFor("2026-11-20", NOW)).toBe(NOW);
    expect(new Date(wornAtFor("2026-11-03", NOW)).getHours()).toBe(12);
  });
});

describe("wear log", () => {
  it("counts the wear on every item, logs the day and teaches the learner, together", async () => {
    const [tee, navy, jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    const entry = await logWear({ itemIds: ids, date: "2026-11-20", context: { rain: false } }, NOW);
    expect(entry).toMatchObject({ date: "2026-11-20", outfitId: null, wornAt: NOW });

    const items = await db.items.bulkGet(ids);
    for (const i of items) expect(i).toMatchObject({ wearCount: 1, lastWornAt: NOW });
    expect((await db.items.get(navy!.id))?.wearCount).toBe(0);
    const { state, problem } = await loadLearner();
    expect(problem).toBeNull();
    expect(state.feedbackCount).toBe(1);
    expect(Object.keys(state.weights).length).toBeGreaterThan(0);
    expect(await listWearBetween("2026-11-01", "2026-11-30")).toHaveLength(1);
    expect(await listWearBetween("2026-12-01", "2026-12-31")).toHaveLength(0);
  });

  it("an earlier day does not move lastWornAt backwards; the same outfit twice on a day is refused", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    await logWear({ itemIds: ids, date: "2026-11-20" }, NOW);
    await logWear({ itemIds: ids, date: "2026-11-03" }, NOW + 1);
    expect(await db.items.get(tee!.id)).toMatchObject({ wearCount: 2, lastWornAt: NOW });
    await expect(logWear({ itemIds: [...ids].reverse(), date: "2026-11-03" }, NOW + 2)).rejects.toThrow(/already logged on 2026-11-03/);
    expect(await db.wearLog.count()).toBe(2);
  });

  it("refuses future days, bad dates, missing and duplicate items without writing anything", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    await expect(logWear({ itemIds: [tee!.id, jeans!.id, shoes!.id], date: "2026-11-21" }, NOW)).rejects.toThrow(/not in the future/);
    await expect(logWear({ itemIds: [tee!.id], date: "yesterday" }, NOW)).rejects.toThrow(/not a date/);
    await expect(logWear({ itemIds: [tee!.id, "gone"], date: "2026-11-20" }, NOW)).rejects.toThrow(/no longer in your wardrobe/);
    await expect(logWear({ itemIds: [tee!.id, tee!.id], date: "2026-11-20" }, NOW)).rejects.toThrow(/appears twice/);
    expect(await db.wearLog.count()).toBe(0);
    expect(await db.learner.count()).toBe(0);
    expect((await db.items.get(tee!.id))?.wearCount).toBe(0);
  });

  it("a failed learner write rolls back the wear (one transaction)", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const quota = Object.assign(new Error("full"), { name: "QuotaExceededError" });
    vi.spyOn(db.learner, "put").mockRejectedValue(quota);
    await expect(logWear({ itemIds: [tee!.id, jeans!.id, shoes!.id], date: "2026-11-20" }, NOW)).rejects.toBeInstanceOf(StorageFullError);
    expect(await db.wearLog.count()).toBe(0);
    expect((await db.items.get(tee!.id))?.wearCount).toBe(0);
  });

  it("deleting an entry undoes the counts and restores the previous last-worn time", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    const earlier = await logWear({ itemIds: ids, date: "2026-11-03" }, NOW);
    const today = await logWear({ itemIds: ids, date: "2026-11-20" }, NOW + 5);
    expect(await deleteWear(today.id, NOW + 10)).toBe(true);
    expect(await db.items.get(tee!.id)).toMatchObject({ wearCount: 1, lastWornAt: earlier.wornAt });
    expect(await deleteWear(earlier.id, NOW + 20)).toBe(true);
    expect(await db.items.get(jeans!.id)).toMatchObject({ wearCount: 0, lastWornAt: null });
    expect(await deleteWear(earlier.id, NOW + 30)).toBe(false);
  });

  it("a removed entry stays as a tombstone that no reader counts, and its last-worn time is not reused", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    const earlier = await logWear({ itemIds: ids, date: "2026-11-03" }, NOW);
    const today = await logWear({ itemIds: ids, date: "2026-11-20" }, NOW + 5);
    expect(await deleteWear(earlier.id, NOW + 10)).toBe(true);
    expect(await db.wearLog.get(earlier.id)).toEqual({ ...earlier, deletedAt: NOW + 10, updatedAt: NOW + 10 });
    expect(await db.wearLog.count()).toBe(2);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((e) => e.id)).toEqual([today.id]);
    expect(await db.items.get(tee!.id)).toMatchObject({ wearCount: 1, lastWornAt: NOW + 5 });
    // The tombstone's wornAt must not become the last-worn time once the live wear goes too.
    expect(await deleteWear(today.id, NOW + 20)).toBe(true);
    expect(await db.items.get(tee!.id)).toMatchObject({ wearCount: 0, lastWornAt: null });
    expect(await listWearBetween("2026-11-01", "2026-11-30")).toEqual([]);
    expect(await deleteWear(today.id, NOW + 30)).toBe(false);
    expect((await db.items.get(tee!.id))?.wearCount).toBe(0);
  });

  it("Undo then logging the same outfit that day again brings the record back, live and counted once", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    const first = await logWear({ itemIds: ids, date: "2026-11-20" }, NOW);
    expect(await deleteWear(first.id, NOW + 1)).toBe(true); // the toast's Undo
    expect(await db.items.get(tee!.id)).toMatchObject({ wearCount: 0, lastWornAt: null });
    const again = await logWear({ itemIds: [...ids].reverse(), date: "2026-11-20" }, NOW + 2);
    expect(again).toMatchObject({ id: first.id, deletedAt: null, updatedAt: NOW + 2, wornAt: NOW + 2 });
    expect(await db.wearLog.count()).toBe(1);
    expect(await listWearBetween("2026-11-20", "2026-11-20")).toEqual([again]);
    expect(await db.items.get(tee!.id)).toMatchObject({ wearCount: 1, lastWornAt: NOW + 2 });
    await expect(logWear({ itemIds: ids, date: "2026-11-20" }, NOW + 3)).rejects.toThrow(/already logged/);
    expect((await loadLearner()).state.feedbackCount).toBe(2);
  });
});

describe("feedback and the learner", () => {
  it("a disliked combination is persisted and never suggested again", async () => {
    const items = await wardrobe();
    const before = suggestOutfits(items, {}, { count: 5, learner: (await loadLearner()).state });
    const first = before.outfits[0]!;
    await recordFeedback(
      first.pieces.map((p) => p.item.id),
      "dislike",
      {},
      NOW,
    );
    const { state } = await loadLearner();
    expect(state.disliked).toContain(first.key);
    const after = suggestOutfits(items, {}, { count: 5, learner: state });
    expect(after.outfits.map((o) => o.key)).not.toContain(first.key);
  });

  it("an unreadable stored state is reported, kept aside, and replaced on the next lesson", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    await db.learner.put({ id: "me", state: { version: 99 }, updatedAt: 1 });
    const loaded = await loadLearner();
    expect(loaded.problem).toMatch(/unreadable/);
    expect(loaded.state.feedbackCount).toBe(0);
    await recordFeedback([tee!.id, jeans!.id, shoes!.id], "like", {}, NOW);
    expect((await db.learner.get("me-unreadable"))?.state).toEqual({ version: 99 });
    expect((await loadLearner()).state.feedbackCount).toBe(1);
  });
});

describe("saved outfits", () => {
  it("saves, renames the same combination instead of duplicating, lists newest first and deletes", async () => {
    const [tee, navy, jeans, shoes] = await wardrobe();
    const a = await saveOutfit({ itemIds: [tee!.id, jeans!.id, shoes!.id], name: "  Weekend  ", score: 0.8 }, NOW);
    expect(a).toMatchObject({ name: "Weekend", score: 0.8 });
    const b = await saveOutfit({ itemIds: [navy!.id, jeans!.id, shoes!.id], name: "Office" }, NOW + 1);
    const again = await saveOutfit({ itemIds: [shoes!.id, jeans!.id, tee!.id], name: "Saturday" }, NOW + 2);
    expect(again.id).toBe(a.id);
    expect((await listSavedOutfits()).map((o) => o.name)).toEqual(["Saturday", "Office"]);

    const logged = await logWear({ itemIds: b.itemIds, date: "2026-11-19", outfitId: b.id }, NOW + 3);
    await deleteSavedOutfit(b.id, NOW + 4);
    expect(await listSavedOutfits()).toHaveLength(1);
    expect(await db.wearLog.get(logged.id)).toMatchObject({ outfitId: null, itemIds: b.itemIds });
    expect(outfitKey((await db.wearLog.get(logged.id))!.itemIds)).toBe(outfitKey(b.itemIds));
  });

  it("a deleted outfit stays as a tombstone, is not listed, cannot be logged, and saving it again brings it back", async () => {
    const [tee, navy, jeans, shoes] = await wardrobe();
    const a = await saveOutfit({ itemIds: [tee!.id, jeans!.id, shoes!.id], name: "Weekend" }, NOW);
    const b = await saveOutfit({ itemIds: [navy!.id, jeans!.id, shoes!.id], name: "Office" }, NOW + 1);
    const logged = await logWear({ itemIds: a.itemIds, date: "2026-11-19", outfitId: a.id }, NOW + 2);
    await deleteSavedOutfit(a.id, NOW + 3);
    expect(await db.outfits.get(a.id)).toEqual({ ...a, deletedAt: NOW + 3, updatedAt: NOW + 3 });
    expect((await listSavedOutfits()).map((o) => o.id)).toEqual([b.id]);
    // Its wear stays, counted, but no longer points to it.
    expect(await listWearBetween("2026-11-19", "2026-11-19")).toEqual([{ ...logged, outfitId: null, updatedAt: NOW + 3 }]);
    expect((await db.items.get(tee!.id))?.wearCount).toBe(1);
    await expect(logWear({ itemIds: a.itemIds, date: "2026-11-20", outfitId: a.id }, NOW + 4)).rejects.toThrow(/no longer exists/);
    // Deleting it again changes nothing.
    await deleteSavedOutfit(a.id, NOW + 5);
    expect((await db.outfits.get(a.id))?.deletedAt).toBe(NOW + 3);

    const again = await saveOutfit({ itemIds: [shoes!.id, tee!.id, jeans!.id], name: "Back again" }, NOW + 6);
    expect(again).toMatchObject({ id: a.id, name: "Back again", deletedAt: null, updatedAt: NOW + 6 });
    expect(await db.outfits.count()).toBe(2);
    expect((await listSavedOutfits()).map((o) => o.name)).toEqual(["Back again", "Office"]);
    await logWear({ itemIds: a.itemIds, date: "2026-11-20", outfitId: a.id }, NOW + 7);
  });

  it("refuses an empty name and unknown items", async () => {
    const [tee] = await wardrobe();
    await expect(saveOutfit({ itemIds: [tee!.id], name: "   " })).rejects.toThrow(/name/);
    await expect(saveOutfit({ itemIds: ["nope"], name: "X" })).rejects.toThrow(/no longer/);
    expect(await db.outfits.count()).toBe(0);
  });
});
