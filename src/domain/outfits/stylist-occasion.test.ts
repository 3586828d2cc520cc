/**
 * The stylist's behaviour suite, part 2: occasion and formality (part 1, stylist.test.ts:
 * rotation, laundry, feedback). Scenarios over the real recommender; each `it` is one
 * sentence of the spec; the figures in the comments are what it did before issue 13.
 */
import { describe, expect, it } from "vitest";
import type { Item } from "../wardrobe/types";
import { dayOf, seasonOf } from "./day";
import { scoreOutfit } from "./evaluate";
import { contextFit } from "./fit";
import type { LearnerState } from "./learner";
import { suitsOccasion } from "./occasion";
import { prepareItem } from "./prepare";
import { suggestOutfits } from "./search";
import { NOW, pick, piece, stylistWardrobe } from "./testing/stylist-wardrobe";
import { syntheticWardrobe } from "./testing/synthetic-wardrobe";
import type { OutfitContext, OutfitSuggestion } from "./types";

const ids = (o: OutfitSuggestion) => o.pieces.map((p) => p.item.id);
const score = (items: readonly Item[], ctx: OutfitContext, learner?: LearnerState | null) => scoreOutfit(items, ctx, learner).score;

describe("occasion and formality sense", () => {
  const w = stylistWardrobe();

  it("a formal request never gets athletic pieces, over 1,500 pieces (was: hoodie + shorts + sneakers)", () => {
    const many = syntheticWardrobe(1500, { seed: 5, now: NOW });
    const { outfits } = suggestOutfits(many, { occasion: "formal", now: NOW }, { count: 10 });
    expect(outfits.length).toBeGreaterThan(3);
    for (const o of outfits)
      for (const p of o.pieces) {
        // Sportswear never, whatever its tags; casual pieces only when the user tagged them formal.
        expect(prepareItem(p.item)!.athletic, `${o.key}: ${p.item.subtype}`).toBe(false);
        expect(["hoodie", "sneakers", "leggings"]).not.toContain(p.item.subtype);
        if (!p.item.occasions.includes("formal")) expect(["shorts", "tank top", "backpack", "t-shirt", "jeans"], o.key).not.toContain(p.item.subtype);
      }
  });

  it("sportswear named in a taught kind or the name is sportswear too", () => {
    const kinds = [
      piece("running-tights", "bottom", "running tights", "black"),
      piece("gym-top", "top", "t-shirt", "black", { name: "Gym top" }),
      piece("trainers", "shoes", "trainers", "white"),
    ];
    for (const k of kinds) {
      expect(prepareItem(k)!.athletic, k.id).toBe(true);
      expect(suitsOccasion(prepareItem(k)!, "formal"), k.id).toBe(false);
    }
    // Not even when tagged formal (a slip); a tag still counts for work.
    expect(suitsOccasion(prepareItem({ ...kinds[2]!, occasions: ["formal"] })!, "formal")).toBe(false);
    expect(suitsOccasion(prepareItem({ ...kinds[0]!, occasions: ["work"] })!, "work")).toBe(true);
  });

  it("with no smart shoe, a formal request shows nothing and says what to add instead of filling the list", () => {
    const casualShoes = w.filter((i) => i.id !== "black-loafers");
    const r = suggestOutfits(casualShoes, { occasion: "formal", now: NOW });
    expect(r.outfits).toEqual([]);
    expect(r.notes.join(" ")).toMatch(/add a smarter shoe/);
  });

  it("with one smart shoe, fewer formal outfits and the same advice", () => {
    const r = suggestOutfits(w, { occasion: "formal", now: NOW });
    expect(r.outfits.length).toBeGreaterThan(0);
    expect(r.outfits.length).toBeLessThan(5);
    for (const o of r.outfits) expect(ids(o)).toContain("black-loafers");
    expect(r.notes.join(" ")).toMatch(/a good match for formal: add a smarter shoe \(loafers, heels or dress shoes\)/);
  });

  it("formality is inferred from the kind when nothing is tagged: a blazer outfit beats a hoodie outfit for work", () => {
    const ctx: OutfitContext = { occasion: "work", temperatureC: 15, now: NOW };
    expect(score(pick(w, "sky-shirt", "black-trousers", "black-loafers"), ctx)).toBeGreaterThan(
      score(pick(w, "grey-hoodie", "grey-shorts", "white-sneakers"), ctx) + 0.15,
    );
    const best = suggestOutfits(w, ctx).outfits[0]!;
    expect(ids(best)).not.toContain("grey-hoodie");
    expect(ids(best)).not.toContain("grey-shorts");
  });

  it("sport gets sportswear: no blazer, no loafers", () => {
    const { outfits } = suggestOutfits(w, { occasion: "sport", now: NOW });
    expect(outfits.length).toBeGreaterThan(0);
    for (const o of outfits) {
      expect(ids(o)).not.toContain("navy-blazer");
      expect(ids(o)).not.toContain("black-loafers");
    }
  });

  it("wool beats cotton at 5 °C with no season chosen (was a tie)", () => {
    const wool = piece("wool-shirt", "top", "shirt", "white", { name: "Winter shirt", material: "wool", seasons: ["winter"] });
    const cotton = piece("cotton-shirt", "top", "shirt", "white", { name: "Cotton shirt", material: "cotton" });
    const wardrobe = [...w.filter((i) => i.category !== "top"), wool, cotton];
    const ctx: OutfitContext = { temperatureC: 5, now: NOW };
    const rest = pick(wardrobe, "black-trousers", "brown-boots", "camel-coat");
    expect(score([wool, ...rest], ctx)).toBeGreaterThan(score([cotton, ...rest], ctx) + 0.02);
    expect(ids(suggestOutfits(wardrobe, ctx).outfits[0]!)).toContain("wool-shirt");
  });

  it("linen is cool: a linen shirt beats a wool one at 30 °C", () => {
    const linen = piece("linen-shirt", "top", "shirt", "white", { material: "linen" });
    const wool = piece("wool-shirt", "top", "shirt", "white", { material: "merino wool" });
    const rest = pick(w, "camel-chinos", "black-loafers");
    const ctx: OutfitContext = { temperatureC: 30, now: NOW };
    expect(score([linen, ...rest], ctx)).toBeGreaterThan(score([wool, ...rest], ctx) + 0.05);
  });

  it("fleece, down and knit read as warm; a button-down is not down", () => {
    const warmth = (fields: Partial<Item>) => prepareItem(piece("x", "top", "shirt", "white", fields))!.warmth;
    const plain = warmth({});
    for (const material of ["fleece", "down", "chunky knit"]) expect(warmth({ material }), material).toBeGreaterThan(plain + 0.1);
    expect(warmth({ name: "Button-down shirt" })).toBe(plain);
  });

  it("with no season chosen, the season comes from today's date and the hemisphere", () => {
    const january = new Date(2027, 0, 15, 9).getTime();
    expect(seasonOf(january, "north")).toBe("winter");
    expect(seasonOf(january, "south")).toBe("summer");
    expect(seasonOf(NOW, "south")).toBe("spring");
    const winterDress = piece("velvet-dress", "dress", "dress", "burgundy", { seasons: ["winter"] });
    const summerDress = piece("sun-dress", "dress", "dress", "mustard", { seasons: ["summer"] });
    const shoes = pick(w, "black-loafers");
    const north: OutfitContext = { now: january, hemisphere: "north" };
    const south: OutfitContext = { now: january, hemisphere: "south" };
    expect(score([winterDress, ...shoes], north)).toBeGreaterThan(score([summerDress, ...shoes], north));
    expect(score([summerDress, ...shoes], south)).toBeGreaterThan(score([winterDress, ...shoes], south));
    // A preference, not a filter: the summer dress is still there in a northern January.
    expect(suggestOutfits([winterDress, summerDress, ...shoes], north).outfits.flatMap(ids)).toContain("sun-dress");
  });

  it("'I run cold' moves the thresholds: at 12 °C a coat becomes a must; 'I run hot' drops the layer at 23 °C", () => {
    expect(dayOf({ temperatureC: 12, now: NOW }).needs.outerwear).toBe("preferred");
    expect(dayOf({ temperatureC: 12, feel: "cold", now: NOW }).needs.outerwear).toBe("required");
    const cold = suggestOutfits(w, { temperatureC: 12, feel: "cold", now: NOW }).outfits;
    for (const o of cold)
      expect(
        o.pieces.some((p) => p.slot === "outerwear"),
        o.key,
      ).toBe(true);
    expect(cold.flatMap((o) => o.reasons)).toContain("an extra layer: you run cold");
    expect(dayOf({ temperatureC: 23, now: NOW }).needs.outerwear).toBe("optional");
    for (const o of suggestOutfits(w, { temperatureC: 23, feel: "hot", now: NOW }).outfits) expect(o.pieces.some((p) => p.slot === "outerwear")).toBe(false);
  });

  it("kinds the user taught are treated sensibly: a kimono layers as outerwear, oxfords are smart shoes", () => {
    const kimono = piece("kimono", "outerwear", "kimono", "red");
    const oxfords = piece("oxfords", "shoes", "oxfords", "brown");
    expect(prepareItem(kimono)).toMatchObject({ slot: "outerwear", kind: "kimono" });
    const noLoafers = [...w.filter((i) => i.id !== "black-loafers"), kimono, oxfords];
    const formal = suggestOutfits(noLoafers, { occasion: "formal", now: NOW }).outfits;
    expect(formal.length).toBeGreaterThan(0);
    for (const o of formal) expect(ids(o)).toContain("oxfords");
    const cool = suggestOutfits([...w.filter((i) => i.category !== "outerwear"), kimono], { temperatureC: 14, now: NOW }).outfits;
    expect(cool.some((o) => ids(o).includes("kimono"))).toBe(true);
    expect(cool.flatMap((o) => o.reasons)).toContain("a kimono for a cool day");
  });

  it("the new accessories: glasses are fine in the rain, sunglasses are not; a watch is weatherless; gloves are for the cold", () => {
    const glasses = prepareItem(piece("glasses", "accessory", "glasses", "black"))!;
    const sunglasses = prepareItem(piece("sunglasses", "accessory", "glasses", "black", { name: "Sunglasses" }))!;
    const watch = piece("watch", "accessory", "watch", "grey");
    const gloves = piece("gloves", "accessory", "gloves", "black");
    const rain: OutfitContext = { rain: true, temperatureC: 12, now: NOW };
    const outfit = pick(w, "navy-sweater", "jeans", "brown-boots", "camel-coat");
    expect(score([...outfit, glasses.item], rain)).toBeGreaterThan(score([...outfit, sunglasses.item], rain) + 0.01);
    const watchFit = (t: number) => contextFit(prepareItem(watch)!, dayOf({ temperatureC: t, rain: t < 0, now: NOW }));
    expect(watchFit(-5)).toBe(watchFit(30));
    expect(score([...outfit, gloves], { temperatureC: -5, now: NOW })).toBeGreaterThan(score([...outfit, gloves], { temperatureC: 25, now: NOW }));
  });
});
