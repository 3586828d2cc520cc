/**
 * Occasion sense: which pieces can go to a formal dinner, the office or a run at
 * all (a floor, not a score: the score still prefers the better fit among those
 * that pass), and, when a wardrobe has too little that passes, what to add in a
 * stylist's words ("add a smarter shoe").
 */
import type { Occasion } from "../wardrobe/types";
import { occasionBit, type PreparedItem } from "./prepare";
import type { Slot } from "./types";

/** Lowest formality that can go (core pieces; accessories and bags have their own floor). */
const MIN_FORMALITY: Partial<Record<Occasion, number>> = { formal: 0.5, work: 0.2, party: 0.2 };
const MIN_FORMALITY_EXTRAS: Partial<Record<Occasion, number>> = { formal: 0.4 };
/** Highest formality that makes sense (no blazer for a run, no heels on a hike). */
const MAX_FORMALITY: Partial<Record<Occasion, number>> = { sport: 0.45, outdoor: 0.65 };

const EXTRAS: ReadonlySet<Slot> = new Set(["bag", "accessory"]);

/**
 * Whether a piece can be worn for the occasion at all. Sportswear never goes to a
 * formal occasion, whatever its tags. Otherwise the user's own tag counts; an
 * untagged piece's formality (inferred from kind, material and name) must be in
 * range, and athletic tops and bottoms do not go to work or a party (trainers may).
 */
export function suitsOccasion(p: PreparedItem, occasion: Occasion | null | undefined): boolean {
  if (!occasion) return true;
  // Never, whatever the tags say: a hoodie tagged "formal" is a tagging slip, not a dinner outfit.
  if (occasion === "formal" && p.athletic) return false;
  if (p.occasionMask & occasionBit(occasion)) return true;
  const extra = EXTRAS.has(p.slot);
  if (p.athletic && (occasion === "work" || occasion === "party") && p.slot !== "shoes" && !extra) return false;
  if (occasion === "formal" && p.sunglasses) return false;
  const min = (extra ? MIN_FORMALITY_EXTRAS : MIN_FORMALITY)[occasion] ?? 0;
  const max = extra ? 1 : (MAX_FORMALITY[occasion] ?? 1);
  return p.formality >= min && p.formality <= max;
}

const SMARTER: Partial<Record<Slot, string>> = {
  top: "a smarter top (a shirt or blouse)",
  bottom: "smarter trousers or a skirt",
  dress: "a smarter dress",
  shoes: "a smarter shoe (loafers, heels or dress shoes)",
  outerwear: "a smarter layer such as a blazer or a tailored coat",
};
const SPORTIER: Partial<Record<Slot, string>> = {
  top: "a sports top",
  bottom: "sports shorts, joggers or leggings",
  dress: "sportswear",
  shoes: "trainers",
  outerwear: "a sports jacket",
};
const STURDIER: Partial<Record<Slot, string>> = {
  top: "a practical top",
  bottom: "practical trousers or shorts",
  dress: "something practical to walk in",
  shoes: "sturdy shoes or boots",
  outerwear: "a practical jacket",
};

/** What to add so that `slot` has something for the occasion, in a stylist's words. */
export function occasionAdvice(slot: Slot, occasion: Occasion): string {
  const table = occasion === "sport" ? SPORTIER : occasion === "outdoor" ? STURDIER : SMARTER;
  return table[slot] ?? `${/^[aeiou]/.test(slot) ? "an" : "a"} ${slot} for ${occasion}`;
}

/** What to add so that `slot` has something for the day's temperature. */
export function warmthAdvice(slot: Slot, tooCold: boolean): string {
  if (slot === "shoes") return tooCold ? "warmer shoes such as boots" : "lighter shoes";
  if (slot === "bottom") return tooCold ? "warmer trousers" : "lighter trousers, shorts or a skirt";
  if (slot === "outerwear") return tooCold ? "a warm coat" : "a lighter layer";
  return tooCold ? `a warmer ${slot}` : `a lighter ${slot}`;
}
