/**
 * Rotation, rule by rule, with the values the stylist's constants give: recently worn
 * pieces rest (by slot, fading over REST_DAYS), pairs worn together rest (fading over
 * OUTFIT_REST_DAYS), long-unworn pieces get a nudge and a reason, heavy wear drags,
 * favourites lift.
 */
import { describe, expect, it } from "vitest";
import type { Item } from "../wardrobe/types";
import { prepareItem, type PreparedItem } from "./prepare";
import {
  compileRotation,
  DAY_MS,
  daysAgo,
  FAVOURITE_LIFT,
  freshness,
  ITEM_REST,
  itemRotation,
  label,
  PAIR_REST,
  underused,
  underusedReason,
  WEAR_COUNT_DRAG,
} from "./rotation";
import { NOW, piece } from "./testing/stylist-wardrobe";

const prep = (item: Item): PreparedItem => prepareItem(item)!;
const days = (n: number) => n * DAY_MS;

describe("freshness", () => {
  it("is 1 on the day, eases quadratically, and is 0 from the last day on", () => {
    expect(freshness(0, 8)).toBe(1);
    expect(freshness(days(2), 8)).toBeCloseTo(0.75 ** 2, 12);
    expect(freshness(days(4), 8)).toBeCloseTo(0.25, 12);
    expect(freshness(days(8) - 1, 8)).toBeGreaterThan(0);
    expect(freshness(days(8), 8)).toBe(0);
    expect(freshness(days(30), 8)).toBe(0);
  });

  it("treats a time in the future as today", () => {
    expect(freshness(-days(3), 8)).toBe(1);
  });
});

describe("itemRotation", () => {
  const tee = (over: Partial<Item> = {}) => prep(piece("tee", "top", "t-shirt", "white", over));

  it("is 0 for a piece bought ten days ago, never worn, not a favourite", () => {
    expect(itemRotation(tee(), NOW)).toBe(0);
  });

  it("rests a piece worn lately by its slot's weight: a top most, shoes and bags little", () => {
    const wornYesterday = { lastWornAt: NOW - days(1), wearCount: 0 };
    const f = freshness(days(1), 8);
    expect(itemRotation(tee(wornYesterday), NOW)).toBeCloseTo(-ITEM_REST * 1 * f, 12);
    expect(itemRotation(prep(piece("jeans", "bottom", "jeans", "denim blue", wornYesterday)), NOW)).toBeCloseTo(-ITEM_REST * 0.6 * f, 12);
    expect(itemRotation(prep(piece("shoes", "shoes", "sneakers", "white", wornYesterday)), NOW)).toBeCloseTo(-ITEM_REST * 0.2 * f, 12);
    expect(itemRotation(prep(piece("bag", "bag", "tote", "black", wornYesterday)), NOW)).toBeCloseTo(-ITEM_REST * 0.1 * f, 12);
    expect(itemRotation(prep(piece("coat", "outerwear", "coat", "camel", wornYesterday)), NOW)).toBeCloseTo(-ITEM_REST * 0.15 * f, 12);
  });

  it("no longer rests a piece worn eight days ago or more", () => {
    expect(itemRotation(tee({ lastWornAt: NOW - days(8) }), NOW)).toBe(0);
  });

  it("drags a heavily worn piece on a log scale, up to WEAR_COUNT_DRAG at 100 wears", () => {
    const at = (wearCount: number) => itemRotation(tee({ wearCount, lastWornAt: NOW - days(20) }), NOW);
    expect(at(1)).toBeCloseTo(-WEAR_COUNT_DRAG * (Math.log1p(1) / Math.log1p(100)), 12);
    expect(at(10)).toBeCloseTo(-WEAR_COUNT_DRAG * (Math.log1p(10) / Math.log1p(100)), 12);
    expect(at(100)).toBeCloseTo(-WEAR_COUNT_DRAG, 12);
    expect(at(1000)).toBeCloseTo(-WEAR_COUNT_DRAG, 12);
  });

  it("lifts a favourite instead of dragging it", () => {
    expect(itemRotation(tee({ favourite: true, wearCount: 100, lastWornAt: NOW - days(20) }), NOW)).toBeCloseTo(FAVOURITE_LIFT, 12);
  });

  it("nudges a piece not worn for a long time, and adds it to what else applies", () => {
    const old = tee({ lastWornAt: NOW - days(60), wearCount: 1 });
    expect(itemRotation(old, NOW)).toBeCloseTo(0.1 * 0.5 - WEAR_COUNT_DRAG * (Math.log1p(1) / Math.log1p(100)), 12);
  });
});

