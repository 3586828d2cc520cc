/**
 * How well one item suits the day: the user's filters (gender, recently worn,
 * excluded or in the wash, occasion and season tags), the weather as the user
 * feels it, and face-shape neckline advice.
 */
import { necklineFit } from "../face/neckline-fit";
import { PALETTE_WEIGHT, piecePaletteVerdict } from "./palette-fit";
import type { Day } from "./day";
import { suitsOccasion } from "./occasion";
import { OCCASION_FORMALITY, occasionBit, seasonBit, type PreparedItem } from "./prepare";
import { DAY_MS } from "./rotation";
import { weatherAllows } from "./slots";
import type { OutfitContext } from "./types";

/** Filters no outfit may break: gender, recently worn, excluded or in the wash, the hard weather rules. */
export function passesHardFilters(p: PreparedItem, day: Day): boolean {
  const { ctx, now } = day;
  const item = p.item;
  if (ctx.gender && item.gender && item.gender !== "unisex" && item.gender !== ctx.gender) return false;
  // Asking for "unisex" means unisex pieces only; untagged items are assumed to fit anyone.
  if (ctx.gender === "unisex" && item.gender && item.gender !== "unisex") return false;
  if (ctx.notWornDays != null && ctx.notWornDays > 0 && item.lastWornAt != null && now - item.lastWornAt < ctx.notWornDays * DAY_MS) return false;
  if (day.excluded.size > 0 && day.excluded.has(item.id)) return false;
  return weatherAllows(p.slot, p.subtype, ctx, day.band);
}

/** Hard filters, and the occasion's floor (occasion.ts): what a suggestion may contain at all. */
export function canSuggest(p: PreparedItem, day: Day): boolean {
  return passesHardFilters(p, day) && suitsOccasion(p, day.ctx.occasion);
}

/**
 * The user's occasion and chosen season, against the item's tags. Untagged items
 * match anything. Relaxed per slot when nothing in that slot matches, so a missing
 * tag on every pair of shoes does not leave the user with no outfit. (A season taken
 * from the date is a preference only, never a filter.)
 */
export function matchesTags(p: PreparedItem, ctx: Pick<OutfitContext, "occasion" | "season">): boolean {
  if (ctx.occasion && p.occasionMask !== 0 && (p.occasionMask & occasionBit(ctx.occasion)) === 0) return false;
  if (ctx.season && p.seasonMask !== 0 && (p.seasonMask & seasonBit(ctx.season)) === 0) return false;
  return true;
}

/** Warmth the day calls for, 0 (heat) – 1 (frost), from the felt temperature. */
export function desiredWarmth(temperatureC: number): number {
  return Math.min(1, Math.max(0, (26 - temperatureC) / 26));
}

/** A season chosen by the user weighs this much; one taken from the date less, and less again when the temperature is known. */
const SEASON_WEIGHT = { chosen: 0.2, assumed: 0.1, assumedWithWeather: 0.05 } as const;

/** 0–1: occasion, season and weather fit of one item. Missing context counts as a fit. */
export function contextFit(p: PreparedItem, day: Day): number {
  const { ctx, band } = day;
  let total = 0;
  let weight = 0;
  if (ctx.occasion) {
    total += 0.4 * occasionFit(p, ctx.occasion);
    weight += 0.4;
  }
  if (day.season) {
    // A season taken from the date keeps the chosen season's weight, but only part of it judges: the rest stays neutral.
    const w = day.seasonChosen ? SEASON_WEIGHT.chosen : band === "unknown" ? SEASON_WEIGHT.assumed : SEASON_WEIGHT.assumedWithWeather;
    total += w * (p.seasonMask === 0 ? 0.75 : p.seasonMask & seasonBit(day.season) ? 1 : 0.2) + (SEASON_WEIGHT.chosen - w) * 0.75;
    weight += SEASON_WEIGHT.chosen;
  }
  if (band !== "unknown" || ctx.rain) {
    total += 0.4 * weatherFit(p, day);
    weight += 0.4;
  }
  return weight === 0 ? 0.75 : total / weight;
}

function occasionFit(p: PreparedItem, occasion: NonNullable<OutfitContext["occasion"]>): number {
  const closeness = 1 - Math.abs(p.formality - OCCASION_FORMALITY[occasion]);
  if (p.occasionMask & occasionBit(occasion)) return 0.8 + 0.2 * closeness;
  if (p.occasionMask === 0) return 0.3 + 0.55 * closeness;
  return 0.35 * closeness;
}

/** Accessories the weather decides about (sunglasses too; glasses one sees with are weatherless). */
const WEATHER_ACCESSORIES = new Set(["scarf", "hat", "gloves"]);

/** Warmth against the felt temperature; rain favours boots and raincoats. Bags and most accessories are weatherless. */
export function weatherFit(p: PreparedItem, day: Day): number {
  if (p.slot === "bag" || (p.slot === "accessory" && !WEATHER_ACCESSORIES.has(p.subtype) && !p.sunglasses)) return 0.75;
  const rain = day.ctx.rain;
  let fit = 0.75;
  if (day.felt !== null) fit = 1 - Math.abs(p.warmth - desiredWarmth(day.felt));
  if (rain) {
    // Rain decides footwear more than temperature does: boots, then sturdy closed shoes.
    if (p.slot === "shoes") fit = 0.3 * fit + 0.7 * (p.subtype === "boots" ? 1 : p.subtype === "heels" || p.subtype === "flats" ? 0.3 : 0.5);
    if (p.slot === "outerwear") fit = 0.4 * fit + 0.6 * (p.subtype === "raincoat" ? 1 : p.subtype === "coat" || p.subtype === "jacket" ? 0.7 : 0.25);
    if (p.sunglasses) fit = 0.1;
  }
  return fit;
}

/** Neckline advice for the saved face shape, on tops and dresses: a small nudge (±0.04), never a veto. */
export const NECKLINE_WEIGHT = 0.04;
export function necklineAdjustment(p: PreparedItem, ctx: OutfitContext): number {
  if (p.slot !== "top" && p.slot !== "dress") return 0;
  return NECKLINE_WEIGHT * necklineFit(p.item.neckline, ctx.profile);
}

/** The personal palette's nudge (±PALETTE_WEIGHT) on a piece near the face in a colour it suits or avoids. */
export function paletteAdjustment(p: PreparedItem, ctx: OutfitContext): number {
  return PALETTE_WEIGHT * (piecePaletteVerdict(p.slot, p.item.colours[0]?.hex, ctx.palette)?.fit ?? 0);
}
