import { db } from "./db";
import { asStorageError } from "./errors";
import { newId } from "./ids";
import { createLearner, learnFromFeedback, outfitKey, parseLearnerState, type LearnerState, type OutfitContext } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";
import { isIsoDate, localDate, noonOf } from "./schema/days";
import { LEARNER_ID, type LearnerRecord } from "./schema/tables/learner";
import { MAX_OUTFIT_NAME, type SavedOutfit } from "./schema/tables/outfits";
import { unlinkWears, type WearLogEntry } from "./schema/tables/wearLog";
import { isLive } from "./schema/tombstones";

/**
 * Outfits on the device: saved outfits, the wear log and the learner's state.
 * Every write that changes what the learner knows happens in the same transaction
 * as the records it learned from, so a crash or a full disk never leaves a wear
 * counted without being learned (or the reverse).
 */

// The record types and day helpers live with the record schema; screens find them here with the rest.
export { isIsoDate, localDate } from "./schema/days";
export type { SavedOutfit } from "./schema/tables/outfits";
export type { WearLogEntry } from "./schema/tables/wearLog";

const UNREADABLE_ID = "me-unreadable";

/** When a day's wear happened: now for today; local noon for an earlier day. */
export function wornAtFor(date: string, now: number): number {
  if (date === localDate(now)) return now;
  return noonOf(date);
}

export interface LoadedLearner {
  state: LearnerState;
  /** Why the stored state could not be used (the app starts afresh), or null. */
  problem: string | null;
}

function readLearner(record: LearnerRecord | undefined): LoadedLearner {
  if (!record) return { state: createLearner(), problem: null };
  try {
    return { state: parseLearnerState(record.state), problem: null };
  } catch (e) {
    return { state: createLearner(), problem: e instanceof Error ? e.message : String(e) };
  }
}

export async function loadLearner(): Promise<LoadedLearner> {
  return readLearner(await db.learner.get(LEARNER_ID));
}

/** Inside a transaction on db.learner: the state to learn on, keeping an unreadable one aside. */
async function learnerInTx(now: number): Promise<LearnerState> {
  const record = await db.learner.get(LEARNER_ID);
  const { state, problem } = readLearner(record);
  if (problem && record) await db.learner.put({ ...record, id: UNREADABLE_ID, updatedAt: now });
  return state;
}

/** Inside a transaction on db.items: the outfit's current items, or a clear error. */
async function liveItems(itemIds: readonly string[]): Promise<Item[]> {
  if (itemIds.length === 0) throw new Error("An outfit needs at least one item.");
  if (new Set(itemIds).size !== itemIds.length) throw new Error("An item appears twice in this outfit.");
  const items = await db.items.bulkGet([...itemIds]);
  const missing = items.filter((i) => !i || i.deletedAt !== null).length;
  if (missing)
    throw new Error(
      missing === 1 ? "One item of this outfit is no longer in your wardrobe." : `${missing} items of this outfit are no longer in your wardrobe.`,
    );
  return items as Item[];
}

async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw asStorageError(e);
  }
}

/** Like or dislike an outfit: the learner learns from it (a dislike also bans the exact combination). */
export function recordFeedback(itemIds: readonly string[], feedback: "like" | "dislike", context: OutfitContext = {}, now = Date.now()): Promise<LearnerState> {
  return write(() =>
    db.transaction("rw", db.items, db.learner, async () => {
      const items = await liveItems(itemIds);
      const next = learnFromFeedback(await learnerInTx(now), items, feedback, context);
      await db.learner.put({ id: LEARNER_ID, state: next, updatedAt: now });
      return next;
    }),
  );
}

/**
 * "Reset what Curator learned": the learner starts again from the prior (likes,
 * dislikes and the outfits it would never suggest again are forgotten). A newer
 * record, so sync carries the reset to the other devices.
 */
export function resetLearner(now = Date.now()): Promise<LearnerState> {
  return write(() =>
    db.transaction("rw", db.learner, async () => {
      const record = await db.learner.get(LEARNER_ID);
      const state = createLearner();
      await db.learner.put({ id: LEARNER_ID, state, updatedAt: Math.max(now, (record?.updatedAt ?? 0) + 1) });
      return state;
    }),
  );
}

/** Outfits worn from `from` (YYYY-MM-DD) on, for rotation: what the suggestions rest. */
export async function listWornSince(from: string): Promise<{ itemIds: string[]; wornAt: number }[]> {
  const entries = (await db.wearLog.where("date").aboveOrEqual(from).toArray()).filter(isLive);
  return entries.map((e) => ({ itemIds: e.itemIds, wornAt: e.wornAt }));
}

export interface WearInput {
  itemIds: readonly string[];
  /** YYYY-MM-DD, today or earlier. */
  date: string;
  outfitId?: string | null;
  /** The day's context, so the learner learns the verdict in the right setting. */
  context?: OutfitContext;
}

/**
 * Logs an outfit as worn on a day: one wear-log entry, each item's wear count and
 * last-worn time, and the learner's "wear" lesson, all in one transaction.
 */
