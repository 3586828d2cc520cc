/**
 * Everything outfit scoring needs from an Item, computed once: slot, colours in
 * OKLCh, formality, warmth, the embedding at unit length and small integer
 * codes the learner indexes by. Cached per Item object: items are immutable
 * records here (a Dexie read or a React state update gives a new object).
 */
import { PALETTE_SIZE, paletteIndexOf } from "../colour/palette";
import { CATEGORIES, OCCASIONS, SEASONS, SUBTYPES, type Item, type Occasion, type Season } from "../wardrobe/types";
import { harmonyColour, type HarmonyColour, type WeightedColour } from "./harmony";
import { inferGarment } from "./infer";
import { slotOf } from "./slots";
import type { Slot } from "./types";

export interface PreparedItem {
  item: Item;
  slot: Slot;
  /** Lower-case subtype, or the slot's name when unknown. */
  subtype: string;
  /** The item's own kind in words (a taught kind such as "kimono" included), for reasons. */
  kind: string;
  subtypeCode: number;
  /** The item's two main colours, shares renormalised to sum to 1. */
  colours: WeightedColour[];
  dominant: HarmonyColour | null;
  /** Palette index of the dominant colour; NO_COLOUR when the item has none. */
  colourCode: number;
  /** 0 = sportswear … 1 = black tie. */
  formality: number;
  /** 0 = for heat … 1 = for frost (kind, material, name and season tags: infer.ts). */
  warmth: number;
  /** Sportswear (infer.ts): never for a formal occasion. */
  athletic: boolean;
  /** Sunglasses rather than glasses one sees with. */
  sunglasses: boolean;
  /** Unit length (the item's own array when it already is, to avoid a copy per item). */
  embedding: readonly number[] | Float32Array | null;
  /** Tagged occasions and seasons as bit sets (see occasionBit / seasonBit); 0 = untagged. */
  occasionMask: number;
  seasonMask: number;
}

export const occasionBit = (o: Occasion): number => 1 << OCCASIONS.indexOf(o);
export const seasonBit = (s: Season): number => 1 << SEASONS.indexOf(s);

export const NO_COLOUR = PALETTE_SIZE;
export const COLOUR_CODES = PALETTE_SIZE + 1;

/** Every subtype, then each category as the "unknown subtype" of its slot. */
const SUBTYPE_LIST: readonly string[] = [...new Set([...CATEGORIES.flatMap((c) => SUBTYPES[c]), ...CATEGORIES])];
const SUBTYPE_INDEX = new Map(SUBTYPE_LIST.map((s, i) => [s, i] as const));
export const SUBTYPE_CODES = SUBTYPE_LIST.length;
export const subtypeFromCode = (code: number): string => SUBTYPE_LIST[code] ?? "";
export const subtypeCode = (subtype: string): number => SUBTYPE_INDEX.get(subtype) ?? -1;
const BUILT_IN_KINDS: ReadonlySet<string> = new Set(CATEGORIES.flatMap((c) => SUBTYPES[c]));

export const OCCASION_FORMALITY: Record<Occasion, number> = { formal: 0.95, work: 0.7, party: 0.65, casual: 0.3, outdoor: 0.2, sport: 0.1 };

const cache = new WeakMap<Item, PreparedItem>();

/** The prepared form of an item, or null when it cannot be worn in an outfit (no category, deleted). */
export function prepareItem(item: Item): PreparedItem | null {
  const hit = cache.get(item);
  if (hit) return hit;
  const slot = slotOf(item);
  if (!slot || item.deletedAt != null) return null;
  const own = item.subtype?.trim().toLowerCase() || null;
  // A built-in kind; a kind the user taught ("kimono") is read from its words and scored as its category.
  const known = own !== null && BUILT_IN_KINDS.has(own) ? own : null;
  const subtype = known ?? slot;
  const inferred = inferGarment(item, slot, known);
  const colours = mainColours(item);
  const dominant = colours[0]?.colour ?? null;
  const p: PreparedItem = {
    item,
    slot,
    subtype,
    kind: own ?? slot,
    subtypeCode: SUBTYPE_INDEX.get(subtype)!,
    colours,
    dominant,
    colourCode: dominant ? paletteIndexOf(dominant.name) : NO_COLOUR,
    formality: formalityOf(item, inferred.sunglasses ? Math.min(inferred.formality, 0.3) : inferred.formality),
    warmth: inferred.warmth,
    athletic: inferred.athletic,
    sunglasses: inferred.sunglasses,
    embedding: unitEmbedding(item.embedding),
    occasionMask: item.occasions.reduce((m, o) => m | occasionBit(o), 0),
    seasonMask: item.seasons.reduce((m, x) => m | seasonBit(x), 0),
  };
  cache.set(item, p);
  return p;
}

function mainColours(item: Item): WeightedColour[] {
  const out: WeightedColour[] = [];
  const cs = item.colours;
  // Usually already stored largest first; sort only when not.
  const ordered = cs.every((c, i) => i === 0 || c.share <= cs[i - 1]!.share) ? cs : [...cs].sort((a, b) => b.share - a.share);
  for (const c of ordered) {
    if (out.length === 2) break;
    if (!(c.share > 0)) continue;
    try {
      out.push({ colour: harmonyColour(c.hex, c.name), share: c.share });
    } catch {
      // A malformed hex (hand-edited record) only costs this colour, never the item.
    }
  }
  const total = out.reduce((s, c) => s + c.share, 0);
  for (const c of out) c.share /= total;
  return out;
}

/** Tagged occasions say most about formality; what the kind, material and name suggest fills in. */
function formalityOf(item: Item, base: number): number {
  if (item.occasions.length === 0) return base;
  const tagged = item.occasions.reduce((s, o) => s + OCCASION_FORMALITY[o], 0) / item.occasions.length;
  return 0.6 * tagged + 0.4 * base;
}

function unitEmbedding(e: number[] | null): readonly number[] | Float32Array | null {
  if (!e || e.length === 0) return null;
  let norm = 0;
  for (const v of e) norm += v * v;
  if (!(norm > 0) || !Number.isFinite(norm)) return null;
  // The Siamese model already emits unit vectors; only others need a normalised copy.
  if (Math.abs(norm - 1) < 1e-4) return e;
  const inv = 1 / Math.sqrt(norm);
  const out = new Float32Array(e.length);
  for (let k = 0; k < e.length; k++) out[k] = e[k]! * inv;
  return out;
}
