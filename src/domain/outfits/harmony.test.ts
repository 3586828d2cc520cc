import { describe, expect, it } from "vitest";
import { colourHarmony, distinctAccentHues, garmentHarmony, harmonyColour, HUE_BANDS, type HarmonyColour } from "./harmony";
import { FASHION_PALETTE } from "../colour/palette";
import { hueDistance } from "../colour/oklab";

const c = (name: string): HarmonyColour => harmonyColour(FASHION_PALETTE.find((p) => p.name === name)!.hex, name);
const h = (a: string, b: string) => colourHarmony(c(a), c(b));

describe("colour harmony", () => {
  it("knows the classics, with their reason in plain words", () => {
    expect(h("navy", "camel")).toMatchObject({ kind: "classic", reason: "navy and camel are a classic pairing" });
    expect(h("camel", "navy").score).toBeGreaterThanOrEqual(0.95);
    expect(h("black", "white").kind).toBe("classic");
  });

  it("lets neutrals go with anything: every neutral scores ≥ 0.75 with every palette colour", () => {
    const neutrals = FASHION_PALETTE.filter((p) => p.neutral).map((p) => p.name);
    const allowedClashes = new Set(["black|navy", "navy|black", "black|brown", "brown|black"]);
    for (const n of neutrals)
      for (const other of FASHION_PALETTE) {
        if (allowedClashes.has(`${n}|${other.name}`)) continue;
        expect(h(n, other.name).score, `${n} + ${other.name}`).toBeGreaterThanOrEqual(0.75);
      }
  });

  it("names hue relations within their tolerances", () => {
    // teal (h≈198°) and emerald (h≈162°): 36° apart → analogous.
    expect(hueDistance(c("teal").h, c("emerald").h)).toBeLessThanOrEqual(HUE_BANDS.analogous);
    expect(h("teal", "emerald").kind).toBe("analogous");
    // cobalt (≈262°) and orange (≈51°): ~149° → complementary.
    expect(h("cobalt", "orange")).toMatchObject({ kind: "complementary", reason: "cobalt and orange are complementary colours" });
    // purple (≈307°) and mustard (≈85°): ~138° → triadic.
    expect(h("purple", "mustard").kind).toBe("triadic");
    // red (≈24°) and mustard (≈85°): ~61° → neither analogous nor opposed: a clash.
    expect(h("red", "mustard")).toMatchObject({ kind: "clash", reason: "red and mustard clash" });
    // Same family, different lightness: tone-on-tone.
    expect(h("burgundy", "red")).toMatchObject({ kind: "tonal", reason: "burgundy and red are tone-on-tone" });
  });

  it("ranks harmonious relations above clashes", () => {
    const clash = h("red", "mustard").score;
    for (const [a, b] of [
      ["teal", "emerald"],
      ["cobalt", "orange"],
      ["burgundy", "red"],
      ["navy", "red"],
      ["grey", "coral"],
    ])
      expect(h(a!, b!).score, `${a} + ${b}`).toBeGreaterThan(clash + 0.2);
  });

  it("penalises named clashes even among neutrals", () => {
    expect(h("black", "navy")).toMatchObject({ kind: "clash", reason: "black and navy can look like a mismatch" });
    expect(h("black", "navy").score).toBeLessThan(h("black", "grey").score);
  });

  it("rewards lightness contrast and penalises two loud colours at the same lightness", () => {
    // Neutrals far apart in lightness beat neutrals close in lightness.
    expect(h("charcoal", "cream").score).toBeGreaterThan(h("stone", "beige").score);
    // hot pink and green: complementary, both saturated, same lightness → vibrates.
    const loud = h("hot pink", "green");
    expect(loud.kind).toBe("complementary");
    expect(loud.reason).toMatch(/tone one down/);
    expect(loud.score).toBeLessThan(h("cobalt", "orange").score);
  });

  it("is symmetric in score and kind", () => {
    const names = ["navy", "camel", "red", "teal", "mustard", "pink", "black", "emerald", "lavender", "rust"];
    for (const a of names)
      for (const b of names) {
        expect(h(a, b).score).toBe(h(b, a).score);
        expect(h(a, b).kind).toBe(h(b, a).kind);
      }
  });

  it("weighs multi-colour garments by share", () => {
    const striped = [
      { colour: c("navy"), share: 0.7 },
      { colour: c("white"), share: 0.3 },
    ];
    const chinos = [{ colour: c("camel"), share: 1 }];
    const g = garmentHarmony(striped, chinos);
    expect(g.kind).toBe("classic"); // the navy/camel pair weighs most
    const expected = 0.7 * h("navy", "camel").score + 0.3 * h("white", "camel").score;
    expect(g.score).toBeCloseTo(expected, 10);
    expect(garmentHarmony([], chinos).kind).toBe("unknown");
  });

  it("counts accent hues, ignoring neutrals and tonal shades", () => {
    expect(distinctAccentHues([c("navy"), c("white"), c("camel")])).toBe(0);
    expect(distinctAccentHues([c("red"), c("burgundy"), c("teal")])).toBe(2);
    expect(distinctAccentHues([c("red"), c("teal"), c("mustard"), c("purple")])).toBe(4);
  });
});

