/**
 * Laundry, rule by rule: the wash limit a piece gets (the user's, by kind then category,
 * then the guide's), when it goes in the wash (its wears since it was last clean, never
 * before laundry was turned on; by hand), and the words the user reads.
 */
import { describe, expect, it } from "vitest";
import type { Item } from "../wardrobe/types";
import {
  DEFAULT_WASH_LIMITS,
  isWashLimit,
  itemsInWash,
  LAUNDRY_OFF,
  laundryStatus,
  laundryWords,
  MAX_WASH_LIMIT,
  WASH_KINDS,
  washLimit,
  wearIndex,
  type LaundryRules,
} from "./laundry";
import { NOW, DAY, piece } from "./testing/stylist-wardrobe";

const ON: LaundryRules = { enabled: true, since: null, limits: {} };
const tee = piece("tee", "top", "t-shirt", "white");
const jeans = piece("jeans", "bottom", "jeans", "denim blue");
const coat = piece("coat", "outerwear", "coat", "camel");
const worn = (id: string, ...daysAgo: number[]) => daysAgo.map((d) => ({ itemIds: [id], wornAt: NOW - d * DAY }));

describe("isWashLimit", () => {
  it("is a whole number of wears from 0 to MAX_WASH_LIMIT", () => {
    for (const v of [0, 1, 7, MAX_WASH_LIMIT]) expect(isWashLimit(v), String(v)).toBe(true);
    for (const v of [-1, MAX_WASH_LIMIT + 1, 1.5, NaN, Infinity, "3", null, undefined]) expect(isWashLimit(v), String(v)).toBe(false);
  });
});

describe("washLimit", () => {
  it("is the guide's for the kind, else the category's, else 0", () => {
    expect(washLimit({ category: "top", subtype: "t-shirt" }, ON)).toBe(1);
    expect(washLimit({ category: "bottom", subtype: "jeans" }, ON)).toBe(6);
    expect(washLimit({ category: "top", subtype: "kimono" }, ON)).toBe(DEFAULT_WASH_LIMITS.top);
    expect(washLimit({ category: "top", subtype: null }, ON)).toBe(2);
    expect(washLimit({ category: "shoes", subtype: "boots" }, ON)).toBe(0);
    expect(washLimit({ category: "nonsense" as Item["category"], subtype: "nonsense" }, ON)).toBe(0);
  });

  it("reads the kind trimmed and in lower case", () => {
    expect(washLimit({ category: "top", subtype: "  T-Shirt " }, ON)).toBe(1);
  });

  it("takes the user's limit first: the kind's, then the category's, over the guide's", () => {
    const rules = { limits: { jeans: 10, top: 3 } };
    expect(washLimit({ category: "bottom", subtype: "jeans" }, rules)).toBe(10);
    expect(washLimit({ category: "top", subtype: "t-shirt" }, { limits: { top: 3 } })).toBe(3);
    // The user's kind limit beats their category limit.
    expect(washLimit({ category: "top", subtype: "t-shirt" }, { limits: { "t-shirt": 4, top: 3 } })).toBe(4);
    // The user's category limit beats the guide's kind limit.
    expect(washLimit({ category: "bottom", subtype: "jeans" }, { limits: { bottom: 2 } })).toBe(2);
    // 0 from the user means never by wears.
    expect(washLimit({ category: "top", subtype: "t-shirt" }, { limits: { "t-shirt": 0 } })).toBe(0);
  });

  it("ignores a user limit that is not a valid number of wears", () => {
    expect(washLimit({ category: "top", subtype: "t-shirt" }, { limits: { "t-shirt": -2 } })).toBe(1);
    expect(washLimit({ category: "top", subtype: "t-shirt" }, { limits: { "t-shirt": 99 } })).toBe(1);
  });

  it("lists every kind of each category for the settings, the dress category's own kind aside", () => {
    expect(WASH_KINDS.top).toContain("t-shirt");
    expect(WASH_KINDS.dress).not.toContain("dress");
    expect(WASH_KINDS.dress.length).toBeGreaterThan(0);
  });
});

describe("wearIndex", () => {
  it("lists each item's wear times, counting an item once per outfit", () => {
    const index = wearIndex([
      { itemIds: ["tee", "jeans", "tee"], wornAt: 1 },
      { itemIds: ["tee"], wornAt: 5 },
    ]);
    expect(index.get("tee")).toEqual([1, 5]);
    expect(index.get("jeans")).toEqual([1]);
    expect(index.get("coat")).toBeUndefined();
  });
});

