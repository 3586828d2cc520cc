/**
 * What the stylist reads off an untagged garment: formality, warmth, sportswear and
 * sunglasses from its kind, its name, its material and its season tags — each rule
 * checked with the exact value it gives.
 */
import { describe, expect, it } from "vitest";
import type { Category, Item, Occasion, Season } from "../wardrobe/types";
import { inferGarment, SUBTYPE_FORMALITY, SUBTYPE_WARMTH } from "./infer";

interface Garment {
  subtype?: string | null;
  name?: string;
  material?: string;
  seasons?: Season[];
  occasions?: Occasion[];
}
const garment = (g: Garment): Pick<Item, "subtype" | "material" | "name" | "seasons" | "occasions"> => ({
  subtype: g.subtype ?? null,
  name: g.name ?? "",
  material: g.material ?? "",
  seasons: g.seasons ?? [],
  occasions: g.occasions ?? [],
});
/** A built-in kind (its subtype known to the outfit code). */
const known = (subtype: string, category: Category, g: Garment = {}) => inferGarment(garment({ ...g, subtype }), category, subtype);
/** A taught kind, or none: the outfit code does not know it. */
const taught = (subtype: string | null, category: Category, g: Garment = {}) => inferGarment(garment({ ...g, subtype }), category, null);

describe("formality", () => {
  it("is the built-in kind's own value when nothing else is said", () => {
    expect(known("blazer", "outerwear").formality).toBe(SUBTYPE_FORMALITY.blazer);
    expect(known("hoodie", "top").formality).toBe(0.1);
  });

  it("of a built-in kind is pulled 40 % towards what its name or material says", () => {
    expect(known("shorts", "bottom", { name: "Running shorts" }).formality).toBeCloseTo(0.6 * 0.15 + 0.4 * 0.1, 12);
    expect(known("blouse", "top", { material: "silk" }).formality).toBeCloseTo(0.6 * 0.6 + 0.4 * 0.6, 12);
    expect(known("trousers", "bottom", { name: "Wool suit trousers" }).formality).toBeCloseTo(0.6 * 0.65 + 0.4 * 0.85, 12);
    // The kind's own word in the name does not count twice: only name and material are read.
    expect(known("t-shirt", "top", { name: "Tee" }).formality).toBe(0.25);
  });

  it("of a taught kind comes from its words, its own name first, then the item's name, then its category", () => {
    expect(taught("tuxedo", "outerwear").formality).toBe(0.95);
    expect(taught("oxfords", "shoes").formality).toBe(0.85);
    expect(taught("kimono", "outerwear", { name: "Denim kimono" }).formality).toBe(0.6);
    expect(taught("smock", "top", { name: "Denim smock" }).formality).toBe(0.3);
    expect(taught("smock", "top").formality).toBe(0.45);
    expect(taught(null, "dress").formality).toBe(0.6);
    expect(taught(null, "bag").formality).toBe(0.5);
  });

  it("reads sportswear before a suit: a track suit is sportswear", () => {
    expect(taught("track suit", "top").formality).toBe(0.1);
    expect(taught("tracksuit", "top").formality).toBe(0.1);
    expect(taught("suit", "top").formality).toBe(0.85);
  });

  it("matches whole words or word starts, not the middle of a word", () => {
    expect(taught("trainers", "shoes").formality).toBe(0.1);
    expect(taught("bow-tie", "accessory").formality).toBe(0.95);
    // "pursuit" holds "suit", "strainer" holds "trainer": neither is a word start.
    expect(taught("pursuit", "top").formality).toBe(0.45);
    expect(taught("strainer", "accessory").formality).toBe(0.5);
    expect(taught("suits", "top").formality).toBe(0.45);
  });

  it("stays within 0 … 1", () => {
    for (const [k, v] of Object.entries(SUBTYPE_FORMALITY)) expect(v, k).toBeGreaterThanOrEqual(0);
    expect(known("tie", "accessory", { name: "black-tie bow tie" }).formality).toBeCloseTo(0.6 * 0.9 + 0.4 * 0.95, 12);
  });
});

