/**
 * How one piece suits the day (fit.ts) and how alike two outfits look (distinct.ts),
 * with the values their rules give: hard filters, the occasion/season/weather fit, the
 * weather fit in rain, the look overlap and the distinct pick.
 */
import { describe, expect, it } from "vitest";
import type { Item } from "../wardrobe/types";
import { dayOf } from "./day";
import { lookOf, lookOverlap, pickDistinct, type Candidate } from "./distinct";
import { canSuggest, contextFit, desiredWarmth, passesHardFilters, weatherFit } from "./fit";
import { prepareItem, type PreparedItem } from "./prepare";
import { DAY, NOW, piece } from "./testing/stylist-wardrobe";
import type { OutfitContext } from "./types";

const prep = (item: Item): PreparedItem => prepareItem(item)!;
const day = (ctx: OutfitContext) => dayOf({ now: NOW, ...ctx });

describe("passesHardFilters", () => {
  const tee = (over: Partial<Item> = {}) => prep(piece("tee", "top", "t-shirt", "white", over));

  it("gender: the other gender's pieces are out, unisex and untagged pieces in; asking for unisex keeps unisex and untagged only", () => {
    expect(passesHardFilters(tee({ gender: "women" }), day({ gender: "men" }))).toBe(false);
    expect(passesHardFilters(tee({ gender: "men" }), day({ gender: "men" }))).toBe(true);
    expect(passesHardFilters(tee({ gender: "unisex" }), day({ gender: "men" }))).toBe(true);
    expect(passesHardFilters(tee({ gender: null }), day({ gender: "women" }))).toBe(true);
    expect(passesHardFilters(tee({ gender: "men" }), day({ gender: "unisex" }))).toBe(false);
    expect(passesHardFilters(tee({ gender: "unisex" }), day({ gender: "unisex" }))).toBe(true);
    expect(passesHardFilters(tee({ gender: null }), day({ gender: "unisex" }))).toBe(true);
    expect(passesHardFilters(tee({ gender: "women" }), day({}))).toBe(true);
  });

  it("not worn in the last N days: pieces worn inside the window are out, at its edge in", () => {
    expect(passesHardFilters(tee({ lastWornAt: NOW - 2 * DAY }), day({ notWornDays: 3 }))).toBe(false);
    expect(passesHardFilters(tee({ lastWornAt: NOW - 3 * DAY }), day({ notWornDays: 3 }))).toBe(true);
    expect(passesHardFilters(tee({ lastWornAt: null }), day({ notWornDays: 3 }))).toBe(true);
    expect(passesHardFilters(tee({ lastWornAt: NOW - DAY }), day({ notWornDays: 0 }))).toBe(true);
  });

  it("excluded and in-the-wash pieces are out", () => {
    expect(passesHardFilters(tee(), day({ excludeItemIds: ["tee"] }))).toBe(false);
    expect(passesHardFilters(tee(), day({ inWashItemIds: ["tee"] }))).toBe(false);
    expect(passesHardFilters(tee(), day({ excludeItemIds: ["other"] }))).toBe(true);
  });

  it("the weather's hard rules: no sandals in rain or cold, no outerwear in heat but a raincoat in rain", () => {
    const sandals = prep(piece("sandals", "shoes", "sandals", "brown"));
    expect(passesHardFilters(sandals, day({ temperatureC: 20, rain: true }))).toBe(false);
    expect(passesHardFilters(sandals, day({ temperatureC: 5 }))).toBe(false);
    expect(passesHardFilters(sandals, day({ temperatureC: 28 }))).toBe(true);
    expect(passesHardFilters(prep(piece("coat", "outerwear", "coat", "camel")), day({ temperatureC: 30 }))).toBe(false);
    expect(passesHardFilters(prep(piece("rc", "outerwear", "raincoat", "olive")), day({ temperatureC: 30, rain: true }))).toBe(true);
  });

  it("canSuggest adds the occasion's floor", () => {
    const hoodie = prep(piece("hoodie", "top", "hoodie", "grey"));
    expect(canSuggest(hoodie, day({}))).toBe(true);
    expect(canSuggest(hoodie, day({ occasion: "formal" }))).toBe(false);
  });
});

