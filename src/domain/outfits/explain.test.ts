/**
 * The words an outfit comes with (explain.ts), through the outfit builder's entry point
 * (scoreOutfit): each reason and caution appears exactly when its rule says, in the
 * words the user reads.
 */
import { describe, expect, it } from "vitest";
import type { Item } from "../wardrobe/types";
import { scoreOutfit } from "./evaluate";
import { DAY, NOW, piece } from "./testing/stylist-wardrobe";
import type { OutfitContext } from "./types";

const tee = piece("white-tee", "top", "t-shirt", "white", { name: "White tee" });
const sweater = piece("wool-sweater", "top", "sweater", "navy", { name: "Wool sweater", material: "wool" });
const jeans = piece("jeans", "bottom", "jeans", "denim blue", { name: "Jeans" });
const chinos = piece("chinos", "bottom", "trousers", "camel", { name: "Camel chinos" });
const sneakers = piece("sneakers", "shoes", "sneakers", "white", { name: "Sneakers" });
const boots = piece("boots", "shoes", "boots", "brown", { name: "Boots" });
const sandals = piece("sandals", "shoes", "sandals", "brown", { name: "Sandals" });
const coat = piece("coat", "outerwear", "coat", "camel", { name: "Coat" });
const raincoat = piece("raincoat", "outerwear", "raincoat", "olive", { name: "Raincoat" });
const blazer = piece("blazer", "outerwear", "blazer", "navy", { name: "Blazer" });
const jacket = piece("jacket", "outerwear", "jacket", "black", { name: "Jacket" });

const words = (items: Item[], ctx: OutfitContext) => scoreOutfit(items, { now: NOW, ...ctx });

