import { describe, expect, it } from "vitest";
import { scoreOutfit, suggestSwaps } from "./evaluate";
import { prepareItem } from "./prepare";
import { pairPrior } from "./score";
import { fixtureWardrobe } from "./testing/fixture-wardrobe";
import { colour, makeItem } from "./testing/synthetic-wardrobe";

const w = fixtureWardrobe();
const pick = (...ids: string[]) => ids.map((id) => w.find((i) => i.id === id)!);
const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));

describe("pairwise compatibility", () => {
  const top = (fields = {}) => makeItem({ id: "t", category: "top", subtype: "shirt", colours: [colour("white")], ...fields });
  const bottom = (fields = {}) => makeItem({ id: "b", category: "bottom", subtype: "trousers", colours: [colour("navy")], ...fields });

  it("treats a missing embedding as neutral, and similar embeddings as a plus", () => {
    const none = pairPrior(prepareItem(top())!, prepareItem(bottom())!).value;
    const same = pairPrior(prepareItem(top({ embedding: unit([1, 2, 3]) }))!, prepareItem(bottom({ embedding: unit([1, 2, 3]) }))!).value;
    const opposite = pairPrior(prepareItem(top({ embedding: unit([1, 2, 3]) }))!, prepareItem(bottom({ embedding: unit([-1, -2, -3]) }))!).value;
    expect(same).toBeGreaterThan(none);
    expect(opposite).toBeLessThan(none);
    expect(same - none).toBeCloseTo(none - opposite, 10);
  });

  it("prefers matching formality", () => {
    const blazer = prepareItem(makeItem({ id: "bl", category: "outerwear", subtype: "blazer", colours: [colour("navy")] }))!;
    const trousers = prepareItem(makeItem({ id: "tr", category: "bottom", subtype: "trousers", colours: [colour("grey")] }))!;
    const shorts = prepareItem(makeItem({ id: "sh", category: "bottom", subtype: "shorts", colours: [colour("grey")] }))!;
    expect(pairPrior(blazer, trousers).value).toBeGreaterThan(pairPrior(blazer, shorts).value);
  });

  it("scores harmony: a classic pairing beats a clash", () => {
    const navy = prepareItem(makeItem({ id: "n", category: "top", subtype: "sweater", colours: [colour("navy")] }))!;
    const camel = prepareItem(makeItem({ id: "c", category: "bottom", subtype: "trousers", colours: [colour("camel")] }))!;
    const red = prepareItem(makeItem({ id: "r", category: "top", subtype: "sweater", colours: [colour("red")] }))!;
    const mustard = prepareItem(makeItem({ id: "m", category: "bottom", subtype: "trousers", colours: [colour("mustard")] }))!;
    const classic = pairPrior(navy, camel);
    expect(classic.harmony.reason).toBe("navy and camel are a classic pairing");
    expect(classic.value).toBeGreaterThan(pairPrior(red, mustard).value + 0.2);
  });
});

describe("scoreOutfit (the outfit builder)", () => {
  it("scores a valid outfit with reasons and no problems", () => {
    const r = scoreOutfit(pick("sweater-navy", "chinos-camel", "boots"), { temperatureC: 15 });
    expect(r.valid).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.reasons).toContain("navy and camel are a classic pairing");
    expect(r.score).toBeCloseTo(r.prior, 12);
  });

  it("reports what makes a hand-built outfit invalid, and still scores it", () => {
    const r = scoreOutfit(pick("tee-white", "jeans", "chinos-camel"), {});
    expect(r.valid).toBe(false);
    expect(r.problems.map((p) => p.code).sort()).toEqual(["duplicate-slot", "no-shoes"]);
    expect(r.score).toBeGreaterThan(0);
  });

  it("rain: boots beat sneakers, a raincoat beats none, and it says why", () => {
    const ctx = { rain: true, temperatureC: 12 };
    const boots = scoreOutfit(pick("sweater-navy", "jeans", "boots", "raincoat"), ctx);
    const sneakers = scoreOutfit(pick("sweater-navy", "jeans", "sneakers", "raincoat"), ctx);
    const noCoat = scoreOutfit(pick("sweater-navy", "jeans", "boots"), ctx);
    expect(boots.score).toBeGreaterThan(sneakers.score);
    expect(boots.score).toBeGreaterThan(noCoat.score);
    expect(boots.reasons).toEqual(expect.arrayContaining(["boots for rain", "a raincoat for the rain"]));
    expect(noCoat.cautions).toContain("no coat or raincoat among the matching items");
    expect(scoreOutfit(pick("sweater-navy", "jeans", "sandals", "raincoat"), ctx).problems[0]!.code).toBe("weather");
  });

  it("cold and heat: warm pieces for frost, light ones for heat", () => {
    const winter = pick("sweater-navy", "chinos-camel", "boots", "coat-camel");
    const summer = pick("tee-white", "jeans", "sandals");
    expect(scoreOutfit(winter, { temperatureC: -2 }).score).toBeGreaterThan(scoreOutfit(summer, { temperatureC: -2 }).score);
    expect(scoreOutfit(summer, { temperatureC: 30 }).score).toBeGreaterThan(
      scoreOutfit(pick("sweater-navy", "chinos-camel", "boots"), { temperatureC: 30 }).score,
    );
    expect(scoreOutfit(summer, { temperatureC: 30 }).reasons).toContain("sandals for the heat");
    expect(scoreOutfit(pick("sweater-navy", "jeans", "boots"), { temperatureC: 31 }).cautions.join()).toMatch(/may be too warm at 31 °C/);
  });

  it("flags too many accent colours", () => {
    const busy = [
      makeItem({ id: "1", category: "top", subtype: "t-shirt", colours: [colour("red")] }),
      makeItem({ id: "2", category: "bottom", subtype: "skirt", colours: [colour("teal")] }),
      makeItem({ id: "3", category: "shoes", subtype: "flats", colours: [colour("mustard")] }),
      makeItem({ id: "4", category: "bag", subtype: "clutch", colours: [colour("purple")] }),
    ];
    const r = scoreOutfit(busy, {});
    expect(r.cautions).toContain("more than two accent colours can look busy");
    const calm = scoreOutfit([busy[0]!, makeItem({ id: "5", category: "bottom", subtype: "skirt", colours: [colour("navy")] }), busy[2]!], {});
    expect(calm.cautions).not.toContain("more than two accent colours can look busy");
  });
});

describe("suggestSwaps (the builder's swap)", () => {
  it("ranks replacements for one slot by the whole outfit's score, honouring the day's rules", () => {
    const outfit = pick("sweater-navy", "jeans", "sneakers");
    const swaps = suggestSwaps(outfit, "shoes", w, { rain: true });
    expect(swaps.map((s) => s.item.id)).toEqual(["boots"]); // sandals are out in the rain, sneakers are already worn
    const bottoms = suggestSwaps(outfit, "bottom", w, {});
    expect(bottoms[0]!.item.id).toBe("chinos-camel"); // navy and camel
    expect(bottoms.map((s) => s.score)).toEqual([...bottoms.map((s) => s.score)].sort((a, b) => b - a));
    expect(bottoms[0]!.score).toBeCloseTo(scoreOutfit(pick("sweater-navy", "chinos-camel", "sneakers"), {}).score, 12);
  });
});
