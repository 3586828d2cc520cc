/**
 * The "today" filters as the form holds them (numbers as typed, so a half-typed
 * "-" is not lost), their stored form, and the OutfitContext the domain takes.
 */
import { seasonOf, type Hemisphere, type OutfitContext, type PersonalPalette, type TemperatureFeel } from "@domain/outfits";
import { GENDERS, OCCASIONS, SEASONS, type Gender, type Occasion, type Profile, type Season } from "@domain/wardrobe/types";

export interface OutfitFilters {
  occasion: Occasion | "";
  /** "" = today's season, from the date and the hemisphere setting (a preference, not a filter); "any" = no season. */
  season: Season | "" | "any";
  /** °C as typed; empty = unknown. */
  temperature: string;
  rain: boolean;
  gender: Gender | "";
  /** Days as typed; empty or 0 = off. */
  notWornDays: string;
}

export const EMPTY_FILTERS: OutfitFilters = { occasion: "", season: "", temperature: "", rain: false, gender: "", notWornDays: "" };

export const TEMPERATURE_RANGE = { min: -40, max: 50 } as const;
export const MAX_NOT_WORN_DAYS = 365;

/**
 * Filters remembered from last time, checked field by field: a damaged or older
 * setting loses only the fields that no longer make sense. No stored value: the
 * profile's gender is the starting point.
 */
export function parseFilters(stored: unknown, profile: Pick<Profile, "gender"> | null | undefined): OutfitFilters {
  const base: OutfitFilters = { ...EMPTY_FILTERS, gender: profile?.gender ?? "" };
  if (typeof stored !== "object" || stored === null) return base;
  const s = stored as Record<string, unknown>;
  const pick = <T extends string>(v: unknown, allowed: readonly T[]): T | "" =>
    typeof v === "string" && (allowed as readonly string[]).includes(v) ? (v as T) : "";
  return {
    occasion: pick(s.occasion, OCCASIONS),
    season: pick(s.season, [...SEASONS, "any"] as const),
    temperature: typeof s.temperature === "string" ? s.temperature.slice(0, 8) : "",
    rain: s.rain === true,
    gender: "gender" in s ? pick(s.gender, GENDERS) : base.gender,
    notWornDays: typeof s.notWornDays === "string" ? s.notWornDays.slice(0, 8) : "",
  };
}

export interface FilterProblems {
  temperature?: string;
  notWornDays?: string;
}

/** Reads a typed number; "" → null; anything else unreadable → NaN. Accepts a decimal comma and a typographic minus. */
function typedNumber(s: string): number | null {
  const t = s.trim().replace(",", ".").replace("−", "-");
  if (t === "") return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** The user's settings that shape every day's suggestions (Settings → Outfits). */
export interface DaySettings {
  hemisphere?: Hemisphere | null;
  /** "normal" or absent: as the thermometer says. */
  feel?: TemperatureFeel | "normal" | null;
  /** Today's forecast (Use today's weather): replaces the typed temperature and the rain box. */
  weather?: { temperatureC: number; rain: boolean } | null;
  /** The saved personal palette, when the user lets suggestions use it. */
  palette?: PersonalPalette | null;
}

/**
 * The domain's context for these filters, and what is wrong with any typed value
 * (a wrong value is left out of the context rather than guessed at). Without
 * `now` the domain measures "not worn in N days" from the moment it scores.
 */
export function toContext(
  f: OutfitFilters,
  profile: Pick<Profile, "suitedNecklines" | "avoidNecklines"> | null | undefined,
  now?: number,
  settings: DaySettings = {},
): { context: OutfitContext; problems: FilterProblems } {
  const problems: FilterProblems = {};
  let temperatureC: number | null = settings.weather ? settings.weather.temperatureC : typedNumber(f.temperature);
  if (!settings.weather && temperatureC !== null && !(temperatureC >= TEMPERATURE_RANGE.min && temperatureC <= TEMPERATURE_RANGE.max)) {
    problems.temperature = `Enter a temperature from ${TEMPERATURE_RANGE.min} to ${TEMPERATURE_RANGE.max} °C.`;
    temperatureC = null;
  }
  let notWornDays: number | null = typedNumber(f.notWornDays);
  if (notWornDays !== null && !(Number.isInteger(notWornDays) && notWornDays >= 0 && notWornDays <= MAX_NOT_WORN_DAYS)) {
    problems.notWornDays = `Enter whole days from 0 to ${MAX_NOT_WORN_DAYS}.`;
    notWornDays = null;
  }
  const context: OutfitContext = {
    occasion: f.occasion || null,
    season: f.season === "any" ? null : f.season || null,
    // Today's season is inferred by the domain from the date when none is chosen.
    hemisphere: f.season === "" ? (settings.hemisphere ?? null) : null,
    feel: settings.feel === "cold" || settings.feel === "hot" ? settings.feel : null,
    temperatureC,
    rain: settings.weather ? settings.weather.rain : f.rain,
    gender: f.gender || null,
    notWornDays: notWornDays || null,
    ...(now !== undefined ? { now } : {}),
    palette: settings.palette ?? null,
    profile: profile ? { suitedNecklines: profile.suitedNecklines, avoidNecklines: profile.avoidNecklines } : null,
  };
  return { context, problems };
}

/** "work · autumn · 8 °C · rain · women · not worn in 7 days", or "any day". */
export function describeContext(c: OutfitContext): string {
  const parts: string[] = [];
  if (c.occasion) parts.push(c.occasion);
  if (c.season) parts.push(c.season);
  else if (c.hemisphere) parts.push(seasonOf(c.now ?? Date.now(), c.hemisphere));
  if (c.temperatureC != null) parts.push(`${c.temperatureC} °C${c.feel ? ` (you run ${c.feel})` : ""}`);
  if (c.rain) parts.push("rain");
  if (c.gender) parts.push(c.gender === "unisex" ? "unisex only" : c.gender);
  if (c.notWornDays) parts.push(`not worn in ${c.notWornDays} days`);
  return parts.length ? parts.join(" · ") : "any day";
}