describe("weatherFit", () => {
  const fit = (item: Item, ctx: OutfitContext) => weatherFit(prep(item), day(ctx));

  it("is 1 minus the gap between the piece's warmth and the day's, as felt", () => {
    const sweater = prep(piece("sweater", "top", "sweater", "navy"));
    expect(weatherFit(sweater, day({ temperatureC: 10 }))).toBeCloseTo(1 - Math.abs(sweater.warmth - desiredWarmth(10)), 12);
    expect(weatherFit(sweater, day({ temperatureC: 10, feel: "cold" }))).toBeCloseTo(1 - Math.abs(sweater.warmth - desiredWarmth(7)), 12);
    expect(weatherFit(sweater, day({}))).toBe(0.75);
  });

  it("desiredWarmth: 0 from 26 °C up, 1 from 0 °C down, linear between", () => {
    expect(desiredWarmth(26)).toBe(0);
    expect(desiredWarmth(35)).toBe(0);
    expect(desiredWarmth(13)).toBeCloseTo(0.5, 12);
    expect(desiredWarmth(0)).toBe(1);
    expect(desiredWarmth(-10)).toBe(1);
  });

  it("bags and accessories the weather does not concern are neutral; scarves, hats, gloves and sunglasses are judged", () => {
    expect(fit(piece("bag", "bag", "tote", "black"), { temperatureC: 0, rain: true })).toBe(0.75);
    expect(fit(piece("watch", "accessory", "watch", "black"), { temperatureC: 0 })).toBe(0.75);
    const scarf = prep(piece("scarf", "accessory", "scarf", "camel"));
    expect(weatherFit(scarf, day({ temperatureC: 0 }))).toBeCloseTo(1 - Math.abs(scarf.warmth - 1), 12);
    const shades = prep(piece("shades", "accessory", "glasses", "black", { name: "Sunglasses" }));
    expect(weatherFit(shades, day({ temperatureC: 20, rain: true }))).toBe(0.1);
  });

  it("rain: boots best, heels and flats worst among shoes; a raincoat best, then coats and jackets, among layers", () => {
    const ctx = { rain: true };
    expect(fit(piece("b", "shoes", "boots", "brown"), ctx)).toBeCloseTo(0.3 * 0.75 + 0.7, 12);
    expect(fit(piece("s", "shoes", "sneakers", "white"), ctx)).toBeCloseTo(0.3 * 0.75 + 0.7 * 0.5, 12);
    expect(fit(piece("h", "shoes", "heels", "black"), ctx)).toBeCloseTo(0.3 * 0.75 + 0.7 * 0.3, 12);
    expect(fit(piece("f", "shoes", "flats", "black"), ctx)).toBeCloseTo(0.3 * 0.75 + 0.7 * 0.3, 12);
    expect(fit(piece("r", "outerwear", "raincoat", "olive"), ctx)).toBeCloseTo(0.4 * 0.75 + 0.6, 12);
    expect(fit(piece("c", "outerwear", "coat", "camel"), ctx)).toBeCloseTo(0.4 * 0.75 + 0.6 * 0.7, 12);
    expect(fit(piece("j", "outerwear", "jacket", "black"), ctx)).toBeCloseTo(0.4 * 0.75 + 0.6 * 0.7, 12);
    expect(fit(piece("z", "outerwear", "blazer", "navy"), ctx)).toBeCloseTo(0.4 * 0.75 + 0.6 * 0.25, 12);
    expect(fit(piece("t", "top", "t-shirt", "white"), ctx)).toBe(0.75);
  });
});

describe("contextFit", () => {
  const tee = prep(piece("tee", "top", "t-shirt", "white"));

  it("is 0.75 with nothing known about the day", () => {
    expect(contextFit(tee, day({}))).toBe(0.75);
  });

  it("occasion: tagged pieces fit best, untagged by closeness of formality, tagged for another occasion least", () => {
    const closeness = (p: PreparedItem, f: number) => 1 - Math.abs(p.formality - f);
    const work = prep(piece("shirt", "top", "shirt", "white", { occasions: ["work"] }));
    expect(contextFit(work, day({ occasion: "work" }))).toBeCloseTo(0.8 + 0.2 * closeness(work, 0.7), 12);
    expect(contextFit(tee, day({ occasion: "work" }))).toBeCloseTo(0.3 + 0.55 * closeness(tee, 0.7), 12);
    expect(contextFit(work, day({ occasion: "sport" }))).toBeCloseTo(0.35 * closeness(work, 0.1), 12);
  });

  it("season: a chosen season judges fully, one taken from the date partly (less again when the temperature is known)", () => {
    const winter = prep(piece("w", "top", "sweater", "navy", { seasons: ["winter"] }));
    const summer = prep(piece("s", "top", "t-shirt", "white", { seasons: ["summer"] }));
    expect(contextFit(winter, day({ season: "winter" }))).toBeCloseTo(1, 12);
    expect(contextFit(summer, day({ season: "winter" }))).toBeCloseTo(0.2, 12);
    expect(contextFit(tee, day({ season: "winter" }))).toBeCloseTo(0.75, 12);
    // NOW is in November: autumn in the north, spring in the south.
    expect(contextFit(summer, day({ hemisphere: "north" }))).toBeCloseTo((0.1 * 0.2 + 0.1 * 0.75) / 0.2, 12);
    const withWeather = day({ hemisphere: "north", temperatureC: 20 });
    const weather = weatherFit(summer, withWeather);
    expect(contextFit(summer, withWeather)).toBeCloseTo((0.05 * 0.2 + 0.15 * 0.75 + 0.4 * weather) / 0.6, 12);
  });

  it("weather counts when the temperature is known or it rains", () => {
    expect(contextFit(tee, day({ temperatureC: 30 }))).toBeCloseTo(weatherFit(tee, day({ temperatureC: 30 })), 12);
    expect(contextFit(tee, day({ rain: true }))).toBeCloseTo(weatherFit(tee, day({ rain: true })), 12);
  });
});