describe("warmth", () => {
  it("is the built-in kind's value, or the category's for a taught kind", () => {
    expect(known("coat", "outerwear").warmth).toBe(SUBTYPE_WARMTH.coat);
    expect(known("sweater", "top").warmth).toBe(0.75);
    expect(taught("poncho", "outerwear").warmth).toBe(0.7);
    expect(taught(null, "bottom").warmth).toBe(0.45);
  });

  it("is shifted by the warmest warm word and the coolest cool word", () => {
    expect(known("shirt", "top", { material: "flannel" }).warmth).toBeCloseTo(0.3 + 0.25, 12);
    expect(known("jacket", "outerwear", { name: "Padded jacket" }).warmth).toBeCloseTo(1, 12);
    expect(known("trousers", "bottom", { material: "corduroy" }).warmth).toBeCloseTo(0.5 + 0.12, 12);
    expect(known("shirt", "top", { material: "linen" }).warmth).toBeCloseTo(0.3 - 0.25, 12);
    expect(known("shirt", "top", { material: "cotton" }).warmth).toBeCloseTo(0.3 - 0.06, 12);
    // Wool and cashmere: the warmest counts once, not the sum.
    expect(known("sweater", "top", { material: "wool cashmere" }).warmth).toBeCloseTo(0.75 + 0.25, 12);
    // Merino and quilted: the warmest of two levels.
    expect(known("t-shirt", "top", { name: "Quilted merino tee" }).warmth).toBeCloseTo(0.15 + 0.3, 12);
    // Linen and cotton: the coolest.
    expect(known("trousers", "bottom", { material: "linen cotton" }).warmth).toBeCloseTo(0.5 - 0.25, 12);
  });

  it("a weak cool word does not cancel a warm one, a strong one does", () => {
    expect(known("sweater", "top", { name: "Cotton knit sweater" }).warmth).toBeCloseTo(0.75 + 0.12, 12);
    expect(known("trousers", "bottom", { name: "Wool linen trousers" }).warmth).toBeCloseTo(0.5 + 0.25 - 0.25, 12);
  });

  it("a button-down shirt is not a down jacket", () => {
    expect(known("shirt", "top", { name: "Button-down shirt" }).warmth).toBe(0.3);
    expect(known("shirt", "top", { name: "Button down shirt" }).warmth).toBe(0.3);
    expect(known("jacket", "outerwear", { name: "Down jacket" }).warmth).toBeCloseTo(1, 12);
  });

  it("winter-only tags warm it by a quarter of the room left, summer-only cool it by a quarter", () => {
    expect(known("shirt", "top", { seasons: ["winter"] }).warmth).toBeCloseTo(0.3 + 0.25 * 0.7, 12);
    expect(known("shirt", "top", { seasons: ["winter", "autumn"] }).warmth).toBeCloseTo(0.3 + 0.25 * 0.7, 12);
    expect(known("sweater", "top", { seasons: ["winter"] }).warmth).toBeCloseTo(0.75 + 0.25 * 0.25, 12);
    expect(known("shirt", "top", { seasons: ["summer"] }).warmth).toBeCloseTo(0.3 - 0.25 * 0.3, 12);
    expect(known("shirt", "top", { seasons: ["summer", "spring"] }).warmth).toBeCloseTo(0.3 * 0.75, 12);
  });

  it("all-season tags, or winter with spring, or summer with autumn, change nothing", () => {
    expect(known("shirt", "top", { seasons: ["winter", "summer"] }).warmth).toBe(0.3);
    expect(known("shirt", "top", { seasons: ["winter", "spring"] }).warmth).toBe(0.3);
    expect(known("shirt", "top", { seasons: ["summer", "autumn"] }).warmth).toBe(0.3);
    expect(known("shirt", "top", { seasons: ["autumn"] }).warmth).toBe(0.3);
    expect(known("shirt", "top", { seasons: ["spring"] }).warmth).toBe(0.3);
  });

  it("stays within 0 … 1, and the season rule reads the clamped value", () => {
    expect(known("coat", "outerwear", { material: "wool", name: "Puffer coat" }).warmth).toBe(1);
    expect(known("shorts", "bottom", { material: "linen" }).warmth).toBe(0);
    // Linen shorts tagged for winter: 0 − 0.25 → clamped room 1 − 0 = 1 → −0.25 + 0.25 = 0.
    expect(known("shorts", "bottom", { material: "linen", seasons: ["winter"] }).warmth).toBeCloseTo(0, 12);
    // A padded wool coat for summer: 1.55, its clamped 1 cooled by 0.25 → 1.3 → 1.
    expect(known("coat", "outerwear", { material: "wool", name: "Padded", seasons: ["summer"] }).warmth).toBe(1);
  });
});

