import { describe, expect, it } from "vitest";
import { makeItem } from "@domain/outfits/testing/synthetic-wardrobe";
import { blockingProblems, defaultOutfitName, draftFromItems, draftItems, setSlot } from "./builder";
import { addMonths, monthGrid, moveFocus } from "./calendar";
import { describeContext, EMPTY_FILTERS, parseFilters, toContext } from "./filters";
import { wardrobeGap } from "./gaps";
import { outfitProblems } from "@domain/outfits";

const NOW = Date.UTC(2026, 10, 20);

describe("filters", () => {
  it("remembers valid fields, drops damaged ones, and starts from the profile's gender", () => {
    expect(parseFilters(undefined, { gender: "women" })).toEqual({ ...EMPTY_FILTERS, gender: "women" });
    expect(parseFilters({ occasion: "work", season: "monsoon", rain: "yes", temperature: 12, notWornDays: "7" }, { gender: "men" })).toEqual({
      occasion: "work",
      season: "",
      temperature: "",
      rain: false,
      gender: "men",
      notWornDays: "7",
    });
    // A stored "any" choice wins over the profile.
    expect(parseFilters({ gender: "" }, { gender: "men" }).gender).toBe("");
  });

  it("turns typed values into a context and names what is wrong", () => {
    const ok = toContext({ ...EMPTY_FILTERS, temperature: " −3,5 ", rain: true, notWornDays: "7", occasion: "work" }, null, NOW);
    expect(ok.problems).toEqual({});
    expect(ok.context).toMatchObject({ temperatureC: -3.5, rain: true, notWornDays: 7, occasion: "work", season: null, gender: null, now: NOW });
    const bad = toContext({ ...EMPTY_FILTERS, temperature: "hot", notWornDays: "2.5" }, null, NOW);
    expect(bad.problems.temperature).toMatch(/-40 to 50 °C/);
    expect(bad.problems.notWornDays).toMatch(/whole days/);
    expect(bad.context.temperatureC).toBeNull();
    expect(toContext({ ...EMPTY_FILTERS, temperature: "80" }, null, NOW).problems.temperature).toBeDefined();
    expect(describeContext(ok.context)).toBe("work · -3.5 °C · rain · not worn in 7 days");
    expect(describeContext({})).toBe("any day");
  });

  it("takes today's season from the date and hemisphere unless one is chosen, and how the user feels the cold", () => {
    const auto = toContext({ ...EMPTY_FILTERS, temperature: "8" }, null, NOW, { hemisphere: "south", feel: "cold" }).context;
    expect(auto).toMatchObject({ season: null, hemisphere: "south", feel: "cold" });
    expect(describeContext(auto)).toBe("spring · 8 °C (you run cold)");
    expect(toContext({ ...EMPTY_FILTERS, season: "winter" }, null, NOW, { hemisphere: "south" }).context).toMatchObject({ season: "winter", hemisphere: null });
    const any = toContext({ ...EMPTY_FILTERS, season: "any" }, null, NOW, { hemisphere: "north", feel: "normal" }).context;
    expect(any).toMatchObject({ season: null, hemisphere: null, feel: null });
    expect(describeContext(any)).toBe("any day");
    expect(parseFilters({ season: "any" }, null).season).toBe("any");
  });
});

describe("wardrobe gaps", () => {
  it("names exactly what is missing", () => {
    expect(wardrobeGap([])?.title).toBe("Add a top, a bottom and shoes to get outfits");
    const top = makeItem({ id: "t", category: "top" });
    const bottom = makeItem({ id: "b", category: "bottom" });
    const shoes = makeItem({ id: "s", category: "shoes" });
    const dress = makeItem({ id: "d", category: "dress" });
    expect(wardrobeGap([top, shoes])?.title).toBe("Add a bottom to get outfits");
    expect(wardrobeGap([top, bottom])?.title).toBe("Add shoes to get outfits");
    expect(wardrobeGap([dress])).toEqual({ title: "Add shoes to get outfits", hint: null });
    expect(wardrobeGap([dress, shoes])).toBeNull();
    expect(wardrobeGap([top, bottom, shoes])).toBeNull();
    expect(wardrobeGap([top, makeItem({ id: "x", category: null })])?.hint).toMatch(/1 item has no category yet/);
    expect(wardrobeGap([top, bottom, { ...shoes, deletedAt: 1 }])?.title).toBe("Add shoes to get outfits");
  });
});

