import { describe, expect, it } from "vitest";
import { deltaEOK, hexToOklab, oklchToOklab } from "./oklab";
import { FASHION_PALETTE, isNeutralName, nameColour, nearestPaletteColour, PALETTE_SIZE, paletteColour, paletteIndexOf } from "./palette";

describe("fashion palette", () => {
  it("has 40–60 unique names, each naming its own swatch", () => {
    expect(FASHION_PALETTE.length).toBeGreaterThanOrEqual(40);
    expect(FASHION_PALETTE.length).toBeLessThanOrEqual(60);
    expect(new Set(FASHION_PALETTE.map((c) => c.name)).size).toBe(FASHION_PALETTE.length);
    for (const c of FASHION_PALETTE) expect(nameColour(c.hex)).toBe(c.name);
  });

  it("keeps every pair of entries visibly apart (ΔE_OK ≥ 0.02)", () => {
    let closest = Infinity;
    for (const x of FASHION_PALETTE) for (const y of FASHION_PALETTE) if (x !== y) closest = Math.min(closest, deltaEOK(hexToOklab(x.hex), hexToOklab(y.hex)));
    expect(closest).toBeGreaterThanOrEqual(0.02);
    expect(nearestPaletteColour(hexToOklab("#1f2b52")).distance).toBeLessThan(1e-6);
  });

  it.each([
    ["#1f2a44", "navy"],
    ["#000080", "navy"],
    ["#14213d", "navy"],
    ["#c19a6b", "camel"],
    ["#b5835a", "camel"],
    ["#fdfdfd", "white"],
    ["#0b0b0b", "black"],
    ["#808080", "grey"],
    ["#6e6e6e", "grey"],
    ["#2c2c2c", "charcoal"],
    ["#ede0c0", "cream"],
    ["#800020", "burgundy"],
    ["#e1ad01", "mustard"],
    ["#008080", "teal"],
    ["#b7410e", "rust"],
    ["#ff7f50", "coral"],
    ["#228b22", "green"],
    ["#87ceeb", "sky blue"],
    ["#5b7ba0", "denim blue"],
    ["#7b3f00", "brown"],
    ["#6b6b30", "olive"],
  ])("names %s %s", (hex, name) => {
    expect(nameColour(hex)).toBe(name);
  });

  it("names greys only after greys, whatever their lightness", () => {
    for (let v = 0; v < 256; v += 5) {
      const hex = "#" + v.toString(16).padStart(2, "0").repeat(3);
      expect(["black", "charcoal", "dark grey", "grey", "light grey", "off-white", "white"]).toContain(nameColour(hex));
    }
  });

  it("knows which names are neutrals", () => {
    for (const n of ["navy", "camel", "black", "white", "grey", "beige", "denim blue", "off-white"]) expect(isNeutralName(n)).toBe(true);
    for (const n of ["red", "teal", "mustard", "pink", "not a colour"]) expect(isNeutralName(n)).toBe(false);
    expect(paletteIndexOf(" Navy ")).toBe(paletteIndexOf("navy"));
    expect(paletteIndexOf("chartreuse-ish")).toBe(-1);
  });

  it("reports each entry's own index, hex, neutrality and distance, and looks entries up by index", () => {
    expect(PALETTE_SIZE).toBe(FASHION_PALETTE.length);
    FASHION_PALETTE.forEach((c, i) => {
      const near = nearestPaletteColour(hexToOklab(c.hex));
      expect(near).toMatchObject({ index: i, name: c.name, hex: c.hex, neutral: c.neutral });
      expect(near.distance).toBeLessThan(1e-6);
      expect(paletteColour(i)).toEqual(c);
      expect(paletteIndexOf(c.name.toUpperCase())).toBe(i);
    });
    expect(paletteColour(PALETTE_SIZE)).toBeUndefined();
    expect(paletteColour(-1)).toBeUndefined();
    // The distance is ΔE_OK to the entry it names.
    const off = nearestPaletteColour(hexToOklab("#000080"));
    expect(off.distance).toBeCloseTo(deltaEOK(hexToOklab("#000080"), hexToOklab(off.hex)), 12);
    expect(off.distance).toBeGreaterThan(0.02);
  });

  it("names a colour among the greys only below a chroma of 0.02", () => {
    // A warm mid tone: at chroma 0.0199 it is still "grey"; at 0.0201 the nearer entry, taupe, may name it.
    expect(nearestPaletteColour(oklchToOklab({ L: 0.58, C: 0.0199, h: 60 })).name).toBe("grey");
    expect(nearestPaletteColour(oklchToOklab({ L: 0.58, C: 0.0201, h: 60 })).name).toBe("taupe");
  });

  it("keeps its names and neutrals as stored items know them (a rename would orphan every item filed under the old name)", () => {
    expect(FASHION_PALETTE.map((c) => c.name)).toEqual([
      ...["white", "off-white", "cream", "light grey", "grey", "dark grey", "charcoal", "black"],
      ...["beige", "stone", "khaki", "tan", "camel", "taupe", "brown", "chocolate", "olive"],
      ...["navy", "denim blue", "light denim"],
      ...["red", "burgundy", "wine", "coral", "blush", "pink", "hot pink", "fuchsia", "mauve"],
      ...["rust", "terracotta", "orange", "peach", "mustard", "yellow", "lemon"],
      ...["sage", "mint", "lime", "green", "emerald", "forest green", "teal", "turquoise"],
      ...["sky blue", "powder blue", "cobalt", "petrol", "lavender", "purple", "plum"],
    ]);
    // The first 20 (whites, greys, earth tones, the blues that act as neutrals) go with anything; no other does.
    expect(FASHION_PALETTE.map((c) => c.neutral)).toEqual(FASHION_PALETTE.map((_, i) => i < 20));
  });
});