describe("sportswear and sunglasses", () => {
  it("built-in sports kinds are athletic whatever their tags", () => {
    for (const k of ["hoodie", "leggings", "sneakers"]) expect(known(k, k === "sneakers" ? "shoes" : "top").athletic, k).toBe(true);
    expect(known("jeans", "bottom").athletic).toBe(false);
    // A taught kind spelled like a built-in sports kind is not one (its kind is unknown here).
    expect(taught("hoodie", "top").athletic).toBe(false);
  });

  it("sports words in the kind, name or material make it athletic", () => {
    expect(taught("board shorts", "bottom").athletic).toBe(true);
    expect(known("top", "top", { name: "Yoga top" }).athletic).toBe(true);
    expect(known("t-shirt", "top", { material: "running mesh" }).athletic).toBe(true);
    expect(known("shirt", "top", { name: "Tennis club shirt" }).athletic).toBe(true);
    expect(known("shirt", "top", { name: "Sportsman shirt" }).athletic).toBe(false);
  });

  it("tagged only for sport (or sport and the outdoors) is athletic; sport among other occasions is not", () => {
    expect(known("t-shirt", "top", { occasions: ["sport"] }).athletic).toBe(true);
    expect(known("t-shirt", "top", { occasions: ["sport", "outdoor"] }).athletic).toBe(true);
    expect(known("t-shirt", "top", { occasions: ["sport", "casual"] }).athletic).toBe(false);
    expect(known("t-shirt", "top", { occasions: ["outdoor"] }).athletic).toBe(false);
    expect(known("t-shirt", "top", { occasions: [] }).athletic).toBe(false);
  });

  it("sunglasses by name; plain glasses may be prescription ones", () => {
    expect(known("glasses", "accessory", { name: "Sunglasses" }).sunglasses).toBe(true);
    expect(known("glasses", "accessory", { name: "Aviator shades" }).sunglasses).toBe(true);
    expect(taught("sunnies", "accessory").sunglasses).toBe(true);
    expect(known("glasses", "accessory", { name: "Reading glasses" }).sunglasses).toBe(false);
    expect(known("shirt", "top", { name: "Sunday shirt" }).sunglasses).toBe(false);
  });
});

