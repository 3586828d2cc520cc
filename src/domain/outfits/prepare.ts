/**
 * Everything outfit scoring needs from an Item, computed once: slot, colours in
 * OKLCh, formality, warmth, the embedding at unit length and small integer
 * codes the learner indexes by. Cached per Item object: items are immutable
 * records here (a Dexie read or a React state update gives a new object).
 */
import { PALETTE_SIZE, paletteIndexOf } from "../colour/palette";
import { CATEGORIES, OCCASIONS, SEASONS, SUBTYPES, type Item, type Occasion, type Season } from "../wardrobe/types";
import { harmonyColour, type HarmonyColour, type WeightedColour } from "./harmony";
import { slotOf } from "./slots";
import type { Slot } from "./types";

export interface PreparedItem {
  item: Item;
  slot: Slot;
  /** Lower-case subtype, or the slot's name when unknown. */
  subtype: string;
  subtypeCode: number;
  /** The item's two main colours, shares renormalised to sum to 1. */
  colours: WeightedColour[];
  dominant: HarmonyColour | null;
  /** Palette index of the dominant colour; NO_COLOUR when the item has none. */
  colourCode: number;
  /** 0 = sportswear … 1 = black tie. */
  formality: number;
  /** 0 = for heat … 1 = for frost. */
  warmth: number;
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

/** How dressed-up each subtype usually is, when the user has not tagged occasions. */
const SUBTYPE_FORMALITY: Record<string, number> = {
  "t-shirt": 0.25, shirt: 0.65, blouse: 0.6, sweater: 0.4, hoodie: 0.1, "tank top": 0.15, polo: 0.4,
  trousers: 0.65, jeans: 0.3, shorts: 0.15, skirt: 0.5, leggings: 0.15,
  dress: 0.6, jumpsuit: 0.5, overalls: 0.2,
  coat: 0.65, jacket: 0.45, blazer: 0.8, cardigan: 0.4, raincoat: 0.35,
  sneakers: 0.2, boots: 0.45, sandals: 0.25, heels: 0.85, loafers: 0.7, flats: 0.5,
  handbag: 0.65, backpack: 0.15, tote: 0.4, clutch: 0.85, crossbody: 0.4,
  scarf: 0.5, hat: 0.3, belt: 0.55, jewellery: 0.65, glasses: 0.3, watch: 0.6, tie: 0.9, socks: 0.3, gloves: 0.5,
};

export const OCCASION_FORMALITY: Record<Occasion, number> = { formal: 0.95, work: 0.7, party: 0.65, casual: 0.3, outdoor: 0.2, sport: 0.1 };

/** How warm each subtype is to wear. */
const SUBTYPE_WARMTH: Record<string, number> = {
  "t-shirt": 0.15, shirt: 0.3, blouse: 0.25, sweater: 0.75, hoodie: 0.6, "tank top": 0, polo: 0.2,
  trousers: 0.5, jeans: 0.5, shorts: 0, skirt: 0.25, leggings: 0.4,
  dress: 0.25, jumpsuit: 0.4, overalls: 0.45,
  coat: 1, jacket: 0.7, blazer: 0.5, cardigan: 0.5, raincoat: 0.5,
  sneakers: 0.4, boots: 0.85, sandals: 0, heels: 0.3, loafers: 0.4, flats: 0.3,
  scarf: 0.9, hat: 0.6, glasses: 0.1, gloves: 0.95, socks: 0.5,
};

const cache = new WeakMap<Item, PreparedItem>();

/** The prepared form of an item, or null when it cannot be worn in an outfit (no category, deleted). */
export function prepareItem(item: Item): PreparedItem | null {
  const hit = cache.get(item);
  if (hit) return hit;
  const slot = slotOf(item);
  if (!slot || item.deletedAt != null) return null;
  const subtype = item.subtype && SUBTYPE_INDEX.has(item.subtype.toLowerCase()) ? item.subtype.toLowerCase() : slot;
  const colours = mainColours(item);
  const dominant = colours[0]?.colour ?? null;
  const p: PreparedItem = {
    item,
    slot,
    subtype,
    subtypeCode: SUBTYPE_INDEX.get(subtype)!,
    colours,
    dominant,
    colourCode: dominant ? paletteIndexOf(dominant.name) : NO_COLOUR,
    formality: formalityOf(item, subtype),
    warmth: SUBTYPE_WARMTH[subtype] ?? 0.4,
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

/** Tagged occasions say most about formality; the subtype's usual formality fills in. */
function formalityOf(item: Item, subtype: string): number {
  const base = SUBTYPE_FORMALITY[subtype] ?? 0.45;
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
