/**
 * Today's weather for the outfit context, from Open-Meteo's public API (no key):
 * the request URLs, a strict reading of its JSON (a changed or broken answer is
 * refused, never half-used), what the day means for dressing (a temperature and
 * "rain"), and the words for a forecast's age. Pure: the fetch and the cache live in
 * src/data/weather.ts.
 */
import { isNum, isRec } from "../json";

export const OPEN_METEO_FORECAST = "https://api.open-meteo.com/v1/forecast";
export const OPEN_METEO_GEOCODING = "https://geocoding-api.open-meteo.com/v1/search";

/** A place the forecast is for: a typed place's name, or "your location". */
export interface WeatherPlace {
  name: string;
  latitude: number;
  longitude: number;
}

/** One day's forecast, as Open-Meteo gave it (null where it gave nothing). */
export interface DayForecast {
  /** YYYY-MM-DD in the place's own time zone. */
  date: string;
  minC: number;
  maxC: number;
  /** Highest chance of precipitation in the day, 0–100. */
  precipitationChance: number | null;
  precipitationMm: number | null;
  /** WMO weather code (0 clear … 99 thunderstorm with hail). */
  weatherCode: number | null;
}

/** A forecast as kept on the device: for where, and when it was read. */
export interface CachedForecast {
  place: WeatherPlace;
  fetchedAt: number;
  day: DayForecast;
}

/**
 * Coordinates go out rounded to 0.01° (about 1 km): enough for a forecast, less
 * precise than where the user stands.
 */
export const roundCoordinate = (x: number) => Math.round(x * 100) / 100;

export function isPlace(v: unknown): v is WeatherPlace {
  return (
    isRec(v) &&
    typeof v.name === "string" &&
    v.name.length > 0 &&
    v.name.length <= 200 &&
    isNum(v.latitude) &&
    Math.abs(v.latitude) <= 90 &&
    isNum(v.longitude) &&
    Math.abs(v.longitude) <= 180
  );
}

const DAILY = ["temperature_2m_max", "temperature_2m_min", "precipitation_probability_max", "precipitation_sum", "weather_code"] as const;

/** The forecast request for today at a place (base: Open-Meteo's /v1/forecast or a stand-in). */
export function forecastUrl(base: string, place: Pick<WeatherPlace, "latitude" | "longitude">): string {
  const u = new URL(base);
  u.searchParams.set("latitude", String(roundCoordinate(place.latitude)));
  u.searchParams.set("longitude", String(roundCoordinate(place.longitude)));
  u.searchParams.set("daily", DAILY.join(","));
  u.searchParams.set("timezone", "auto");
  u.searchParams.set("forecast_days", "1");
  return u.toString();
}

/** The place search request (Open-Meteo's geocoding API). */
export function geocodingUrl(base: string, name: string): string {
  const u = new URL(base);
  u.searchParams.set("name", name.trim());
  u.searchParams.set("count", "5");
  u.searchParams.set("language", "en");
  u.searchParams.set("format", "json");
  return u.toString();
}