describe("every word the rules list", () => {
  /** Sports words: sportswear for formality, and athletic. */
  const SPORTS = [
    "trainer",
    "trainers",
    "running",
    "runner",
    "runners",
    "jog",
    "jogger",
    "joggers",
    "jogging",
    "sweat",
    "sweatpants",
    "sweatshirt",
    "sweatsuit",
    "track suit",
    "tracksuit",
    "track pants",
    "track top",
    "gym",
    "yoga",
    "sport",
    "sports",
    "sports bra",
    "athletic",
    "cycling",
    "tennis",
    "football",
    "basketball",
    "swim",
    "swimsuit",
    "swimwear",
    "bikini",
    "board shorts",
    "boardshorts",
  ];
  const FORMALITY: [number, string[]][] = [
    [0.1, [...SPORTS, "trackpants", "flip flops", "flip-flops", "flipflop", "slides"]],
    [0.95, ["tux", "tuxedo", "black tie", "black-tie", "gown", "gowns", "cufflink", "cufflinks", "bow tie", "bow-tie", "bowtie"]],
    [
      0.85,
      [
        "suit",
        "waistcoat",
        "oxford",
        "oxfords",
        "brogue",
        "brogues",
        "derby",
        "derbys",
        "derbies",
        "dress shoe",
        "dress-shoes",
        "pump",
        "pumps",
        "stiletto",
        "stilettos",
        "court shoe",
        "court shoes",
        "cocktail",
        "evening",
        "tailored",
        "satin",
        "sheath",
      ],
    ],
    [
      0.6,
      [
        "chino",
        "chinos",
        "shirt dress",
        "shirt-dress",
        "shirtdress",
        "kimono",
        "loafer",
        "loafers",
        "mule",
        "mules",
        "pencil",
        "silk",
        "trench",
        "cardigan",
        "turtleneck",
        "chelsea",
      ],
    ],
    [
      0.3,
      ["cargo", "denim", "flannel", "hawaiian", "graphic", "band tee", "crocs", "espadrille", "espadrilles", "puffer", "parka", "bucket hat", "baseball cap"],
    ],
  ];
  it.each(FORMALITY.flatMap(([level, ws]) => ws.map((w) => [w, level] as const)))("a taught kind called %s is at formality %s", (word, level) => {
    expect(taught(word, "accessory").formality).toBe(level);
    expect(taught(`my ${word} thing`, "accessory").formality).toBe(level);
  });
  it.each([
    "blackxtie",
    "bowxtie",
    "flipxflops",
    "dressxshoe",
    "shirtxdress",
    "courtxshoe",
    "trackxsuit",
    "boardxshorts",
    "bandxtee",
    "bucketxhat",
    "untailored",
    "suitcase",
  ])("%s is none of them", (word) => {
    expect(taught(word, "accessory").formality).toBe(0.5);
  });

  const WARMTH: [number, string[]][] = [
    [0.3, ["down", "puffer", "padded", "quilted", "shearling", "sherpa", "thermal", "insulated", "parka", "fur", "faux fur"]],
    [0.25, ["wool", "woollen", "merino", "cashmere", "alpaca", "mohair", "fleece", "tweed", "flannel", "boucle", "bouclé", "camel hair", "camelhair"]],
    [
      0.12,
      [
        "knit",
        "knitted",
        "knitwear",
        "cable",
        "chunky",
        "corduroy",
        "cord",
        "velvet",
        "suede",
        "leather",
        "lined",
        "turtleneck",
        "roll-neck",
        "roll neck",
        "rollneck",
      ],
    ],
    [-0.25, ["linen", "seersucker", "chiffon", "voile", "mesh", "gauze", "crochet", "eyelet", "broderie", "sleeveless", "strappy", "cami", "camisole"]],
    [-0.06, ["cotton", "silk", "rayon", "viscose", "chambray", "poplin", "jersey", "short-sleeve", "short sleeve", "short-sleeved", "lightweight"]],
  ];
  it.each(WARMTH.flatMap(([shift, ws]) => ws.map((w) => [w, shift] as const)))("%s shifts warmth by %s", (word, shift) => {
    expect(known("blouse", "top", { material: word }).warmth).toBeCloseTo(0.25 + shift, 12);
  });
  it.each(["woolly", "bouclés", "shortsleeved", "downtown", "furry", "linens", "cottons", "knitting", "cords", "button-down", "button down"])(
    "%s shifts nothing",
    (word) => {
      expect(known("blouse", "top", { material: word }).warmth).toBe(0.25);
    },
  );

  it.each(SPORTS)("%s is sportswear", (word) => {
    expect(known("t-shirt", "top", { name: word }).athletic).toBe(true);
  });
  it.each(["flip flops", "slides", "trainerx", "sportive", "gymnast", "swimmer"])("%s is not sportswear", (word) => {
    expect(known("t-shirt", "top", { name: word }).athletic).toBe(false);
  });
  it.each(["sun", "sunglasses", "shades", "sunnies"])("%s is for the sun", (word) => {
    expect(known("glasses", "accessory", { name: word }).sunglasses).toBe(true);
  });
  it.each(["sunglass", "shade", "sunny"])("%s is not", (word) => {
    expect(known("glasses", "accessory", { name: word }).sunglasses).toBe(false);
  });
});