export function logWear(input: WearInput, now = Date.now()): Promise<WearLogEntry> {
  const { itemIds, date } = input;
  if (!isIsoDate(date)) return Promise.reject(new Error(`"${date}" is not a date (expected YYYY-MM-DD).`));
  if (date > localDate(now)) return Promise.reject(new Error("You can log what you wore today or on an earlier day, not in the future."));
  return write(() =>
    db.transaction("rw", [db.items, db.wearLog, db.learner, db.outfits], async () => {
      const items = await liveItems(itemIds);
      const key = outfitKey(itemIds);
      const sameDay = (await db.wearLog.where("date").equals(date).toArray()).filter((e) => outfitKey(e.itemIds) === key);
      if (sameDay.some(isLive)) throw new Error(`This outfit is already logged on ${date}.`);
      const outfitId = input.outfitId ?? null;
      const outfit = outfitId ? await db.outfits.get(outfitId) : undefined;
      if (outfitId && !(outfit && isLive(outfit))) throw new Error("That saved outfit no longer exists.");
      const wornAt = wornAtFor(date, now);
      // Logged again after a removal: the removed record comes back (same id, logged now),
      // so this device keeps one record per outfit and day, live or not, which imports rely on.
      const removed = sameDay.sort((a, b) => b.updatedAt - a.updatedAt)[0];
      const updatedAt = removed ? Math.max(now, removed.updatedAt + 1) : now;
      const entry: WearLogEntry = { id: removed?.id ?? newId(), date, outfitId, itemIds: [...itemIds], createdAt: now, updatedAt, wornAt, deletedAt: null };
      await db.wearLog.put(entry);
      await db.items.bulkPut(
        items.map((i) => ({
          ...i,
          wearCount: i.wearCount + 1,
          lastWornAt: Math.max(i.lastWornAt ?? wornAt, wornAt),
          updatedAt: Math.max(now, i.updatedAt + 1),
        })),
      );
      const next = learnFromFeedback(await learnerInTx(now), items, "wear", input.context ?? {});
      await db.learner.put({ id: LEARNER_ID, state: next, updatedAt: now });
      return entry;
    }),
  );
}

/**
 * Inside a transaction on db.items and db.wearLog, after `entry` stopped being live:
 * its items' wear counts go back down and their last-worn time falls back to their
 * latest remaining wear. (An import works counts out from the merged log instead.)
 */
async function unwearItems(entry: WearLogEntry, now: number): Promise<void> {
  for (const itemId of entry.itemIds) {
    const item = await db.items.get(itemId);
    if (!item) continue;
    let lastWornAt = item.lastWornAt;
    if (lastWornAt === entry.wornAt) {
      const rest = (await db.wearLog.where("itemIds").equals(itemId).toArray()).filter(isLive);
      lastWornAt = rest.length ? Math.max(...rest.map((e) => e.wornAt)) : null;
    }
    await db.items.put({ ...item, wearCount: Math.max(0, item.wearCount - 1), lastWornAt, updatedAt: Math.max(now, item.updatedAt + 1) });
  }
}

/**
 * Removes a wear-log entry (a mistaken log, or Undo): it stays as a tombstone (so an
 * older backup cannot bring it back), the items' wear counts go back down and their
 * last-worn time falls back to their latest remaining wear. What the learner learned
 * from it stays: later feedback may have built on it. False when already removed.
 */
export function deleteWear(id: string, now = Date.now()): Promise<boolean> {
  return write(() =>
    db.transaction("rw", db.items, db.wearLog, async () => {
      const entry = await db.wearLog.get(id);
      if (!entry || !isLive(entry)) return false;
      await db.wearLog.put({ ...entry, deletedAt: now, updatedAt: Math.max(now, entry.updatedAt + 1) });
      await unwearItems(entry, now);
      return true;
    }),
  );
}

/** Wear-log entries from `from` to `to` (YYYY-MM-DD, inclusive), by day then time logged. */
export async function listWearBetween(from: string, to: string): Promise<WearLogEntry[]> {
  const entries = (await db.wearLog.where("date").between(from, to, true, true).toArray()).filter(isLive);
  return entries.sort((a, b) => a.date.localeCompare(b.date) || a.createdAt - b.createdAt);
}

export interface OutfitToSave {
  itemIds: readonly string[];
  name: string;
  score?: number | null;
}

/**
 * Saves a hand-built outfit. The same combination saved again is renamed, not
 * duplicated; one saved before and deleted comes back under its id (so the device
 * keeps one record per combination, live or deleted, which imports rely on).
 */
export function saveOutfit(input: OutfitToSave, now = Date.now()): Promise<SavedOutfit> {
  const name = input.name.trim().slice(0, MAX_OUTFIT_NAME);
  if (!name) return Promise.reject(new Error("Give the outfit a name."));
  const score = input.score != null && Number.isFinite(input.score) ? Math.min(1, Math.max(0, input.score)) : null;
  return write(() =>
    db.transaction("rw", db.items, db.outfits, async () => {
      await liveItems(input.itemIds);
      const key = outfitKey(input.itemIds);
      const same = (await db.outfits.toArray()).filter((o) => outfitKey(o.itemIds) === key);
      const existing = same.find(isLive) ?? same.sort((a, b) => b.updatedAt - a.updatedAt)[0];
      const outfit: SavedOutfit = existing
        ? { ...existing, name, score, updatedAt: Math.max(now, existing.updatedAt + 1), deletedAt: null }
        : { id: newId(), createdAt: now, updatedAt: now, itemIds: [...input.itemIds], name, score, deletedAt: null };
      await db.outfits.put(outfit);
      return outfit;
    }),
  );
}

/** Saved outfits, most recently saved first. */
export async function listSavedOutfits(): Promise<SavedOutfit[]> {
  return (await db.outfits.orderBy("updatedAt").reverse().toArray()).filter(isLive);
}

/**
 * Deletes a saved outfit: it stays as a tombstone (so an older backup cannot bring
 * it back); its wear-log entries stay (with their items) but no longer point to it.
 */
export function deleteSavedOutfit(id: string, now = Date.now()): Promise<void> {
  return write(() =>
    db.transaction("rw", db.outfits, db.wearLog, async () => {
      const outfit = await db.outfits.get(id);
      if (outfit && isLive(outfit)) await db.outfits.put({ ...outfit, deletedAt: now, updatedAt: Math.max(now, outfit.updatedAt + 1) });
      await unlinkWears(db, id, now);
    }),
  );
}
