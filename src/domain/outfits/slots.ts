/**
 * Which slot an item fills, which slot combinations make an outfit, and when the
 * weather or occasion calls for the optional slots (outerwear, bag).
 */
import { CATEGORIES, SUBTYPES, type Item } from "../wardrobe/types";
import type { OutfitContext, Slot } from "./types";

/** A complete outfit is one of these, plus optional slots. */
export const CORE_TEMPLATES: readonly (readonly Slot[])[] = [
  ["top", "bottom", "shoes"],
  ["dress", "shoes"],
];
export const OPTIONAL_SLOTS = ["outerwear", "bag", "accessory"] as const;
export type OptionalSlot = (typeof OPTIONAL_SLOTS)[number];

const SUBTYPE_SLOT = new Map<string, Slot>();
for (const c of CATEGORIES) for (const s of SUBTYPES[c]) SUBTYPE_SLOT.set(s, c);

/**
 * The slot an item fills. A known subtype wins over the category, so a "cardigan"
 * the classifier filed under "top" still layers as outerwear. Null = unusable.
 */
export function slotOf(item: Pick<Item, "category" | "subtype">): Slot | null {
  const bySubtype = item.subtype ? SUBTYPE_SLOT.get(item.subtype.toLowerCase()) : undefined;
  return bySubtype ?? item.category ?? null;
}

export type WeatherBand = "cold" | "cool" | "mild" | "hot" | "unknown";

/** Degrees a person who runs cold (or hot) feels the day colder (or warmer) than the thermometer says. */
export const FEEL_SHIFT_C = 3;

/** The temperature as this user feels it: what every warmth rule uses (reasons still quote the thermometer). */
export function feltTemperature(ctx: Pick<OutfitContext, "temperatureC" | "feel">): number | null {
  const t = ctx.temperatureC;
  if (t == null || !Number.isFinite(t)) return null;
  return ctx.feel === "cold" ? t - FEEL_SHIFT_C : ctx.feel === "hot" ? t + FEEL_SHIFT_C : t;
}

/** The weather band of the day as this user feels it. */
export const dayBand = (ctx: Pick<OutfitContext, "temperatureC" | "feel">): WeatherBand => weatherBand(feltTemperature(ctx));

/** Temperature bands a stylist would use: coat below 10 °C, a layer below 18 °C, no layers from 25 °C. */
export function weatherBand(temperatureC: number | null | undefined): WeatherBand {
  if (temperatureC == null || !Number.isFinite(temperatureC)) return "unknown";
  if (temperatureC < 10) return "cold";
  if (temperatureC < 18) return "cool";
  if (temperatureC < 25) return "mild";
  return "hot";
}

/** required: missing it is a real flaw; preferred: a small bonus; optional: only if it helps; excluded: never. */
export type SlotNeed = "required" | "preferred" | "optional" | "excluded";

export function slotNeeds(ctx: OutfitContext): Record<OptionalSlot, SlotNeed> {
  const band = dayBand(ctx);
  let outerwear: SlotNeed = "optional";
  if (ctx.rain || band === "cold") outerwear = "required";
  else if (band === "cool") outerwear = "preferred";
  else if (band === "hot") outerwear = "excluded";
  const dressy = ctx.occasion === "work" || ctx.occasion === "formal" || ctx.occasion === "party";
  return { outerwear, bag: dressy ? "preferred" : "optional", accessory: "optional" };
}

const OPEN_SHOES = new Set(["sandals"]);

export function isOpenShoe(subtype: string | null): boolean {
  return subtype != null && OPEN_SHOES.has(subtype.toLowerCase());
}

/**
 * Weather rules no score may override: no sandals in rain or cold; in heat no
 * outerwear, except a raincoat when it rains.
 */
export function weatherAllows(slot: Slot, subtype: string | null, ctx: OutfitContext, band: WeatherBand = dayBand(ctx)): boolean {
  if (slot === "shoes" && isOpenShoe(subtype)) return !ctx.rain && band !== "cold";
  if (slot === "outerwear" && band === "hot") return Boolean(ctx.rain) && subtype === "raincoat";
  return true;
}

export interface OutfitProblem {
  code: "no-slot" | "duplicate-slot" | "no-core" | "dress-with-separates" | "no-shoes" | "weather";
  message: string;
}

/**
 * Structural and weather problems of a hand-built outfit (the builder shows these).
 * An empty list means the outfit is valid.
 */
export function outfitProblems(items: readonly Item[], ctx: OutfitContext = {}): OutfitProblem[] {
  const problems: OutfitProblem[] = [];
  const bySlot = new Map<Slot, Item[]>();
  for (const item of items) {
    const slot = slotOf(item);
    if (!slot) {
      problems.push({ code: "no-slot", message: `"${item.name || "An item"}" has no category yet.` });
      continue;
    }
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), item]);
  }
  for (const [slot, its] of bySlot)
    if (its.length > 1) problems.push({ code: "duplicate-slot", message: `Only one ${slot} per outfit (${its.map((i) => i.name || i.id).join(", ")}).` });
  const has = (s: Slot) => bySlot.has(s);
  if (has("dress") && (has("top") || has("bottom")))
    problems.push({ code: "dress-with-separates", message: "A dress is worn without a separate top or bottom." });
  if (!has("dress") && !(has("top") && has("bottom"))) problems.push({ code: "no-core", message: "An outfit needs a top and a bottom, or a dress." });
  if (!has("shoes")) problems.push({ code: "no-shoes", message: "An outfit needs shoes." });
  for (const item of items) {
    const slot = slotOf(item);
    if (slot && !weatherAllows(slot, item.subtype, ctx)) problems.push({ code: "weather", message: weatherMessage(slot, item, ctx) });
  }
  return problems;
}

function weatherMessage(slot: Slot, item: Item, ctx: OutfitContext): string {
  const what = item.subtype ?? slot;
  if (slot === "shoes") return ctx.rain ? `${cap(what)} in the rain: pick closed shoes or boots.` : `${cap(what)} in the cold: pick closed shoes or boots.`;
  return `A ${what} is too warm at ${ctx.temperatureC} °C.`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
