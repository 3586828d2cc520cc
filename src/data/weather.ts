/**
 * Today's weather on the device: the "use today's weather" setting, the forecast read
 * from Open-Meteo (or the address Settings gives) and the last one kept in IndexedDB
 * with its time, for offline use. Only the place's coordinates (rounded to about 1 km)
 * or the typed place name leave the device, and only when the user turned this on.
 */
import { forecastUrl, geocodingUrl, parseForecast, parsePlaces, WeatherFormatError, type CachedForecast, type WeatherPlace } from "@domain/outfits/weather";
import { getSetting, setSetting, updateSetting } from "./settings";
import type { WeatherService, WeatherSetting } from "./settings/registry";

export type { WeatherService, WeatherSetting } from "./settings/registry";

export type WeatherErrorCode = "offline" | "timeout" | "unreachable" | "http" | "format";

/** A forecast or place search that did not work, with a message for the user. */
export class WeatherError extends Error {
  constructor(
    readonly code: WeatherErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "WeatherError";
  }
}

export const WEATHER_TIMEOUT_MS = 10_000;
/** An Open-Meteo answer for one day is about 1 KB. */
const MAX_CHARS = 256 * 1024;

/** Everything the weather panel shows, in one read (a live query re-runs it when a setting changes). */
export interface WeatherState {
  setting: WeatherSetting;
  cached: CachedForecast | null;
  service: WeatherService;
}

export async function loadWeather(): Promise<WeatherState> {
  const [setting, cached, service] = await Promise.all([
    getSetting("device:weather"),
    getSetting("device:weather-cache"),
    getSetting("device:weather-service"),
  ]);
  return { setting, cached, service };
}

const online = () => typeof navigator === "undefined" || navigator.onLine !== false;

async function getJson(url: string, what: string, signal?: AbortSignal): Promise<unknown> {
  if (!online()) throw new WeatherError("offline", `You are offline: the ${what} cannot be read now.`);
  const timeout = AbortSignal.timeout(WEATHER_TIMEOUT_MS);
  const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, { signal: both, credentials: "omit", referrerPolicy: "no-referrer", headers: { accept: "application/json" } });
  } catch (e) {
    if (timeout.aborted) throw new WeatherError("timeout", `The weather service did not answer within ${WEATHER_TIMEOUT_MS / 1000} s.`, { cause: e });
    if (signal?.aborted) throw e;
    throw new WeatherError("unreachable", `The weather service (${new URL(url).host}) could not be reached.`, { cause: e });
  }
  const text = await res.text();
  if (!res.ok) throw new WeatherError("http", `The weather service answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}.`);
  if (text.length > MAX_CHARS) throw new WeatherError("format", "The weather service's answer is far larger than a forecast.");
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new WeatherError("format", "The weather service's answer is not JSON.", { cause: e });
  }
}

function asFormatError(e: unknown): unknown {
  return e instanceof WeatherFormatError ? new WeatherError("format", e.message, { cause: e }) : e;
}

/** Reads today's forecast for the place and keeps it (with its time) as the last forecast. */
export async function refreshForecast(place: WeatherPlace, options: { signal?: AbortSignal; now?: () => number } = {}): Promise<CachedForecast> {
  const service = await getSetting("device:weather-service");
  const json = await getJson(forecastUrl(service.forecast, place), "forecast", options.signal);
  let day;
  try {
    day = parseForecast(json);
  } catch (e) {
    throw asFormatError(e);
  }
  const cached: CachedForecast = { place, fetchedAt: (options.now ?? Date.now)(), day };
  await setSetting("device:weather-cache", cached);
  return cached;
}

/** Places matching a typed name (up to 5), best first. */
export async function findPlaces(name: string, signal?: AbortSignal): Promise<WeatherPlace[]> {
  const service = await getSetting("device:weather-service");
  const json = await getJson(geocodingUrl(service.geocoding, name), "place search", signal);
  try {
    return parsePlaces(json).slice(0, 5);
  } catch (e) {
    throw asFormatError(e);
  }
}

/** Turns weather on for a place (or off, keeping the place for next time). */
export function setWeather(change: Partial<WeatherSetting>): Promise<WeatherSetting> {
  return updateSetting("device:weather", (current) => ({ ...current, ...change }));
}

/** Saves the service addresses after checking they are http(s) URLs. */
export async function setWeatherService(service: WeatherService): Promise<void> {
  for (const url of [service.forecast, service.geocoding]) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new WeatherError("format", `“${url}” is not a web address.`);
    }
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new WeatherError("format", `“${url}” is not an http(s) address.`);
  }
  await setSetting("device:weather-service", service);
}