describe("laundryStatus", () => {
  it("is always clean while laundry is off", () => {
    const s = laundryStatus({ ...tee, laundry: { inWashSince: NOW - DAY, cleanedAt: null } }, wearIndex(worn("tee", 1, 2, 3)), LAUNDRY_OFF);
    expect(s).toEqual({ inWash: false, why: null, wornSinceClean: 0, limit: 0, since: null });
  });

  it("goes in the wash at its limit of wears, since the wear that reached it", () => {
    const index = wearIndex([...worn("jeans", 9, 7, 5, 3, 2, 1)]);
    const s = laundryStatus(jeans, index, ON);
    expect(s).toEqual({ inWash: true, why: "worn", wornSinceClean: 6, limit: 6, since: NOW - DAY });
    const under = laundryStatus(jeans, wearIndex(worn("jeans", 3, 2, 1, 4, 5)), ON);
    expect(under).toEqual({ inWash: false, why: null, wornSinceClean: 5, limit: 6, since: null });
  });

  it("since: the wear that reached the limit, whatever order the log is in", () => {
    const s = laundryStatus(tee, wearIndex(worn("tee", 1, 3, 2)), { ...ON, limits: { "t-shirt": 2 } });
    expect(s.since).toBe(NOW - 2 * DAY);
  });

  it("counts only the wears after it was last marked clean, and after laundry was turned on", () => {
    const index = wearIndex(worn("tee", 5, 3, 1));
    const cleaned = { ...tee, laundry: { inWashSince: null, cleanedAt: NOW - 2 * DAY } };
    expect(laundryStatus(cleaned, index, { ...ON, limits: { "t-shirt": 2 } })).toMatchObject({ inWash: false, wornSinceClean: 1 });
    expect(laundryStatus(tee, index, { ...ON, since: NOW - 4 * DAY, limits: { "t-shirt": 2 } })).toMatchObject({ inWash: true, wornSinceClean: 2 });
    // A wear at the very moment it was cleaned is before the wash.
    expect(laundryStatus({ ...tee, laundry: { inWashSince: null, cleanedAt: NOW - DAY } }, index, ON).wornSinceClean).toBe(0);
  });

  it("a piece with no wear limit is never in the wash by wears", () => {
    expect(laundryStatus(coat, wearIndex(worn("coat", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), ON)).toMatchObject({ inWash: false, limit: 0, wornSinceClean: 10 });
  });

  it("put in the wash by hand after it was last cleaned: in the wash, whatever its wears", () => {
    const byHand = { ...coat, laundry: { inWashSince: NOW - DAY, cleanedAt: NOW - 3 * DAY } };
    expect(laundryStatus(byHand, wearIndex(worn("coat", 2)), ON)).toEqual({ inWash: true, why: "by-hand", wornSinceClean: 1, limit: 0, since: NOW - DAY });
    // Cleaned after it was put in: clean.
    const cleanedSince = { ...coat, laundry: { inWashSince: NOW - 3 * DAY, cleanedAt: NOW - DAY } };
    expect(laundryStatus(cleanedSince, wearIndex([]), ON).inWash).toBe(false);
    // Put in before laundry was turned on: it does not count.
    expect(laundryStatus({ ...coat, laundry: { inWashSince: NOW - 3 * DAY, cleanedAt: null } }, wearIndex([]), { ...ON, since: NOW - DAY }).inWash).toBe(false);
  });
});

describe("itemsInWash", () => {
  it("lists the items in the wash now, not deleted ones, and none while laundry is off", () => {
    const wears = [...worn("tee", 1), ...worn("jeans", 1)];
    const gone = { ...piece("old-tee", "top", "t-shirt", "grey"), deletedAt: NOW - DAY };
    const items = [tee, jeans, coat, gone];
    expect(itemsInWash(items, [...wears, ...worn("old-tee", 1)], ON)).toEqual(["tee"]);
    expect(itemsInWash(items, wears, LAUNDRY_OFF)).toEqual([]);
  });
});

describe("laundryWords", () => {
  const s = (over: Partial<ReturnType<typeof laundryStatus>>) => ({ inWash: false, why: null, wornSinceClean: 0, limit: 2, since: null, ...over });
  it("says why a piece is in the wash, or how many wears are left", () => {
    expect(laundryWords(s({ inWash: true, why: "by-hand" }))).toBe("put in the wash by hand");
    expect(laundryWords(s({ inWash: true, why: "worn", wornSinceClean: 2 }))).toBe("worn 2 times since washed");
    expect(laundryWords(s({ inWash: true, why: "worn", wornSinceClean: 1, limit: 1 }))).toBe("worn 1 time since washed");
    expect(laundryWords(s({ limit: 0 }))).toBe("washed by hand only (no wear limit)");
    expect(laundryWords(s({ wornSinceClean: 1 }))).toBe("1 more wear before the wash");
    expect(laundryWords(s({ wornSinceClean: 0, limit: 6 }))).toBe("6 more wears before the wash");
  });
});
