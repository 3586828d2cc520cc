/**
 * What a stylist reads off a garment when nobody tagged it: how dressed-up it is,
 * how warm, whether it is sportswear, from its kind (built-in or taught, e.g.
 * "kimono", "oxfords"), its material and its name ("wool winter shirt"). Kinds this
 * file does not know fall back to their category's usual values.
 */
import type { Category, Item } from "../wardrobe/types";

/** How dressed-up each built-in kind usually is: 0 = sportswear … 1 = black tie. */
export const SUBTYPE_FORMALITY: Readonly<Record<string, number>> = {
  "t-shirt": 0.25,
  shirt: 0.65,
  blouse: 0.6,
  sweater: 0.4,
  hoodie: 0.1,
  "tank top": 0.15,
  polo: 0.4,
  trousers: 0.65,
  jeans: 0.3,
  shorts: 0.15,
  skirt: 0.5,
  leggings: 0.15,
  dress: 0.6,
  jumpsuit: 0.5,
  overalls: 0.2,
  coat: 0.65,
  jacket: 0.45,
  blazer: 0.8,
  cardigan: 0.4,
  raincoat: 0.35,
  sneakers: 0.2,
  boots: 0.45,
  sandals: 0.25,
  heels: 0.85,
  loafers: 0.7,
  flats: 0.5,
  handbag: 0.65,
  backpack: 0.15,
  tote: 0.4,
  clutch: 0.85,
  crossbody: 0.4,
  scarf: 0.5,
  hat: 0.3,
  belt: 0.55,
  jewellery: 0.65,
  glasses: 0.45,
  watch: 0.6,
  tie: 0.9,
  socks: 0.45,
  gloves: 0.5,
};

/** How warm each built-in kind is to wear: 0 = for heat … 1 = for frost. */
export const SUBTYPE_WARMTH: Readonly<Record<string, number>> = {
  "t-shirt": 0.15,
  shirt: 0.3,
  blouse: 0.25,
  sweater: 0.75,
  hoodie: 0.6,
  "tank top": 0,
  polo: 0.2,
  trousers: 0.5,
  jeans: 0.5,
  shorts: 0,
  skirt: 0.25,
  leggings: 0.4,
  dress: 0.25,
  jumpsuit: 0.4,
  overalls: 0.45,
  coat: 1,
  jacket: 0.7,
  blazer: 0.5,
  cardigan: 0.5,
  raincoat: 0.5,
  sneakers: 0.4,
  boots: 0.85,
  sandals: 0,
  heels: 0.3,
  loafers: 0.4,
  flats: 0.3,
  scarf: 0.9,
  hat: 0.6,
  glasses: 0.1,
  gloves: 0.95,
  socks: 0.5,
};

/** A kind nobody described: its category's usual values. */
const CATEGORY_FORMALITY: Readonly<Record<Category, number>> = { top: 0.45, bottom: 0.45, dress: 0.6, outerwear: 0.55, shoes: 0.45, bag: 0.5, accessory: 0.5 };
const CATEGORY_WARMTH: Readonly<Record<Category, number>> = { top: 0.3, bottom: 0.45, dress: 0.3, outerwear: 0.7, shoes: 0.4, bag: 0.4, accessory: 0.3 };

/** Built-in kinds that are sportswear whatever their tags say. */
const ATHLETIC_KINDS = new Set(["hoodie", "leggings", "sneakers"]);

/**
 * Words in a taught kind or a name, and what they say. Whole words (or word starts:
 * "trainer" matches "trainers"). Formality is a level the kind is pulled to;
 * warmth a shift.
 */
const FORMALITY_WORDS: readonly [RegExp, number][] = [
  // Sportswear first: a "track suit" is not a suit.
  [
    /\b(trainers?|running|runners?|jog(ger|gers|ging)?|sweat(pants|shirt|suit)?|track ?(suit|pants|top)|gym|yoga|sports?( bra)?|athletic|flip[- ]?flops?|slides|swim(suit|wear)?|bikini|board ?shorts|cycling|tennis|football|basketball)\b/,
    0.1,
  ],
  [/\b(tux(edo)?|black[- ]tie|gown|cufflinks?|bow[- ]?tie)/, 0.95],
  [/\b(suit|waistcoat|oxfords?|brogues?|derbys?|derbies|dress[- ]shoes?|pumps?|stilettos?|court shoes?|cocktail|evening|tailored|satin|sheath)\b/, 0.85],
  [/\b(chinos?|shirt[- ]?dress|kimono|loafers?|mules?|pencil|silk|trench|cardigan|turtleneck|chelsea)\b/, 0.6],
  [/\b(cargo|denim|flannel|hawaiian|graphic|band tee|crocs|espadrilles?|puffer|parka|bucket hat|baseball cap)\b/, 0.3],
];
const ATHLETIC_WORDS =
  /\b(trainers?|running|runners?|jog(ger|gers|ging)?|sweat(pants|shirt|suit)?|track ?(suit|pants|top)|gym|yoga|sports?( bra)?|athletic|cycling|tennis|football|basketball|swim(suit|wear)?|bikini|board ?shorts)\b/;
