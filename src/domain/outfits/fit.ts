/**
 * How well one item suits the day: the user's filters (gender, recently worn,
 * occasion and season tags), the weather, and face-shape neckline advice.
 */
import { necklineFit } from "../face/neckline-fit";
import { OCCASION_FORMALITY, occasionBit, seasonBit, type PreparedItem } from "./prepare";
import { weatherAllows, weatherBand, type WeatherBand } from "./slots";
import type { OutfitContext } from "./types";

const DAY_MS = 86_400_000;

/** Filters no outfit may break: gender, recently worn, excluded, and the hard weather rules. */
export function passesHardFilters(p: PreparedItem, ctx: OutfitContext, now: number, band: WeatherBand = weatherBand(ctx.temperatureC)): boolean {
  const item = p.item;
  if (ctx.gender && item.gender && item.gender !== "unisex" && item.gender !== ctx.gender) return false;
  // Asking for "unisex" means unisex pieces only; untagged items are assumed to fit anyone.
  if (ctx.gender === "unisex" && item.gender && item.gender !== "unisex") return false;
  if (ctx.notWornDays != null && ctx.notWornDays > 0 && item.lastWornAt != null && now - item.lastWornAt < ctx.notWornDays * DAY_MS) return false;
  if (ctx.excludeItemIds?.includes(item.id)) return false;
  return weatherAllows(p.slot, p.subtype, ctx, band);
}

/**
 * The user's occasion and season filters, against the item's tags. Untagged items
 * match anything. Relaxed per slot when nothing in that slot matches, so a missing
 * tag on every pair of shoes does not leave the user with no outfit.
 */
export function matchesTags(p: PreparedItem, ctx: OutfitContext): boolean {
  if (ctx.occasion && p.occasionMask !== 0 && (p.occasionMask & occasionBit(ctx.occasion)) === 0) return false;
  if (ctx.season && p.seasonMask !== 0 && (p.seasonMask & seasonBit(ctx.season)) === 0) return false;
  return true;
}

/** Warmth the day calls for, 0 (heat) – 1 (frost). */
export function desiredWarmth(temperatureC: number): number {
  return Math.min(1, Math.max(0, (26 - temperatureC) / 26));
}

/** 0–1: occasion, season and weather fit of one item. Missing context counts as a fit. */
export function contextFit(p: PreparedItem, ctx: OutfitContext, band: WeatherBand = weatherBand(ctx.temperatureC)): number {
  let total = 0;
  let weight = 0;
  if (ctx.occasion) {
    total += 0.4 * occasionFit(p, ctx.occasion);
    weight += 0.4;
  }
  if (ctx.season) {
    total += 0.2 * (p.seasonMask === 0 ? 0.75 : p.seasonMask & seasonBit(ctx.season) ? 1 : 0.2);
    weight += 0.2;
  }
  if (band !== "unknown" || ctx.rain) {
    total += 0.4 * weatherFit(p, ctx, band);
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

/** Warmth against the temperature; rain favours boots and raincoats. Bags and most accessories are weatherless. */
export function weatherFit(p: PreparedItem, ctx: OutfitContext, band: WeatherBand): number {
  if (p.slot === "bag" || (p.slot === "accessory" && !["scarf", "hat", "glasses", "gloves"].includes(p.subtype))) return 0.75;
  let fit = 0.75;
  if (band !== "unknown") fit = 1 - Math.abs(p.warmth - desiredWarmth(ctx.temperatureC!));
  if (ctx.rain) {
    // Rain decides footwear more than temperature does: boots, then sturdy closed shoes.
    if (p.slot === "shoes") fit = 0.3 * fit + 0.7 * (p.subtype === "boots" ? 1 : p.subtype === "heels" || p.subtype === "flats" ? 0.3 : 0.5);
    if (p.slot === "outerwear") fit = 0.4 * fit + 0.6 * (p.subtype === "raincoat" ? 1 : p.subtype === "coat" || p.subtype === "jacket" ? 0.7 : 0.25);
    if (p.subtype === "glasses") fit = 0.1; // sunglasses in the rain
  }
  return fit;
}

/** Neckline advice for the saved face shape, on tops and dresses: a small nudge (±0.04), never a veto. */
export const NECKLINE_WEIGHT = 0.04;
export function necklineAdjustment(p: PreparedItem, ctx: OutfitContext): number {
  if (p.slot !== "top" && p.slot !== "dress") return 0;
  return NECKLINE_WEIGHT * necklineFit(p.item.neckline, ctx.profile);
}
