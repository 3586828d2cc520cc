/**
 * The personal palette in outfit scoring: a mild, opt-in signal on the pieces worn
 * near the face, with its reason; never a filter, and nothing at all without a palette.
 */
import { describe, expect, it } from "vitest";
import { seasonPalette } from "../face/seasons";
import { scoreOutfit } from "./evaluate";
import { PALETTE_WEIGHT, paletteVerdict, piecePaletteVerdict, type PersonalPalette } from "./palette-fit";
import { suggestOutfits } from "./search";
import { NOW, pick, piece, stylistWardrobe } from "./testing/stylist-wardrobe";
import type { OutfitContext } from "./types";

const winter: PersonalPalette = seasonPalette("deep winter");
const autumn: PersonalPalette = seasonPalette("warm autumn");
const ctx: OutfitContext = { temperatureC: 12, now: NOW };

describe("the personal palette in outfit scoring", () => {
  it("a colour close to a suiting swatch suits, one close to an avoided swatch is avoided, others are neither", () => {
    expect(paletteVerdict("#141E3C", winter)).toEqual({ fit: 1, swatch: "midnight navy" });
    expect(paletteVerdict("#FFCBA4", winter)).toEqual({ fit: -1, swatch: "peach" });
    expect(paletteVerdict("#7BB661", winter)).toBeNull();
    expect(paletteVerdict("not a colour", winter)).toBeNull();
  });

  it("a top in a winter colour scores a little higher for a winter, with a reason naming the palette", () => {
    const w = [...stylistWardrobe(), piece("burgundy-sweater", "top", "sweater", "burgundy")];
    const outfit = pick(w, "burgundy-sweater", "black-trousers", "black-loafers");
    const plain = scoreOutfit(outfit, ctx);
    const withPalette = scoreOutfit(outfit, { ...ctx, palette: winter });
    expect(withPalette.score).toBeGreaterThan(plain.score);
    expect(withPalette.score - plain.score).toBeLessThanOrEqual(PALETTE_WEIGHT + 1e-9);
    expect(withPalette.reasons.join(" · ")).toMatch(/burgundy sweater"? is close to burgundy, a colour of your deep winter palette/i);
    expect(plain.reasons.join(" · ")).not.toMatch(/palette/);
  });

  it("the same top in an autumn's avoided colour scores a little lower, with a caution, and is still offered", () => {
    const w = [...stylistWardrobe(), piece("pink-top", "top", "blouse", "fuchsia")];
    const outfit = pick(w, "pink-top", "camel-chinos", "brown-boots");
    const plain = scoreOutfit(outfit, ctx);
    const withPalette = scoreOutfit(outfit, { ...ctx, palette: autumn });
    expect(withPalette.score).toBeLessThan(plain.score);
    expect(plain.score - withPalette.score).toBeLessThanOrEqual(PALETTE_WEIGHT + 1e-9);
    expect(withPalette.cautions.join(" · ")).toMatch(/fuchsia, a colour your warm autumn palette avoids near the face/);
  });

  it("shoes and trousers are not near the face: their colour does not count; tops, dresses and coats do", () => {
    for (const slot of ["shoes", "bottom", "bag", "accessory"] as const) expect(piecePaletteVerdict(slot, "#6D1A36", winter)).toBeNull();
    for (const slot of ["top", "dress", "outerwear"] as const) expect(piecePaletteVerdict(slot, "#6D1A36", winter)).toEqual({ fit: 1, swatch: "burgundy" });
    expect(piecePaletteVerdict("top", "#6D1A36", null)).toBeNull();
  });

  it("a mild signal: the palette reorders near ties but does not overturn the day (a winter still gets a coat at 2 °C)", () => {
    const w = stylistWardrobe();
    const cold: OutfitContext = { temperatureC: 2, now: NOW };
    const a = suggestOutfits(w, cold, { count: 5 });
    const b = suggestOutfits(w, { ...cold, palette: autumn }, { count: 5 });
    expect(b.outfits.length).toBe(a.outfits.length);
    for (const o of b.outfits) expect(o.pieces.some((p) => p.slot === "outerwear")).toBe(true);
  });
});
