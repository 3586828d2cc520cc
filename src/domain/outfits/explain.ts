/**
 * Plain-words reasons for an outfit ("navy and camel are a classic pairing",
 * "boots for rain", "you liked similar outfits") and cautions about what is not
 * ideal. Only run for the handful of outfits shown, never inside the search.
 */
import { desiredWarmth, matchesTags, necklineAdjustment } from "./fit";
import type { PreparedItem } from "./prepare";
import { busyPenalty, type OutfitBreakdown } from "./score";
import { slotNeeds, weatherBand } from "./slots";
import type { OutfitContext } from "./types";
import type { Neckline } from "../wardrobe/types";

/** A learned logit this large means the user's feedback clearly moved this outfit. */
const LEARNED_NOTICEABLE = 0.4;

export interface Explanation {
  reasons: string[];
  cautions: string[];
}

export function explainOutfit(ps: readonly PreparedItem[], ctx: OutfitContext, b: OutfitBreakdown): Explanation {
  const reasons: string[] = [];
  const cautions: string[] = [];
  const t = ctx.temperatureC;
  const band = weatherBand(t);
  const bySlot = new Map(ps.map((p) => [p.slot, p] as const));
  const outer = bySlot.get("outerwear");
  const shoes = bySlot.get("shoes");

  // Colour: the best-looking pair speaks for the outfit; any clash is flagged.
  const coloured = b.pairs.filter((x) => x.pair.harmony.kind !== "unknown");
  const best = [...coloured].sort((x, y) => y.pair.harmony.score - x.pair.harmony.score)[0];
  if (best && best.pair.harmony.score >= 0.7) reasons.push(best.pair.harmony.reason);
  for (const x of coloured) if (x.pair.harmony.kind === "clash" && !cautions.includes(x.pair.harmony.reason)) cautions.push(x.pair.harmony.reason);

  // Weather.
  if (ctx.rain) {
    if (shoes?.subtype === "boots") reasons.push("boots for rain");
    else if (shoes) reasons.push("closed shoes for the rain");
    if (outer?.subtype === "raincoat") reasons.push("a raincoat for the rain");
    else if (outer?.subtype === "coat" || outer?.subtype === "jacket") reasons.push(`a ${outer.subtype} against the rain`);
    else if (outer) cautions.push(`a ${outer.subtype} will not keep the rain off`);
  } else if (band === "cold" && outer) reasons.push(`a ${outer.subtype} for the cold (${t} °C)`);
  else if (band === "cool" && outer) reasons.push(`a ${outer.subtype} for a cool day`);
  if (band === "cold" && !ctx.rain && shoes?.subtype === "boots") reasons.push("boots for the cold");
  if (band === "hot" && shoes?.subtype === "sandals") reasons.push("sandals for the heat");
  if (band === "hot" && !outer) reasons.push(`no layers needed at ${t} °C`);
  const needs = slotNeeds(ctx);
  if (needs.outerwear === "required" && !outer) cautions.push(ctx.rain ? "no coat or raincoat among the matching items" : `no coat among the matching items for ${t} °C`);
  if (band !== "unknown")
    for (const p of ps) {
      if (p.slot === "bag" || p.slot === "accessory" || p.slot === "outerwear") continue;
      const gap = p.warmth - desiredWarmth(t!);
      if (gap < -0.55) cautions.push(`${label(p)} may be cold at ${t} °C`);
      if (gap > 0.55) cautions.push(`${label(p)} may be too warm at ${t} °C`);
    }

  // Occasion and season.
  if (ctx.occasion) {
    if (ps.every((p) => p.item.occasions.includes(ctx.occasion!))) reasons.push(`every piece suits ${ctx.occasion}`);
    for (const p of ps) if (!matchesTags(p, { occasion: ctx.occasion })) cautions.push(`${label(p)} is not tagged for ${ctx.occasion}`);
  }
  if (ctx.season && ps.every((p) => p.item.seasons.includes(ctx.season!))) reasons.push(`all pieces are for ${ctx.season}`);
  if (needs.bag === "preferred" && bySlot.has("bag")) reasons.push(`a ${bySlot.get("bag")!.subtype} finishes the ${ctx.occasion} look`);

  // Face shape and personal taste.
  for (const p of ps) if (necklineAdjustment(p, ctx) > 0 && p.item.neckline) reasons.push(`${necklinePhrase(p.item.neckline)} suits your face shape`);
  // Taste goes first: it is the reason the user most wants to see honoured.
  if (b.learned >= LEARNED_NOTICEABLE) reasons.unshift("you liked similar outfits");
  if (b.learned <= -LEARNED_NOTICEABLE) cautions.push("similar to outfits you disliked");
  if (ctx.notWornDays) reasons.push(`nothing worn in the last ${ctx.notWornDays} days`);
  if (busyPenalty(ps) > 0) cautions.push("more than two accent colours can look busy");
  return { reasons, cautions };
}

function necklinePhrase(n: Neckline): string {
  if (n === "v-neck") return "a V-neck";
  if (n === "turtleneck") return "a turtleneck";
  if (n === "collared") return "a collar";
  return `${n === "off-shoulder" ? "an" : "a"} ${n} neckline`;
}

function label(p: PreparedItem): string {
  const name = p.item.name.trim();
  return name ? `"${name}"` : `the ${p.subtype}`;
}
