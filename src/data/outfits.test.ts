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
  listWornSince,
  loadLearner,
  localDate,
  logWear,
  recordFeedback,
  resetLearner,
  saveOutfit,
  wornAtFor,
} from "./outfits";
import { LEARNER_ID } from "./schema/tables/learner";
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

// A device whose clock is behind the records (another device wrote them "in the future"):
// every write is dated one past the record it replaces, so it still wins the next merge.
describe("a clock behind the records", () => {
  const AHEAD = NOW + 60_000;

  it("a wear logged, then removed, dates items and the entry one past what they held", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    await db.items.update(tee!.id, { updatedAt: AHEAD });
    const entry = await logWear({ itemIds: ids, date: "2026-11-20" }, NOW);
    expect((await db.items.get(tee!.id))?.updatedAt).toBe(AHEAD + 1);
    expect((await db.items.get(jeans!.id))?.updatedAt).toBe(NOW);
    await db.wearLog.update(entry.id, { updatedAt: AHEAD });
    expect(await deleteWear(entry.id, NOW + 1)).toBe(true);
    expect((await db.wearLog.get(entry.id))?.updatedAt).toBe(AHEAD + 1);
    expect((await db.items.get(tee!.id))?.updatedAt).toBe(AHEAD + 2);
    expect((await db.items.get(jeans!.id))?.updatedAt).toBe(NOW + 1);
    // Logged again that day: the removed record comes back, dated past its tombstone.
    const again = await logWear({ itemIds: ids, date: "2026-11-20" }, NOW + 2);
    expect(again).toMatchObject({ id: entry.id, updatedAt: AHEAD + 2 });
  });

  it("a saved outfit renamed or deleted, and the learner reset, are dated one past what they held", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    const saved = await saveOutfit({ itemIds: ids, name: "Monday" }, NOW);
    await db.outfits.update(saved.id, { updatedAt: AHEAD });
    expect((await saveOutfit({ itemIds: ids, name: "Tuesday" }, NOW + 1)).updatedAt).toBe(AHEAD + 1);
    await deleteSavedOutfit(saved.id, NOW + 2);
    expect(await db.outfits.get(saved.id)).toMatchObject({ deletedAt: NOW + 2, updatedAt: AHEAD + 2 });
    await recordFeedback(ids, "like", {}, NOW);
    await db.learner.update(LEARNER_ID, { updatedAt: AHEAD });
    await resetLearner(NOW + 3);
    expect((await db.learner.get(LEARNER_ID))?.updatedAt).toBe(AHEAD + 1);
    expect((await loadLearner()).state.feedbackCount).toBe(0);
  });

  it("a learner reset on a device that never learned is dated now", async () => {
    await resetLearner(NOW);
    expect((await db.learner.get(LEARNER_ID))?.updatedAt).toBe(NOW);
    expect(await loadLearner()).toMatchObject({ problem: null });
  });
});

describe("outfit edges", () => {
  it("a device that never learned loads the prior with no problem to report", async () => {
    expect(await loadLearner()).toMatchObject({ problem: null, state: { feedbackCount: 0 } });
  });

  it("says how many of an outfit's items are gone, and refuses an empty outfit", async () => {
    const [tee] = await wardrobe();
    await expect(recordFeedback([], "like", {}, NOW)).rejects.toThrow("An outfit needs at least one item.");
    await expect(recordFeedback([tee!.id, "gone"], "like", {}, NOW)).rejects.toThrow("One item of this outfit is no longer in your wardrobe.");
    await expect(recordFeedback([tee!.id, "gone", "lost"], "like", {}, NOW)).rejects.toThrow("2 items of this outfit are no longer in your wardrobe.");
  });

  it("lists wears from a day on, by day then time logged; the same outfit on another day is its own record", async () => {
    const [tee, navy, jeans, shoes] = await wardrobe();
    const a = [tee!.id, jeans!.id, shoes!.id];
    const b = [navy!.id, jeans!.id, shoes!.id];
    const nov3 = await logWear({ itemIds: a, date: "2026-11-03" }, NOW);
    const nov20b = await logWear({ itemIds: b, date: "2026-11-20" }, NOW + 1);
    const nov10 = await logWear({ itemIds: b, date: "2026-11-10" }, NOW + 2);
    const nov20a = await logWear({ itemIds: a, date: "2026-11-20" }, NOW + 3);
    expect(nov20a.id).not.toBe(nov3.id);
    // More on the same day, so that the order logged is not the ids' order by chance (1 in 120).
    const more = [];
    for (const [k, ids] of [
      [tee!.id, navy!.id, jeans!.id, shoes!.id],
      [tee!.id, shoes!.id],
      [navy!.id, shoes!.id],
    ].entries())
      more.push((await logWear({ itemIds: ids, date: "2026-11-20" }, NOW + 10 + k)).id);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((e) => e.id)).toEqual([nov3.id, nov10.id, nov20b.id, nov20a.id, ...more]);
    const since10 = (await listWearBetween("2026-11-10", "2026-11-30")).map((e) => e.wornAt).sort();
    expect(since10).toHaveLength(6);
    expect((await listWornSince("2026-11-10")).map((w) => w.wornAt).sort()).toEqual(since10);
  });

  it("removing the latest of three wears falls back to the latest one left, not the earliest", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    await logWear({ itemIds: ids, date: "2026-11-03" }, NOW);
    const nov10 = await logWear({ itemIds: ids, date: "2026-11-10" }, NOW + 1);
    const nov20 = await logWear({ itemIds: ids, date: "2026-11-20" }, NOW + 2);
    expect(await deleteWear(nov20.id, NOW + 3)).toBe(true);
    expect((await db.items.get(jeans!.id))?.lastWornAt).toBe(nov10.wornAt);
  });

  it("removing a wear whose item has since been erased still works for the others", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const entry = await logWear({ itemIds: [tee!.id, jeans!.id, shoes!.id], date: "2026-11-20" }, NOW);
    await db.items.delete(tee!.id);
    expect(await deleteWear(entry.id, NOW + 1)).toBe(true);
    expect((await db.items.get(jeans!.id))?.wearCount).toBe(0);
  });

  it("a saved outfit's name is trimmed and its score kept within 0–1 (none when not a number)", async () => {
    const [tee, , jeans, shoes] = await wardrobe();
    const ids = [tee!.id, jeans!.id, shoes!.id];
    expect(await saveOutfit({ itemIds: ids, name: "  Date night  ", score: 1.7 }, NOW)).toMatchObject({ name: "Date night", score: 1 });
    expect((await saveOutfit({ itemIds: ids, name: "Date night", score: -2 }, NOW + 1)).score).toBe(0);
    expect((await saveOutfit({ itemIds: ids, name: "Date night", score: Number.NaN }, NOW + 2)).score).toBeNull();
    expect((await saveOutfit({ itemIds: ids, name: "Date night", score: 0.42 }, NOW + 3)).score).toBe(0.42);
    expect((await saveOutfit({ itemIds: ids, name: "Date night" }, NOW + 4)).score).toBeNull();
  });
});