const WARM_WORDS: readonly [RegExp, number][] = [
  [/(?<!button[- ])\b(down|puffer|padded|quilted|shearling|sherpa|thermal|insulated|parka|fur|faux fur)\b/, 0.3],
  // Not \b after the words: "bouclé" ends in a letter \b does not count as one.
  [/\b(wool(len)?|merino|cashmere|alpaca|mohair|fleece|tweed|flannel|boucl[eé]|camel ?hair)(?![a-z\u00e0-\u00ff])/, 0.25],
  [/\b(knit(ted|wear)?|cable|chunky|corduroy|cord|velvet|suede|leather|lined|turtleneck|roll[- ]?neck)\b/, 0.12],
];
const COOL_WORDS: readonly [RegExp, number][] = [
  [/\b(linen|seersucker|chiffon|voile|mesh|gauze|crochet|eyelet|broderie|sleeveless|strappy|cami(sole)?)\b/, -0.25],
  [/\b(cotton|silk|rayon|viscose|chambray|poplin|jersey|short[- ]sleeved?|lightweight)\b/, -0.06],
];
const SUN_WORDS = /\b(sun(glasses)?|shades|sunnies)\b/;

export interface Inferred {
  formality: number;
  warmth: number;
  /** Sportswear: never for a formal occasion. */
  athletic: boolean;
  /** Glasses that are for the sun (penalised in rain); plain "glasses" may be prescription ones. */
  sunglasses: boolean;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Formality, warmth and sportiness of an item from its kind, material, name and
 * season tags. `subtype` is the kind as the outfit code knows it (lower case),
 * or null when the item's own kind is unknown here (a taught kind).
 */
export function inferGarment(
  item: Pick<Item, "subtype" | "material" | "name" | "seasons" | "occasions">,
  category: Category,
  knownSubtype: string | null,
): Inferred {
  const kindText = (item.subtype ?? "").toLowerCase();
  const text = `${kindText} ${item.name} ${item.material}`.toLowerCase();
  // The kind's own value; an unknown kind reads its words (its own name first), then the category.
  let formality = knownSubtype != null ? SUBTYPE_FORMALITY[knownSubtype] : undefined;
  let warmth = knownSubtype != null ? SUBTYPE_WARMTH[knownSubtype] : undefined;
  if (formality === undefined) formality = wordLevel(kindText) ?? wordLevel(text) ?? CATEGORY_FORMALITY[category];
  else {
    // A built-in kind's words in the name refine it ("running shorts", "silk blouse", "wool suit trousers").
    const named = wordLevel(`${item.name} ${item.material}`.toLowerCase());
    if (named !== null) formality = 0.6 * formality + 0.4 * named;
  }
  warmth ??= CATEGORY_WARMTH[category];
  warmth += materialShift(text);
  // Season tags say what the owner wears it for: a winter-only shirt is a warm one.
  const s = item.seasons;
  if (s.length > 0) {
    const cold = s.includes("winter") || s.includes("autumn");
    const hot = s.includes("summer") || s.includes("spring");
    // In proportion to the room left: a winter shirt is much warmer than a shirt, a winter sweater a little.
    if (s.includes("winter") && !hot) warmth += 0.25 * (1 - clamp01(warmth));
    else if (s.includes("summer") && !cold) warmth -= 0.25 * clamp01(warmth);
  }
  const sportOnly = item.occasions.includes("sport") && item.occasions.every((o) => o === "sport" || o === "outdoor");
  const athletic = (knownSubtype != null && ATHLETIC_KINDS.has(knownSubtype)) || ATHLETIC_WORDS.test(text) || sportOnly;
  return { formality: clamp01(formality), warmth: clamp01(warmth), athletic, sunglasses: SUN_WORDS.test(text) };
}

function wordLevel(text: string): number | null {
  for (const [re, level] of FORMALITY_WORDS) if (re.test(text)) return level;
  return null;
}

/** The warmest warm word and the coolest cool word, together (a "wool-linen blend" is in between). */
function materialShift(text: string): number {
  let warm = 0;
  for (const [re, shift] of WARM_WORDS) if (re.test(text)) warm = Math.max(warm, shift);
  let cool = 0;
  for (const [re, shift] of COOL_WORDS) if (re.test(text)) cool = Math.min(cool, shift);
  // Cotton or silk in a knit is still a knit: a weak cool word does not cancel a warm one.
  if (warm > 0 && cool > -0.1) cool = 0;
  return warm + cool;
}