describe("the named pairings, each", () => {
  const CLASSICS: [string, string, number, string][] = [
    ["navy", "camel", 0.96, "navy and camel are a classic pairing"],
    ["navy", "white", 0.95, "navy and white are crisp and nautical"],
    ["black", "white", 0.95, "black and white is a timeless contrast"],
    ["navy", "grey", 0.92, "navy and grey are quietly smart together"],
    ["denim blue", "white", 0.94, "denim blue and white are a fresh classic"],
    ["camel", "white", 0.93, "camel and white look effortlessly polished"],
    ["camel", "black", 0.92, "camel and black are a polished pairing"],
    ["burgundy", "navy", 0.92, "burgundy and navy are rich together"],
    ["mustard", "burgundy", 0.9, "mustard and burgundy are an autumn favourite"],
    ["olive", "cream", 0.92, "olive and cream are an easy utility pairing"],
    ["navy", "red", 0.9, "navy and red are a nautical classic"],
    ["grey", "pink", 0.9, "grey softens pink beautifully"],
    ["camel", "cream", 0.92, "camel and cream are soft tonal neutrals"],
    ["charcoal", "burgundy", 0.9, "charcoal and burgundy are deep and elegant"],
  ];
  const CLASHES: [string, string, number, string][] = [
    ["black", "navy", 0.4, "black and navy can look like a mismatch"],
    ["black", "brown", 0.4, "black and brown compete with each other"],
    ["red", "orange", 0.3, "red and orange clash"],
    ["red", "green", 0.3, "red and green read as a costume"],
    ["purple", "orange", 0.3, "purple and orange fight for attention"],
  ];
  it.each(CLASSICS)("%s with %s: a classic at %s, in either order", (a, b, score, reason) => {
    expect(h(a, b)).toMatchObject({ kind: "classic", score, reason });
    expect(h(b, a)).toMatchObject({ kind: "classic", score, reason });
  });
  it.each(CLASHES)("%s with %s: a clash at %s, in either order", (a, b, score, reason) => {
    expect(h(a, b)).toMatchObject({ kind: "clash", score, reason });
    expect(h(b, a)).toMatchObject({ kind: "clash", score, reason });
  });
  it("a palette name is read trimmed and in any case; an unknown name falls back to the colour's own", () => {
    const navy = FASHION_PALETTE.find((p) => p.name === "navy")!.hex;
    expect(harmonyColour(navy, "  Navy ").name).toBe("navy");
    expect(harmonyColour(navy, "midnight sky").name).toBe(harmonyColour(navy).name);
  });
});
