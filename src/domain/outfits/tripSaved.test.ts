/**
 * A planned trip as the device keeps it: what saveTrip writes, what isSavedTrip accepts
 * back (a damaged value is refused whole, never half-read), and the text a traveller shares.
 */
import { describe, expect, it } from "vitest";
import { piece } from "./testing/stylist-wardrobe";
import type { TripPlan, TripRequest } from "./trip";
import { isSavedTrip, saveTrip, tripDateWords, tripText, type SavedTrip } from "./tripSaved";

const tee = piece("tee", "top", "t-shirt", "white");
const jeans = piece("jeans", "bottom", "jeans", "denim blue");
const boots = piece("boots", "shoes", "boots", "brown");

const REQUEST: TripRequest = {
  days: [
    { date: "2026-05-11", occasion: "casual", temperatureC: 18, rain: true },
    { date: "2026-05-12", occasion: null, temperatureC: null },
  ],
  laundryEveryDays: 3,
};
const PLAN = {
  items: [tee, jeans, boots],
  days: [
    { pieces: [{ item: tee }, { item: jeans }, { item: boots }], missing: [] },
    { pieces: [{ item: tee }], missing: [{ slot: "shoes", advice: "comfortable shoes" }] },
  ],
  notes: ["Wash once, on day 3."],
} as unknown as TripPlan;

/** A saved trip that isSavedTrip must accept; each test breaks one thing. */
const good = (): SavedTrip => saveTrip(REQUEST, PLAN, 1_000);

describe("saveTrip", () => {
  it("keeps what was asked, what to pack (ids, in order), each day's outfit and gaps, and nothing packed yet", () => {
    expect(good()).toEqual({
      days: [
        { date: "2026-05-11", occasion: "casual", temperatureC: 18, rain: true },
        { date: "2026-05-12", occasion: null, temperatureC: null, rain: false },
      ],
      laundryEveryDays: 3,
      plannedAt: 1_000,
      items: ["tee", "jeans", "boots"],
      outfits: [["tee", "jeans", "boots"], ["tee"]],
      missing: [[], [{ slot: "shoes", advice: "comfortable shoes" }]],
      notes: ["Wash once, on day 3."],
      packed: [],
    });
  });

  it("records no laundry as null, and the time it was planned", () => {
    const saved = saveTrip({ days: REQUEST.days }, PLAN, 42);
    expect(saved.laundryEveryDays).toBeNull();
    expect(saved.plannedAt).toBe(42);
    expect(isSavedTrip(saved)).toBe(true);
  });
});

