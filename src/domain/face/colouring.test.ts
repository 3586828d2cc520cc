/**
 * Personal colouring on synthetic selfies: the astronaut photo's real face mesh, with skin,
 * hair, eyes and background painted in known colours, then tinted. What a stylist would
 * say about each is the expectation; the numbers are printed.
 */
import { describe, expect, it } from "vitest";
import { hexToRgb } from "../colour/oklab";
import { checkWhiteBalance, distanceToPalette, personalColouring, type RgbaImage } from "./colouring";
import { SEASON_NAMES, seasonFromTraits, seasonPalette } from "./seasons";
import { COOLER, NEUTRAL, paint, POINTS, type Rgb, type Selfie, tintAll, tintSkin, WARMER } from "./testkit/selfie";

describe("personal colouring", () => {
  it("reads the painted skin, hair and eyes back from the regions the mesh finds", () => {
    const c = personalColouring(paint(NEUTRAL), POINTS);
    const close = (hex: string, rgb: Rgb) => hexToRgb(hex).every((v, i) => Math.abs(v - rgb[i]!) <= 3);
    expect(close(c.skin.hex, NEUTRAL.skin), c.skin.hex).toBe(true);
    expect(c.hair && close(c.hair.hex, NEUTRAL.hair), c.hair?.hex).toBe(true);
    expect(c.eyes && close(c.eyes.hex, NEUTRAL.eyes), c.eyes?.hex).toBe(true);
    expect(c.whiteBalance.ok).toBe(true);
  });

  it("the undertone follows the skin's tint: warmer → warm, cooler → cool, the hue moving with it", () => {
    const base = personalColouring(paint(NEUTRAL), POINTS);
    const warm = personalColouring(paint(tintSkin(NEUTRAL, WARMER)), POINTS);
    const cool = personalColouring(paint(tintSkin(NEUTRAL, COOLER)), POINTS);
    console.log(
      `skin hue (OKLCh °): cooler ${cool.skinHue.toFixed(1)} (${cool.undertone}, ${cool.season}), as painted ${base.skinHue.toFixed(1)} (${base.undertone}, ${base.season}), warmer ${warm.skinHue.toFixed(1)} (${warm.undertone}, ${warm.season})`,
    );
    expect(base.undertone).toBe("neutral");
    expect(warm.undertone).toBe("warm");
    expect(cool.undertone).toBe("cool");
    expect(warm.skinHue).toBeGreaterThan(base.skinHue + 5);
    expect(cool.skinHue).toBeLessThan(base.skinHue - 5);
    expect(warm.traits.warmth).toBeGreaterThan(0);
    expect(cool.traits.warmth).toBeLessThan(0);
    // A tint of the skin alone is not a white-balance problem.
    expect(warm.whiteBalance.ok && cool.whiteBalance.ok).toBe(true);
  });

  it("an off-white-balance photo (tungsten orange, or blue shade) gets the daylight message and less sureness", () => {
    const img = paint(NEUTRAL);
    const good = personalColouring(img, POINTS);
    for (const [k, dir] of [
      [[1.25, 1.0, 0.7], "warm"],
      [[0.78, 0.92, 1.25], "cool"],
    ] as [Rgb, string][]) {
      const off = personalColouring(tintAll(img, k), POINTS);
      expect(off.whiteBalance.ok, dir).toBe(false);
      expect(off.whiteBalance.direction).toBe(dir);
      expect(off.messages.join(" ")).toMatch(/daylight/);
      expect(off.sureness).toBe("low");
      expect(off.confidence).toBeLessThan(good.confidence);
      console.log(`${dir} light: cast ${off.whiteBalance.cast.toFixed(3)}, confidence ${off.confidence.toFixed(2)} (daylight ${good.confidence.toFixed(2)})`);
    }
    expect(checkWhiteBalance(img).ok).toBe(true);
  });

  it("places clear cases in their seasons", () => {
    const cases: [string, Selfie, (s: string) => boolean][] = [
      // Pale pink skin, ash blonde hair, light blue eyes: a summer.
      ["pale cool blonde", { skin: [245, 208, 205], hair: [200, 185, 160], eyes: [130, 160, 190], background: [120, 130, 128] }, (s) => s.endsWith("summer")],
      // Very dark cool skin, black hair, dark eyes: a winter.
      ["deep cool", { skin: [95, 62, 60], hair: [20, 18, 20], eyes: [30, 22, 20] }, (s) => s.endsWith("winter")],
      // Golden tan skin, auburn hair, hazel eyes: warm spring or autumn.
      ["golden auburn", { skin: [215, 165, 115], hair: [140, 60, 25], eyes: [120, 90, 40] }, (s) => /autumn|warm spring/.test(s)],
    ];
    for (const [name, selfie, ok] of cases) {
      const c = personalColouring(paint(selfie), POINTS);
      console.log(`${name}: ${c.season} (${c.undertone}, ${c.depth}, contrast ${c.contrast}, ${c.clarity}; ${c.sureness})`);
      expect(ok(c.season), `${name}: ${c.season}`).toBe(true);
    }
  });

  it("contrast and depth follow hair and skin", () => {
    const fairDark = personalColouring(paint({ ...NEUTRAL, skin: [240, 210, 195], hair: [25, 20, 20] }), POINTS);
    const fairFair = personalColouring(paint({ ...NEUTRAL, skin: [240, 210, 195], hair: [215, 190, 150], eyes: [150, 165, 180] }), POINTS);
    expect(fairDark.contrast).toBe("high");
    expect(fairFair.contrast).toBe("low");
    expect(fairFair.depth).toBe("light");
    const deep = personalColouring(paint({ skin: [80, 50, 40], hair: [20, 18, 18], eyes: [30, 20, 15] }), POINTS);
    expect(deep.depth).toBe("deep");
  });

  it("no hair above the forehead (a hat in skin's colour, a bald head) says so and trusts the reading less", () => {
    const bald = personalColouring(paint({ ...NEUTRAL, hair: NEUTRAL.skin }), POINTS);
    const withHair = personalColouring(paint(NEUTRAL), POINTS);
    expect(bald.hair).toBeNull();
    expect(bald.messages.join(" ")).toMatch(/No hair/);
    expect(bald.confidence).toBeLessThanOrEqual(0.6);
    expect(bald.sureness).not.toBe("high");
    expect(withHair.hair).not.toBeNull();
  });

  it("bad input gets a clear error", () => {
    const img = paint(NEUTRAL);
    expect(() => personalColouring(img, POINTS.slice(0, 100))).toThrow(/468 points/);
    expect(() => personalColouring({ width: 0, height: 0, data: new Uint8ClampedArray(0) }, POINTS)).toThrow(/no pixels/);
    const far = POINTS.map((p) => ({ ...p, x: p.x + 5000 }));
    expect(() => personalColouring(img, far)).toThrow(/outside the picture/);
  });
});