describe("underused", () => {
  const item = (over: Partial<Item>) => prep(piece("tee", "top", "t-shirt", "white", over)).item;

  it("is 0 up to 30 days, rises linearly, and is 1 from 90 days", () => {
    expect(underused(item({ lastWornAt: NOW - days(30) }), NOW)).toBe(0);
    expect(underused(item({ lastWornAt: NOW - days(45) }), NOW)).toBeCloseTo(0.25, 12);
    expect(underused(item({ lastWornAt: NOW - days(60) }), NOW)).toBeCloseTo(0.5, 12);
    expect(underused(item({ lastWornAt: NOW - days(90) }), NOW)).toBe(1);
    expect(underused(item({ lastWornAt: NOW - days(400) }), NOW)).toBe(1);
    expect(underused(item({ lastWornAt: NOW + days(2) }), NOW)).toBe(0);
  });

  it("counts from when it came for a piece never worn", () => {
    expect(underused(item({ createdAt: NOW - days(60), lastWornAt: null }), NOW)).toBeCloseTo(0.5, 12);
    expect(underused(item({ createdAt: NOW - days(60), lastWornAt: NOW - days(1) }), NOW)).toBe(0);
  });
});

describe("underusedReason", () => {
  it("says nothing until a piece is half-way to fully under-used (60 days)", () => {
    expect(underusedReason(prep(piece("tee", "top", "t-shirt", "white", { lastWornAt: NOW - days(59) })), NOW)).toBeNull();
  });

  it("names the month it was last worn, with the year when it was another year", () => {
    const lastWornAt = new Date(2026, 2, 14, 12).getTime();
    expect(underusedReason(prep(piece("linen-shirt", "top", "shirt", "white", { lastWornAt })), NOW)).toBe('"Linen shirt": not worn since March');
    const lastYear = new Date(2025, 11, 1, 12).getTime();
    expect(underusedReason(prep(piece("linen-shirt", "top", "shirt", "white", { lastWornAt: lastYear })), NOW)).toBe(
      '"Linen shirt": not worn since December 2025',
    );
    const january = new Date(2026, 0, 3, 12).getTime();
    expect(underusedReason(prep(piece("linen-shirt", "top", "shirt", "white", { lastWornAt: january })), NOW)).toBe('"Linen shirt": not worn since January');
  });

  it("says a piece that came long ago was never worn, by its kind when it has no name", () => {
    expect(underusedReason(prep(piece("tee", "top", "t-shirt", "white", { createdAt: NOW - days(100), name: "  " })), NOW)).toBe("the t-shirt: not worn yet");
  });
});

describe("label and daysAgo", () => {
  it("quotes the trimmed name, or names the kind", () => {
    expect(label(prep(piece("tee", "top", "t-shirt", "white", { name: "  My tee " })))).toBe('"My tee"');
    expect(label(prep(piece("tee", "top", "t-shirt", "white", { name: "" })))).toBe("the t-shirt");
  });

  it("counts calendar days back from today", () => {
    const today = new Date(NOW);
    today.setHours(0, 0, 0, 0);
    const t0 = today.getTime();
    expect(daysAgo(NOW - 60_000, NOW)).toBe("today");
    expect(daysAgo(t0, NOW)).toBe("today");
    expect(daysAgo(t0 - 1, NOW)).toBe("yesterday");
    expect(daysAgo(t0 - DAY_MS, NOW)).toBe("yesterday");
    expect(daysAgo(t0 - DAY_MS - 1, NOW)).toBe("2 days ago");
    expect(daysAgo(t0 - 5 * DAY_MS + 1, NOW)).toBe("5 days ago");
    expect(daysAgo(NOW + days(2), NOW)).toBe("today");
  });
});