describe("distinct looks", () => {
  const p = (id: string, cat: Item["category"], sub: string, colour: string) => prep(piece(id, cat, sub, colour));
  const tee = p("tee", "top", "t-shirt", "white");
  const tee2 = p("tee2", "top", "t-shirt", "white");
  const blackTee = p("black-tee", "top", "t-shirt", "black");
  const jeans = p("jeans", "bottom", "jeans", "denim blue");
  const chinos = p("chinos", "bottom", "trousers", "camel");
  const shoes = p("shoes", "shoes", "sneakers", "white");
  const bag = p("bag", "bag", "tote", "black");

  it("a look is slot, kind and main colour: two white tees are one look", () => {
    expect(lookOf(tee)).toBe(lookOf(tee2));
    expect(lookOf(tee)).not.toBe(lookOf(blackTee));
  });

  it("overlap is the shared weight over the smaller outfit's weight; core pieces weigh most", () => {
    expect(lookOverlap([tee, jeans, shoes], [tee2, jeans, shoes])).toBe(1);
    expect(lookOverlap([tee, jeans, shoes], [blackTee, chinos, shoes])).toBeCloseTo(1 / 5, 12);
    expect(lookOverlap([tee, jeans, shoes], [tee, chinos, shoes])).toBeCloseTo(3 / 5, 12);
    expect(lookOverlap([tee, jeans, shoes, bag], [blackTee, chinos, shoes, bag])).toBeCloseTo(1.5 / 5.5, 12);
    // The smaller outfit: all of [tee, jeans] is in the bigger one.
    expect(lookOverlap([tee, jeans], [tee, jeans, shoes, bag])).toBe(1);
    expect(lookOverlap([tee, jeans, shoes, bag], [tee, jeans])).toBe(1);
    // A look twice in one outfit counts once there.
    expect(lookOverlap([tee, tee2, jeans], [blackTee, jeans])).toBeCloseTo(2 / 4, 12);
    expect(lookOverlap([], [tee])).toBe(0);
  });

  it("picks the best candidates first, skipping any too like an earlier pick, up to the count", () => {
    const c = (key: string, items: PreparedItem[], score: number): Candidate => ({ key, items, score });
    const a = c("a", [tee, jeans, shoes], 0.9);
    const b = c("b", [tee2, jeans, shoes], 0.8); // the same look as a
    const d = c("d", [blackTee, chinos, shoes], 0.7);
    const e = c("e", [tee, chinos, shoes], 0.6); // 3/5 like a and d
    const picked = pickDistinct([e, d, b, a], [], 3, 0.5);
    expect(picked.map((x) => x.key)).toEqual(["a", "d"]);
    expect(pickDistinct([e, d, b, a], [], 1, 0.5).map((x) => x.key)).toEqual(["a"]);
    expect(pickDistinct([e, d, b, a], [], 4, 0.6).map((x) => x.key)).toEqual(["a", "d", "e"]);
    // Ties are broken by key; a candidate already chosen is not picked again.
    const tie = pickDistinct([c("y", [blackTee, chinos], 0.5), c("x", [tee, jeans], 0.5)], [], 2, 0.5);
    expect(tie.map((x) => x.key)).toEqual(["x", "y"]);
    expect(pickDistinct([a], [a], 2, 1).map((x) => x.key)).toEqual(["a"]);
  });
});