describe("the 12 seasons", () => {
  it("every season is reachable from the traits and has named swatches to wear and to avoid", () => {
    const reached = new Set<string>();
    for (const warmth of [-1, -0.2, 0.2, 1])
      for (const depth of [-1, -0.2, 0.2, 1]) for (const clarity of [-1, -0.2, 0.2, 1]) reached.add(seasonFromTraits({ warmth, depth, clarity }).season);
    expect([...reached].sort()).toEqual([...SEASON_NAMES].sort());
    for (const name of SEASON_NAMES) {
      const p = seasonPalette(name);
      expect(p.suits.length).toBeGreaterThanOrEqual(6);
      expect(p.avoid.length).toBeGreaterThanOrEqual(3);
      for (const s of [...p.suits, ...p.avoid]) {
        expect(s.hex).toMatch(/^#[0-9A-F]{6}$/);
        expect(s.name.length).toBeGreaterThan(2);
      }
      // A season's suiting colours are nearer its own swatches than to the ones it avoids.
      for (const s of p.suits) expect(distanceToPalette(s.hex, p).avoid, `${name}: ${s.name}`).toBe(false);
    }
  });

  it("warm seasons suit warm colours, cool seasons cool ones", () => {
    const warm = seasonPalette("warm autumn");
    const cool = seasonPalette("cool winter");
    expect(distanceToPalette("#B7410E", warm).avoid).toBe(false); // rust
    expect(distanceToPalette("#F28C28", cool).avoid).toBe(true); // orange
    expect(distanceToPalette("#1F4BA5", cool).avoid).toBe(false); // sapphire
  });
});

describe("white balance on a colourful scene", () => {
  // The NASA astronaut photo in daylight: an orange suit before a flag, so the picture's
  // average leans red though the light is white (the e2e found it flagged "magenta").
  function scene(): RgbaImage {
    const width = 100;
    const height = 100;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let k = 0; k < width * height; k++) {
      const y = Math.floor(k / width);
      const rgb = y < 60 ? [230, 110, 40] : y < 90 ? [190, 30, 45] : [250, 250, 250];
      data.set([...rgb, 255], k * 4);
    }
    return { width, height, data };
  }
  it("a scene of strong colours with white in it is not taken for coloured light", () => {
    expect(checkWhiteBalance(scene()).ok).toBe(true);
  });
  it("the same scene under tungsten light is (its whites turn yellow too)", () => {
    const s = scene();
    const data = new Uint8ClampedArray(s.data);
    for (let o = 0; o < data.length; o += 4) data[o + 2] = Math.round(data[o + 2]! * 0.7);
    const wb = checkWhiteBalance({ ...s, data });
    expect(wb.ok).toBe(false);
    expect(wb.direction).toBe("warm");
  });
});