describe("isSavedTrip", () => {
  it("accepts what saveTrip writes, and survives a JSON round trip", () => {
    expect(isSavedTrip(good())).toBe(true);
    expect(isSavedTrip(JSON.parse(JSON.stringify(good())))).toBe(true);
  });

  const broken: [string, (t: Record<string, unknown>) => unknown][] = [
    ["not an object", () => "trip"],
    ["null", () => null],
    ["an array", () => []],
    ["days missing", (t) => ({ ...t, days: undefined })],
    ["items not a list", (t) => ({ ...t, items: "tee" })],
    ["outfits missing", (t) => ({ ...t, outfits: undefined })],
    ["packed missing", (t) => ({ ...t, packed: undefined })],
    ["missing not a list", (t) => ({ ...t, missing: {} })],
    ["notes not a list", (t) => ({ ...t, notes: "wash" })],
    ["a note not text", (t) => ({ ...t, notes: ["ok", 3] })],
    ["plannedAt not a number", (t) => ({ ...t, plannedAt: "today" })],
    ["laundry every 0 days", (t) => ({ ...t, laundryEveryDays: 0 })],
    ["laundry every -1 days", (t) => ({ ...t, laundryEveryDays: -1 })],
    ["laundry as text", (t) => ({ ...t, laundryEveryDays: "3" })],
    ["a day not an object", (t) => ({ ...t, days: ["2026-05-11", (t.days as unknown[])[1]] })],
    ["a day's date not a date", (t) => ({ ...t, days: [{ date: "11/05/2026", occasion: null, temperatureC: null }, (t.days as unknown[])[1]] })],
    ["a day's date with more after it", (t) => ({ ...t, days: [{ date: "2026-05-11x", occasion: null, temperatureC: null }, (t.days as unknown[])[1]] })],
    ["a day's date with text before it", (t) => ({ ...t, days: [{ date: "x2026-05-11", occasion: null, temperatureC: null }, (t.days as unknown[])[1]] })],
    ["a day's date a number", (t) => ({ ...t, days: [{ date: 20260511, occasion: null, temperatureC: null }, (t.days as unknown[])[1]] })],
    ["a day's occasion a number", (t) => ({ ...t, days: [{ date: "2026-05-11", occasion: 1, temperatureC: null }, (t.days as unknown[])[1]] })],
    ["a day's temperature text", (t) => ({ ...t, days: [{ date: "2026-05-11", occasion: null, temperatureC: "18" }, (t.days as unknown[])[1]] })],
    ["an item id not text", (t) => ({ ...t, items: ["tee", 2] })],
    ["a packed id not text", (t) => ({ ...t, packed: [null] })],
    ["fewer outfits than days", (t) => ({ ...t, outfits: [["tee"]] })],
    ["an outfit not a list", (t) => ({ ...t, outfits: ["tee", ["tee"]] })],
    ["an outfit's id not text", (t) => ({ ...t, outfits: [["tee", 1], ["tee"]] })],
    ["more gap lists than days", (t) => ({ ...t, missing: [[], [], []] })],
  ];
  it.each(broken)("refuses a trip with %s", (_, breakIt) => {
    const value = breakIt(good() as unknown as Record<string, unknown>);
    expect(isSavedTrip(value)).toBe(false);
  });

  it("accepts 60 days and refuses 61", () => {
    const days = (n: number) =>
      Array.from({ length: n }, (_, k) => ({ date: `2026-06-${String((k % 28) + 1).padStart(2, "0")}`, occasion: null, temperatureC: 20 }));
    const trip = (n: number) => ({ ...good(), days: days(n), outfits: days(n).map(() => []), missing: days(n).map(() => []) });
    expect(isSavedTrip(trip(60))).toBe(true);
    expect(isSavedTrip(trip(61))).toBe(false);
  });

  it("accepts a day's occasion, temperature and laundry when they are given, and when they are null", () => {
    expect(isSavedTrip({ ...good(), laundryEveryDays: 1 })).toBe(true);
    expect(isSavedTrip({ ...good(), laundryEveryDays: null })).toBe(true);
    expect(isSavedTrip({ ...good(), days: [{ date: "2026-05-11", occasion: "work", temperatureC: -5 }, good().days[1]] })).toBe(true);
  });
});

describe("tripText", () => {
  const names: Record<string, string> = { tee: "White tee", jeans: "Jeans", boots: "Brown boots" };
  const nameOf = (id: string) => names[id] ?? id;

  it("lists the pieces (ticked when packed), then each day: what it is, its outfit and what to add", () => {
    const trip = { ...good(), packed: ["jeans"] };
    expect(tripText(trip, nameOf).split("\n")).toEqual([
      `Trip ${tripDateWords("2026-05-11")} – ${tripDateWords("2026-05-12")}: 3 pieces to pack`,
      "[ ] White tee",
      "[x] Jeans",
      "[ ] Brown boots",
      "",
      `${tripDateWords("2026-05-11")} (casual, 18 °C, rain): White tee + Jeans + Brown boots`,
      `${tripDateWords("2026-05-12")}: White tee — add comfortable shoes`,
    ]);
  });

  it("names one day once, and says when a day has nothing planned; gaps are joined with semicolons", () => {
    const trip: SavedTrip = {
      ...good(),
      days: [{ date: "2026-05-11", occasion: null, temperatureC: 0, rain: false }],
      items: [],
      outfits: [[]],
      missing: [
        [
          { slot: "top", advice: "a warm top" },
          { slot: "shoes", advice: "boots" },
        ],
      ],
    };
    expect(tripText(trip, nameOf).split("\n")).toEqual([
      `Trip ${tripDateWords("2026-05-11")}: 0 pieces to pack`,
      "",
      `${tripDateWords("2026-05-11")} (0 °C): nothing planned — add a warm top; add boots`,
    ]);
  });

  it("writes a day as the traveller reads it, from its local noon", () => {
    expect(tripDateWords("2026-05-11")).toBe("Mon 11 May");
    expect(tripDateWords("2026-12-31")).toBe("Thu 31 Dec");
  });
});