describe("compileRotation", () => {
  const top = prep(piece("top", "top", "t-shirt", "white"));
  const jeans = prep(piece("jeans", "bottom", "jeans", "denim blue"));
  const shoes = prep(piece("shoes", "shoes", "sneakers", "white"));
  const bag = prep(piece("bag", "bag", "tote", "black"));
  const coat = prep(piece("coat", "outerwear", "coat", "camel"));
  const stranger = prep(piece("stranger", "top", "shirt", "navy"));

  it("remembers when two pieces were last worn together, in either order", () => {
    const r = compileRotation(
      {
        wears: [
          { itemIds: ["top", "jeans", "shoes"], wornAt: NOW - days(5) },
          { itemIds: ["jeans", "top"], wornAt: NOW - days(2) },
          { itemIds: ["top", "jeans"], wornAt: NOW - days(9) },
        ],
      },
      NOW,
    );
    expect(r.now).toBe(NOW);
    expect(r.wornTogether(top, jeans)).toBe(NOW - days(2));
    expect(r.wornTogether(jeans, top)).toBe(NOW - days(2));
    expect(r.wornTogether(shoes, top)).toBe(NOW - days(5));
    expect(r.wornTogether(top, stranger)).toBeNull();
    expect(r.wornTogether(stranger, top)).toBeNull();
    expect(r.wornTogether(bag, coat)).toBeNull();
  });

  it("rests a pair by how core its two slots are, fading over two weeks", () => {
    const at = NOW - days(3);
    const r = compileRotation({ wears: [{ itemIds: ["top", "jeans", "shoes", "bag", "coat"], wornAt: at }] }, NOW);
    const f = freshness(days(3), 14);
    expect(r.pair(top, jeans)).toBeCloseTo(PAIR_REST * 1 * f, 12);
    expect(r.pair(top, coat)).toBeCloseTo(PAIR_REST * 1 * f, 12);
    expect(r.pair(top, shoes)).toBeCloseTo(PAIR_REST * 0.5 * f, 12);
    expect(r.pair(shoes, jeans)).toBeCloseTo(PAIR_REST * 0.5 * f, 12);
    expect(r.pair(shoes, bag)).toBeCloseTo(PAIR_REST * 0.2 * f, 12);
    expect(r.pair(top, stranger)).toBe(0);
  });

  it("forgets wears of two weeks ago or more, and ignores wears dated more than a day ahead", () => {
    const r = compileRotation(
      {
        wears: [
          { itemIds: ["top", "jeans"], wornAt: NOW - days(14) },
          { itemIds: ["top", "shoes"], wornAt: NOW + days(2) },
          { itemIds: ["bag", "coat"], wornAt: NOW + days(1) - 1 },
        ],
      },
      NOW,
    );
    expect(r.wornTogether(top, jeans)).toBeNull();
    expect(r.wornTogether(top, shoes)).toBeNull();
    expect(r.wornTogether(bag, coat)).toBe(NOW + days(1) - 1);
    expect(r.pair(bag, coat)).toBeCloseTo(PAIR_REST * 0.5, 12);
  });

  it("counts a piece listed twice in one wear once, and is empty without wears", () => {
    const r = compileRotation({ wears: [{ itemIds: ["top", "top"], wornAt: NOW - days(1) }] }, NOW);
    expect(r.wornTogether(top, top)).toBeNull();
    const empty = compileRotation({}, NOW);
    expect(empty.wornTogether(top, jeans)).toBeNull();
    expect(empty.pair(top, jeans)).toBe(0);
    expect(empty.item(top)).toBe(itemRotation(top, NOW));
  });

  it("keeps pairs of many pieces apart (no two pairs share a key)", () => {
    const ids = Array.from({ length: 12 }, (_, k) => `p${k}`);
    const pieces = ids.map((id) => prep(piece(id, "top", "t-shirt", "white")));
    const wears = ids.slice(0, -1).map((id, k) => ({ itemIds: [id, ids[k + 1]!], wornAt: NOW - days(1) - k * 1000 }));
    const r = compileRotation({ wears }, NOW);
    for (let a = 0; a < 12; a++)
      for (let b = 0; b < 12; b++) {
        if (a === b) continue;
        const want = Math.abs(a - b) === 1 ? NOW - days(1) - Math.min(a, b) * 1000 : null;
        expect(r.wornTogether(pieces[a]!, pieces[b]!), `${a}-${b}`).toBe(want);
      }
  });
});
