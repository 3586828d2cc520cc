/**
 * Plain-words reasons for an outfit ("navy and camel are a classic pairing",
 * "boots for rain", "not worn since March", "you liked this outfit") and cautions
 * about what is not ideal ("you wore “Red blouse” yesterday"). Only run for the
 * handful of outfits shown, never inside the search.
 */
import type { Day } from "./day";
import { desiredWarmth, matchesTags, necklineAdjustment } from "./fit";
import { piecePaletteVerdict } from "./palette-fit";
import { explainLearned } from "./learned";
import type { CompiledLearner } from "./learner";
import type { PreparedItem } from "./prepare";
import { daysAgo, DAY_MS, label, OUTFIT_REST_DAYS, underused, underusedReason } from "./rotation";
import { busyPenalty, type OutfitBreakdown } from "./score";
import { weatherBand } from "./slots";
import type { Neckline } from "../wardrobe/types";

export interface Explanation {
  reasons: string[];
  cautions: string[];
}

/** Pieces others notice when repeated: worn within this many days, a caution says so. */
const NOTICED_DAYS = 3;
const NOTICED_SLOTS = new Set(["top", "dress", "bottom"]);

export function explainOutfit(ps: readonly PreparedItem[], day: Day, b: OutfitBreakdown, learner: CompiledLearner | null = null): Explanation {
  const { ctx, band, now } = day;
  const reasons: string[] = [];
  const cautions: string[] = [];
  const t = ctx.temperatureC;
  const bySlot = new Map(ps.map((p) => [p.slot, p] as const));
  const outer = bySlot.get("outerwear");
  const shoes = bySlot.get("shoes");

  // Colour: the best-looking pair speaks for the outfit; any clash is flagged.
  const coloured = b.pairs.filter((x) => x.pair.harmony.kind !== "unknown");
  const best = [...coloured].sort((x, y) => y.pair.harmony.score - x.pair.harmony.score)[0];
  if (best && best.pair.harmony.score >= 0.7) reasons.push(best.pair.harmony.reason);
  for (const x of coloured) if (x.pair.harmony.kind === "clash" && !cautions.includes(x.pair.harmony.reason)) cautions.push(x.pair.harmony.reason);

  // Weather, as the user feels it (the thermometer's figure in the words).
  if (ctx.rain) {
    if (shoes?.subtype === "boots") reasons.push("boots for rain");
    else if (shoes) reasons.push("closed shoes for the rain");
    if (outer?.subtype === "raincoat") reasons.push("a raincoat for the rain");
    else if (outer?.subtype === "coat" || outer?.subtype === "jacket") reasons.push(`a ${outer.subtype} against the rain`);
    else if (outer) cautions.push(`a ${outer.kind} will not keep the rain off`);
  } else if (band === "cold" && outer) reasons.push(`a ${outer.kind} for the cold (${t} °C)`);
  else if (band === "cool" && outer) reasons.push(`a ${outer.kind} for a cool day`);
  if (band === "cold" && !ctx.rain && shoes?.subtype === "boots") reasons.push("boots for the cold");
  if (band === "hot" && shoes?.subtype === "sandals") reasons.push("sandals for the heat");
  if (band === "hot" && !outer) reasons.push(`no layers needed at ${t} °C`);
  if (ctx.feel && band !== weatherBand(t)) {
    if (ctx.feel === "cold" && outer) reasons.push("an extra layer: you run cold");
    if (ctx.feel === "hot" && !outer) reasons.push("no extra layer: you run hot");
  }
  if (day.needs.outerwear === "required" && !outer)
    cautions.push(ctx.rain ? "no coat or raincoat among the matching items" : `no coat among the matching items for ${t} °C`);
  if (day.felt !== null) {
    const want = desiredWarmth(day.felt);
    let warmest: PreparedItem | null = null;
    for (const p of ps) {
      if (p.slot === "bag" || p.slot === "accessory" || p.slot === "outerwear") continue;
      const gap = p.warmth - want;
      if (gap < -0.55) cautions.push(`${label(p)} may be cold at ${t} °C`);
      if (gap > 0.55) cautions.push(`${label(p)} may be too warm at ${t} °C`);
      if ((p.slot === "top" || p.slot === "dress") && (!warmest || p.warmth > warmest.warmth)) warmest = p;
    }
    // Material matters to a stylist: say when the top itself is what keeps the wearer warm.
    if (warmest && (band === "cold" || band === "cool") && warmest.warmth >= 0.6 && Math.abs(warmest.warmth - want) <= 0.25)
      reasons.push(`${label(warmest)} is warm enough for ${t} °C`);
  }

  // Occasion and season.
  if (ctx.occasion) {
    if (ps.every((p) => p.item.occasions.includes(ctx.occasion!))) reasons.push(`every piece suits ${ctx.occasion}`);
    for (const p of ps) if (!matchesTags(p, { occasion: ctx.occasion })) cautions.push(`${label(p)} is not tagged for ${ctx.occasion}`);
  }
  if (day.season && ps.every((p) => p.item.seasons.includes(day.season!))) reasons.push(`all pieces are for ${day.season}`);
  if (day.needs.bag === "preferred" && bySlot.has("bag")) reasons.push(`a ${bySlot.get("bag")!.kind} finishes the ${ctx.occasion} look`);

  // Face shape.
  for (const p of ps) if (necklineAdjustment(p, ctx) > 0 && p.item.neckline) reasons.push(`${necklinePhrase(p.item.neckline)} suits your face shape`);
  // Personal palette (opted in): the pieces near the face.
  for (const p of ps) {
    const v = piecePaletteVerdict(p.slot, p.item.colours[0]?.hex, ctx.palette);
    if (v?.fit === 1) reasons.push(`${label(p)} is close to ${v.swatch}, a colour of your ${ctx.palette!.season} palette`);
    if (v?.fit === -1) cautions.push(`${label(p)} is close to ${v.swatch}, a colour your ${ctx.palette!.season} palette avoids near the face`);
  }

  // Rotation: the most forgotten piece, a favourite, and what others may notice was worn lately.
  const forgotten = [...ps].sort((x, y) => underused(y.item, now) - underused(x.item, now))[0];
  const forgottenWords = forgotten ? underusedReason(forgotten, now) : null;
  if (forgottenWords) reasons.push(forgottenWords);
  const favourite = ps.find((p) => p.item.favourite);
  if (favourite) reasons.push(`${label(favourite)} is one of your favourites`);
  const together = lastWornTogether(ps, day);
  if (together !== null) cautions.push(`you wore this outfit ${daysAgo(together, now)}`);
  else
    for (const p of ps) {
      const at = p.item.lastWornAt;
      if (NOTICED_SLOTS.has(p.slot) && at != null && now - at < NOTICED_DAYS * DAY_MS) cautions.push(`you wore ${label(p)} ${daysAgo(at, now)}`);
    }
  if (ctx.notWornDays) reasons.push(`nothing worn in the last ${ctx.notWornDays} days`);

  // Personal taste goes first: it is the reason the user most wants to see honoured.
  const learned = explainLearned(learner?.state ?? null, ps);
  reasons.unshift(...learned.reasons);
  cautions.push(...learned.cautions);
  if (busyPenalty(ps) > 0) cautions.push("more than two accent colours can look busy");
  return { reasons, cautions };
}

/** When the outfit's main pieces (top, bottom or dress, shoes) were last worn together, within OUTFIT_REST_DAYS, or null. */
function lastWornTogether(ps: readonly PreparedItem[], day: Day): number | null {
  const main = ps.filter((p) => p.slot === "top" || p.slot === "bottom" || p.slot === "dress" || p.slot === "shoes").map((p) => p.item.id);
  if (main.length < 2) return null;
  let at: number | null = null;
  for (const w of day.ctx.wears ?? [])
    if (day.now - w.wornAt < OUTFIT_REST_DAYS * DAY_MS && w.wornAt <= day.now + DAY_MS && main.every((id) => w.itemIds.includes(id)))
      at = Math.max(at ?? -Infinity, w.wornAt);
  return at;
}

function necklinePhrase(n: Neckline): string {
  if (n === "v-neck") return "a V-neck";
  if (n === "turtleneck") return "a turtleneck";
  if (n === "collared") return "a collar";
  return `${n === "off-shoulder" ? "an" : "a"} ${n} neckline`;
}
