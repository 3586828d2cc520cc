/**
 * The day as scoring sees it, worked out once per context: the temperature as the
 * user feels it, the season (chosen, or taken from the date and hemisphere), which
 * slots the weather calls for, what is excluded or in the wash, and the rotation
 * of what was worn lately. Cached per context object (contexts are snapshots).
 */
import type { Season } from "../wardrobe/types";
import { compileRotation, type Rotation } from "./rotation";
import { dayBand, feltTemperature, slotNeeds, type OptionalSlot, type SlotNeed, type WeatherBand } from "./slots";
import type { Hemisphere, OutfitContext } from "./types";

export interface Day {
  ctx: OutfitContext;
  now: number;
  /** °C as the user feels it (null: unknown). */
  felt: number | null;
  band: WeatherBand;
  /** The chosen season, or the date's when a hemisphere is known; null: none. */
  season: Season | null;
  seasonChosen: boolean;
  needs: Record<OptionalSlot, SlotNeed>;
  /** Left out: excluded by the user, or in the wash. */
  excluded: ReadonlySet<string>;
  inWash: ReadonlySet<string>;
  rotation: Rotation;
}

const NORTH: readonly Season[] = ["winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "autumn", "autumn", "autumn", "winter"];
const OPPOSITE: Readonly<Record<Season, Season>> = { winter: "summer", summer: "winter", spring: "autumn", autumn: "spring" };

/** The meteorological season of a date (local time) in a hemisphere: March–May is spring in the north, autumn in the south. */
export function seasonOf(now: number, hemisphere: Hemisphere): Season {
  const north = NORTH[new Date(now).getMonth()]!;
  return hemisphere === "south" ? OPPOSITE[north] : north;
}

const cache = new WeakMap<OutfitContext, Day>();

export function dayOf(ctx: OutfitContext): Day {
  const hit = cache.get(ctx);
  if (hit && (ctx.now !== undefined || hit.now === Date.now())) return hit;
  const now = ctx.now ?? Date.now();
  const season = ctx.season ?? (ctx.hemisphere ? seasonOf(now, ctx.hemisphere) : null);
  const inWash = new Set(ctx.inWashItemIds ?? []);
  const day: Day = {
    ctx,
    now,
    felt: feltTemperature(ctx),
    band: dayBand(ctx),
    season,
    seasonChosen: ctx.season != null,
    needs: slotNeeds(ctx),
    excluded: new Set([...(ctx.excludeItemIds ?? []), ...inWash]),
    inWash,
    rotation: compileRotation(ctx, now),
  };
  cache.set(ctx, day);
  return day;
}