/** The answer was not what Open-Meteo sends: why, in words for the user. */
export class WeatherFormatError extends Error {
  constructor(why: string) {
    super(`The weather service answered in an unexpected format (${why}).`);
    this.name = "WeatherFormatError";
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const first = (daily: Record<string, unknown>, key: string): unknown => (Array.isArray(daily[key]) ? (daily[key] as unknown[])[0] : undefined);
const numOrNull = (v: unknown) => (isNum(v) ? v : null);

/** Today from a /v1/forecast answer (its `daily` block, first day). Throws WeatherFormatError. */
export function parseForecast(json: unknown): DayForecast {
  if (!isRec(json)) throw new WeatherFormatError("not a JSON object");
  if (json.error === true) throw new WeatherFormatError(typeof json.reason === "string" ? json.reason.slice(0, 200) : "an error");
  const daily = json.daily;
  if (!isRec(daily)) throw new WeatherFormatError("no daily forecast");
  const date = first(daily, "time");
  const maxC = first(daily, "temperature_2m_max");
  const minC = first(daily, "temperature_2m_min");
  if (typeof date !== "string" || !DATE.test(date)) throw new WeatherFormatError("no date");
  if (!isNum(maxC) || !isNum(minC) || minC > maxC || minC < -90 || maxC > 60) throw new WeatherFormatError("no temperature");
  const chance = numOrNull(first(daily, "precipitation_probability_max"));
  const mm = numOrNull(first(daily, "precipitation_sum"));
  const code = numOrNull(first(daily, "weather_code"));
  return {
    date,
    minC,
    maxC,
    precipitationChance: chance !== null && chance >= 0 && chance <= 100 ? chance : null,
    precipitationMm: mm !== null && mm >= 0 ? mm : null,
    weatherCode: code !== null && Number.isInteger(code) && code >= 0 && code <= 99 ? code : null,
  };
}

/** Places from a geocoding answer, named "Berlin, Land Berlin, Germany". No `results` = nothing found. */
export function parsePlaces(json: unknown): WeatherPlace[] {
  if (!isRec(json)) throw new WeatherFormatError("not a JSON object");
  if (json.results === undefined) return [];
  if (!Array.isArray(json.results)) throw new WeatherFormatError("results is not a list");
  const places: WeatherPlace[] = [];
  for (const r of json.results.slice(0, 10)) {
    if (!isRec(r) || typeof r.name !== "string") continue;
    const parts = [r.name, r.admin1, r.country].filter((p, i, all): p is string => typeof p === "string" && p.length > 0 && all.indexOf(p) === i);
    const place = { name: parts.join(", ").slice(0, 200), latitude: r.latitude, longitude: r.longitude };
    if (isPlace(place)) places.push(place);
  }
  return places;
}

export function isDayForecast(v: unknown): v is DayForecast {
  if (!isRec(v)) return false;
  const nullableNum = (x: unknown) => x === null || isNum(x);
  return (
    typeof v.date === "string" &&
    DATE.test(v.date) &&
    isNum(v.minC) &&
    isNum(v.maxC) &&
    nullableNum(v.precipitationChance) &&
    nullableNum(v.precipitationMm) &&
    nullableNum(v.weatherCode)
  );
}

export const isCachedForecast = (v: unknown): v is CachedForecast => isRec(v) && isPlace(v.place) && isNum(v.fetchedAt) && isDayForecast(v.day);

/** WMO codes for drizzle, rain, freezing rain, snow, showers and thunderstorms. */
const WET_CODE = (c: number) => (c >= 51 && c <= 67) || (c >= 71 && c <= 77) || (c >= 80 && c <= 86) || c >= 95;
/** At least this chance (%) of precipitation, or this much of it (mm), is "rain" for what to wear. */
export const RAIN_CHANCE = 50;
export const RAIN_MM = 1;

/** What the day means for dressing: one temperature (the middle of the day's range) and whether to expect rain or snow. */
export function dressingWeather(day: DayForecast): { temperatureC: number; rain: boolean } {
  const temperatureC = Math.round((day.minC + day.maxC) / 2);
  const rain =
    day.precipitationChance !== null || day.precipitationMm !== null
      ? (day.precipitationChance ?? 0) >= RAIN_CHANCE || (day.precipitationMm ?? 0) >= RAIN_MM
      : day.weatherCode !== null && WET_CODE(day.weatherCode);
  return { temperatureC, rain };
}

const CODE_WORDS: [max: number, words: string][] = [
  [0, "clear sky"],
  [1, "mainly clear"],
  [2, "partly cloudy"],
  [3, "overcast"],
  [48, "fog"],
  [57, "drizzle"],
  [67, "rain"],
  [77, "snow"],
  [82, "rain showers"],
  [86, "snow showers"],
  [99, "thunderstorms"],
];

/** "4–11 °C, rain likely (80 %)" — the day in words. */
export function describeForecast(day: DayForecast): string {
  const range = Math.round(day.minC) === Math.round(day.maxC) ? `${Math.round(day.maxC)} °C` : `${Math.round(day.minC)}–${Math.round(day.maxC)} °C`;
  const sky = day.weatherCode !== null ? CODE_WORDS.find(([max]) => day.weatherCode! <= max)?.[1] : undefined;
  const { rain } = dressingWeather(day);
  const chance = day.precipitationChance !== null ? ` (${day.precipitationChance} % chance)` : "";
  const wetSky = day.weatherCode !== null && WET_CODE(day.weatherCode);
  const wet = wetSky ? `${sky}${rain ? "" : " possible"}${chance}` : [sky, rain ? `rain likely${chance}` : "dry"].filter(Boolean).join(", ");
  return `${range}, ${wet}`;
}

/** "just now", "12 minutes ago", "3 hours ago", "2 days ago". */
export function forecastAge(fetchedAt: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - fetchedAt) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} ${minutes === 1 ? "minute" : "minutes"} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${hours === 1 ? "hour" : "hours"} ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? "day" : "days"} ago`;
}

/** A forecast older than this is read again when the Today view opens (online). */
export const FORECAST_FRESH_MS = 60 * 60_000;

/** Whether a cached forecast is still the one to use: same place, and made for `today` (the local YYYY-MM-DD). */
export function forecastForToday(cached: CachedForecast | null, place: WeatherPlace | null, today: string): CachedForecast | null {
  if (!cached || !place) return null;
  const samePlace =
    roundCoordinate(cached.place.latitude) === roundCoordinate(place.latitude) && roundCoordinate(cached.place.longitude) === roundCoordinate(place.longitude);
  return samePlace && cached.day.date === today ? cached : null;
}