describe("weather", () => {
  it("rain: boots and a raincoat are named for it", () => {
    const { reasons, cautions } = words([tee, jeans, boots, raincoat], { temperatureC: 14, rain: true });
    expect(reasons).toContain("boots for rain");
    expect(reasons).toContain("a raincoat for the rain");
    expect(reasons).not.toContain("closed shoes for the rain");
    expect(cautions.join("|")).not.toMatch(/rain off/);
  });

  it("rain: other closed shoes, and a coat or jacket against it; a blazer will not keep it off", () => {
    expect(words([tee, jeans, sneakers, coat], { temperatureC: 14, rain: true }).reasons).toEqual(
      expect.arrayContaining(["closed shoes for the rain", "a coat against the rain"]),
    );
    expect(words([tee, jeans, sneakers, jacket], { temperatureC: 14, rain: true }).reasons).toContain("a jacket against the rain");
    const blazerInRain = words([tee, jeans, sneakers, blazer], { temperatureC: 14, rain: true });
    expect(blazerInRain.cautions).toContain("a blazer will not keep the rain off");
    expect(blazerInRain.reasons.join("|")).not.toMatch(/blazer/);
  });

  it("rain with no outerwear: the caution names coat or raincoat", () => {
    expect(words([tee, jeans, boots], { temperatureC: 14, rain: true }).cautions).toContain("no coat or raincoat among the matching items");
  });

  it("cold: the layer for the cold with the temperature, boots for the cold; none at all is a caution", () => {
    const { reasons } = words([sweater, jeans, boots, coat], { temperatureC: 2 });
    expect(reasons).toContain("a coat for the cold (2 °C)");
    expect(reasons).toContain("boots for the cold");
    expect(reasons).not.toContain("boots for rain");
    expect(words([sweater, jeans, boots], { temperatureC: 2 }).cautions).toContain("no coat among the matching items for 2 °C");
    // Boots in cold rain are for the rain, not said twice.
    expect(words([sweater, jeans, boots, raincoat], { temperatureC: 2, rain: true }).reasons).not.toContain("boots for the cold");
  });

  it("cool: a layer for a cool day; mild: no weather words", () => {
    expect(words([tee, jeans, sneakers, jacket], { temperatureC: 14 }).reasons).toContain("a jacket for a cool day");
    const mild = words([tee, jeans, sneakers, jacket], { temperatureC: 20 }).reasons.join("|");
    expect(mild).not.toMatch(/cool day|for the cold|no layers/);
  });

  it("heat: sandals for it, and no layers needed", () => {
    const { reasons } = words([tee, jeans, sandals], { temperatureC: 30 });
    expect(reasons).toContain("sandals for the heat");
    expect(reasons).toContain("no layers needed at 30 °C");
    expect(words([tee, jeans, sneakers], { temperatureC: 30 }).reasons).not.toContain("sandals for the heat");
  });

  it("a user who runs cold or hot: said when it changes the day's band", () => {
    // 11 °C is cool on the thermometer, cold (8 °C) for someone who runs cold.
    expect(words([sweater, jeans, boots, coat], { temperatureC: 11, feel: "cold" }).reasons).toContain("an extra layer: you run cold");
    // 23 °C is mild, hot (26 °C) for someone who runs hot.
    expect(words([tee, jeans, sneakers], { temperatureC: 23, feel: "hot" }).reasons).toContain("no extra layer: you run hot");
    // Same band either way: nothing said.
    expect(words([sweater, jeans, boots, coat], { temperatureC: 2, feel: "cold" }).reasons).not.toContain("an extra layer: you run cold");
  });

  it("pieces far too light or too warm for the felt temperature get a caution; a warm top is credited", () => {
    expect(words([tee, jeans, sneakers, coat], { temperatureC: -5 }).cautions).toContain('"White tee" may be cold at -5 °C');
    expect(words([sweater, jeans, sneakers], { temperatureC: 32 }).cautions).toContain('"Wool sweater" may be too warm at 32 °C');
    expect(words([sweater, jeans, boots, coat], { temperatureC: 5 }).reasons).toContain('"Wool sweater" is warm enough for 5 °C');
    // Far warmer than the day calls for is not "warm enough" (a wool sweater at 14 °C).
    expect(words([sweater, jeans, boots, coat], { temperatureC: 14 }).reasons.join("|")).not.toMatch(/warm enough/);
    // A coat is the layer: it is not judged as clothing worn against the skin.
    expect(words([tee, jeans, sneakers, coat], { temperatureC: 32 }).cautions.join("|")).not.toMatch(/Coat" may be too warm/);
    // With no temperature nothing is judged.
    const unknown = words([tee, jeans, sneakers], {});
    expect([...unknown.reasons, ...unknown.cautions].join("|")).not.toMatch(/°C/);
  });
});

describe("occasion, season, bag", () => {
  const workTee = piece("work-shirt", "top", "shirt", "white", { name: "Work shirt", occasions: ["work"] });
  const workTrousers = piece("work-trousers", "bottom", "trousers", "navy", { name: "Work trousers", occasions: ["work"] });
  const workShoes = piece("work-shoes", "shoes", "loafers", "black", { name: "Loafers", occasions: ["work", "formal"] });

  it("every piece tagged for the occasion is a reason; a piece tagged for other occasions only is a caution", () => {
    expect(words([workTee, workTrousers, workShoes], { occasion: "work" }).reasons).toContain("every piece suits work");
    const gym = piece("gym-tee", "top", "t-shirt", "grey", { name: "Gym tee", occasions: ["sport"] });
    const mixed = words([gym, workTrousers, workShoes], { occasion: "work" });
    expect(mixed.reasons).not.toContain("every piece suits work");
    expect(mixed.cautions).toContain('"Gym tee" is not tagged for work');
    // Untagged pieces are not flagged.
    expect(words([tee, workTrousers, workShoes], { occasion: "work" }).cautions.join("|")).not.toMatch(/not tagged/);
  });

  it("all pieces tagged for the day's season is a reason", () => {
    const w = (id: string, cat: Item["category"], sub: string) => piece(id, cat, sub, "navy", { seasons: ["winter", "autumn"] });
    const outfit = [w("a", "top", "sweater"), w("b", "bottom", "trousers"), w("c", "shoes", "boots")];
    expect(words(outfit, { season: "winter" }).reasons).toContain("all pieces are for winter");
    expect(words([...outfit.slice(0, 2), sneakers], { season: "winter" }).reasons).not.toContain("all pieces are for winter");
  });

  it("a bag finishes a dressy look", () => {
    const bag = piece("tote", "bag", "tote", "black", { name: "Tote" });
    expect(words([workTee, workTrousers, workShoes, bag], { occasion: "work" }).reasons).toContain("a tote finishes the work look");
    expect(words([tee, jeans, sneakers, bag], { occasion: "casual" }).reasons.join("|")).not.toMatch(/finishes/);
  });
});

describe("rotation and favourites", () => {
  it("an outfit worn together lately: one caution, not one per piece", () => {
    const wears = [{ itemIds: ["white-tee", "jeans", "sneakers"], wornAt: NOW - DAY }];
    const worn = { lastWornAt: NOW - DAY };
    const { cautions } = words(
      [
        { ...tee, ...worn },
        { ...jeans, ...worn },
        { ...sneakers, ...worn },
      ],
      { wears },
    );
    expect(cautions).toContain("you wore this outfit yesterday");
    expect(cautions.join("|")).not.toMatch(/you wore "/);
  });

  it("a piece others notice, worn in the last three days: a caution with when; shoes and older wears are not", () => {
    const { cautions } = words(
      [
        { ...tee, lastWornAt: NOW - 2 * DAY },
        { ...jeans, lastWornAt: NOW - 4 * DAY },
        { ...sneakers, lastWornAt: NOW - DAY },
      ],
      {},
    );
    expect(cautions).toContain('you wore "White tee" 2 days ago');
    expect(cautions.join("|")).not.toMatch(/Jeans|Sneakers/);
  });

  it("the most forgotten piece, a favourite, and days without wearing anything are reasons", () => {
    const old = { ...chinos, lastWornAt: new Date(2026, 2, 14, 12).getTime() };
    const { reasons } = words([{ ...tee, favourite: true }, old, sneakers], { notWornDays: 4 });
    expect(reasons).toContain('"Camel chinos": not worn since March');
    expect(reasons).toContain('"White tee" is one of your favourites');
    expect(reasons).toContain("nothing worn in the last 4 days");
  });
});

describe("colour", () => {
  it("the best pair speaks for the outfit when it is good; a clash is a caution, once", () => {
    const navy = piece("navy-shirt", "top", "shirt", "navy", { name: "Navy shirt" });
    const { reasons } = words([navy, chinos, boots], {});
    expect(reasons.some((r) => /navy/i.test(r) && /camel/i.test(r))).toBe(true);
    const red = piece("red-top", "top", "t-shirt", "red", { name: "Red top" });
    const pink = piece("pink-skirt", "bottom", "skirt", "pink", { name: "Pink skirt" });
    const orange = piece("orange-shoes", "shoes", "sneakers", "orange", { name: "Orange shoes" });
    const clash = words([red, pink, orange], {});
    const clashes = clash.cautions.filter((c) => /clash/i.test(c));
    expect(clashes.length).toBeGreaterThan(0);
    expect(new Set(clashes).size).toBe(clashes.length);
  });
});