describe("calendar", () => {
  it("shows whole Monday–Sunday weeks around the month", () => {
    const weeks = monthGrid("2026-11-20");
    expect(weeks[0]![0]).toBe("2026-10-26"); // 1 Nov 2026 is a Sunday
    expect(weeks.at(-1)!.at(-1)).toBe("2026-12-06");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.flat()).toContain("2026-11-30");
    expect(monthGrid("2027-02-10")).toHaveLength(4); // Feb 2027 starts on a Monday, 28 days
  });

  it("moves by day, week, week end and month, across month and year edges", () => {
    expect(moveFocus("2026-11-30", "ArrowRight")).toBe("2026-12-01");
    expect(moveFocus("2026-01-01", "ArrowLeft")).toBe("2025-12-31");
    expect(moveFocus("2026-11-20", "ArrowUp")).toBe("2026-11-13");
    expect(moveFocus("2026-11-20", "ArrowDown")).toBe("2026-11-27");
    expect(moveFocus("2026-11-20", "Home")).toBe("2026-11-16"); // Monday
    expect(moveFocus("2026-11-20", "End")).toBe("2026-11-22"); // Sunday
    expect(moveFocus("2026-01-31", "PageDown")).toBe("2026-02-28");
    expect(moveFocus("2026-03-31", "PageUp")).toBe("2026-02-28");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(moveFocus("2026-11-20", "Enter")).toBeNull();
  });
});

describe("builder draft", () => {
  const tee = makeItem({ id: "tee", name: "White tee", category: "top", subtype: "t-shirt" });
  const jeans = makeItem({ id: "jeans", name: "Jeans", category: "bottom", subtype: "jeans" });
  const sandals = makeItem({ id: "sandals", name: "Sandals", category: "shoes", subtype: "sandals" });
  const cardigan = makeItem({ id: "cardi", name: "Cardigan", category: "top", subtype: "cardigan" });

  it("a dress replaces separates and separates replace a dress", () => {
    let d = setSlot(setSlot({}, "top", "tee"), "bottom", "jeans");
    d = setSlot(d, "dress", "dress");
    expect(d).toEqual({ dress: "dress" });
    expect(setSlot(d, "top", "tee")).toEqual({ top: "tee" });
    expect(setSlot({ top: "tee" }, "top", null)).toEqual({});
  });

  it("places items by their slot (a cardigan filed as a top layers as outerwear)", () => {
    const d = draftFromItems([tee, jeans, cardigan, sandals]);
    expect(d).toEqual({ top: "tee", bottom: "jeans", outerwear: "cardi", shoes: "sandals" });
    const byId = new Map([tee, jeans, cardigan, sandals].map((i) => [i.id, i]));
    expect(draftItems({ ...d, bag: "gone" }, byId).map((i) => i.id)).toEqual(["tee", "jeans", "cardi", "sandals"]);
  });

  it("names an outfit from its pieces and tells blocking problems from weather advice", () => {
    expect(defaultOutfitName([tee, jeans, sandals])).toBe("White tee, Jeans and Sandals");
    expect(defaultOutfitName([tee, jeans, cardigan, sandals])).toBe("White tee, Jeans, Cardigan +1");
    expect(defaultOutfitName([])).toBe("Outfit");
    const rainy = outfitProblems([tee, jeans, sandals], { rain: true });
    expect(rainy.map((p) => p.code)).toEqual(["weather"]);
    expect(blockingProblems(rainy)).toEqual([]);
    expect(blockingProblems(outfitProblems([tee, sandals])).map((p) => p.code)).toEqual(["no-core"]);
  });
});
