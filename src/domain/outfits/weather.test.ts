import { describe, expect, it } from "vitest";
import {
  describeForecast,
  dressingWeather,
  forecastAge,
  forecastForToday,
  forecastUrl,
  geocodingUrl,
  parseForecast,
  parsePlaces,
  WeatherFormatError,
  type DayForecast,
} from "./weather";

// An answer as Open-Meteo gives it for /v1/forecast?daily=…&timezone=auto&forecast_days=1.
const answer = (daily: Record<string, unknown[]>) => ({
  latitude: 52.52,
  longitude: 13.419998,
  generationtime_ms: 0.05,
  utc_offset_seconds: 3600,
  timezone: "Europe/Berlin",
  timezone_abbreviation: "CET",
  elevation: 38,
  daily_units: {
    time: "iso8601",
    temperature_2m_max: "°C",
    temperature_2m_min: "°C",
    precipitation_probability_max: "%",
    precipitation_sum: "mm",
    weather_code: "wmo code",
  },
  daily: { time: ["2026-11-12"], ...daily },
});

const day = (over: Partial<DayForecast> = {}): DayForecast => ({
  date: "2026-11-12",
  minC: 4,
  maxC: 11,
  precipitationChance: 10,
  precipitationMm: 0,
  weatherCode: 3,
  ...over,
});

describe("Open-Meteo requests", () => {
  it("asks for today's daily forecast at the place rounded to about 1 km", () => {
    const u = new URL(forecastUrl("https://api.open-meteo.com/v1/forecast", { latitude: 52.520071, longitude: 13.404954 }));
    expect(u.origin + u.pathname).toBe("https://api.open-meteo.com/v1/forecast");
    expect(u.searchParams.get("latitude")).toBe("52.52");
    expect(u.searchParams.get("longitude")).toBe("13.4");
    expect(u.searchParams.get("daily")).toBe("temperature_2m_max,temperature_2m_min,precipitation_probability_max,precipitation_sum,weather_code");
    expect(u.searchParams.get("forecast_days")).toBe("1");
    expect(u.searchParams.get("timezone")).toBe("auto");
  });

  it("searches a typed place by name (trimmed, encoded)", () => {
    const u = new URL(geocodingUrl("http://127.0.0.1:9/v1/search", "  São Paulo "));
    expect(u.searchParams.get("name")).toBe("São Paulo");
    expect(u.searchParams.get("count")).toBe("5");
  });
});

describe("reading a forecast", () => {
  it("takes today's range, chance and amount of rain and the weather code", () => {
    const d = parseForecast(
      answer({ temperature_2m_max: [11.4], temperature_2m_min: [3.6], precipitation_probability_max: [80], precipitation_sum: [4.2], weather_code: [61] }),
    );
    expect(d).toEqual({ date: "2026-11-12", minC: 3.6, maxC: 11.4, precipitationChance: 80, precipitationMm: 4.2, weatherCode: 61 });
  });

  it("missing optional fields become null; impossible values are dropped, not used", () => {
    const d = parseForecast(answer({ temperature_2m_max: [20], temperature_2m_min: [12], precipitation_probability_max: [null], weather_code: [250] }));
    expect(d).toMatchObject({ precipitationChance: null, precipitationMm: null, weatherCode: null });
  });

  it.each([
    ["not an object", []],
    ["an API error", { error: true, reason: "Latitude must be in range of -90 to 90°." }],
    ["no daily block", { current: {} }],
    ["no date", { daily: { temperature_2m_max: [1], temperature_2m_min: [0] } }],
    ["a string temperature", answer({ temperature_2m_max: ["11"], temperature_2m_min: [3] })],
    ["min above max", answer({ temperature_2m_max: [3], temperature_2m_min: [11] })],
  ])("refuses %s with a clear error", (_name, json) => {
    expect(() => parseForecast(json)).toThrow(WeatherFormatError);
  });

  it("an API error's reason is in the message", () => {
    expect(() => parseForecast({ error: true, reason: "Latitude must be in range" })).toThrow(/Latitude must be in range/);
  });
});

describe("places", () => {
  it("names places with their region and country, skipping broken entries", () => {
    const places = parsePlaces({
      results: [
        { id: 1, name: "Berlin", latitude: 52.52437, longitude: 13.41053, country: "Germany", admin1: "Land Berlin" },
        { id: 2, name: "Broken", latitude: "x", longitude: 1 },
        { id: 3, name: "Berlin", latitude: 44.46867, longitude: -71.18508, country: "United States", admin1: "New Hampshire" },
      ],
    });
    expect(places.map((p) => p.name)).toEqual(["Berlin, Land Berlin, Germany", "Berlin, New Hampshire, United States"]);
  });
  it("no results is an empty list, not an error", () => expect(parsePlaces({ generationtime_ms: 0.4 })).toEqual([]));
});

describe("what the day means for dressing", () => {
  it("the middle of the day's range, rounded", () => expect(dressingWeather(day({ minC: 3.6, maxC: 11.4 })).temperatureC).toBe(8));
  it("rain from a 50 % chance or 1 mm, not from a passing 20 %", () => {
    expect(dressingWeather(day({ precipitationChance: 50 })).rain).toBe(true);
    expect(dressingWeather(day({ precipitationChance: 20, precipitationMm: 1.5 })).rain).toBe(true);
    expect(dressingWeather(day({ precipitationChance: 20, precipitationMm: 0.2 })).rain).toBe(false);
  });
  it("with no chance or amount, the weather code decides (snow counts: boots and a coat)", () => {
    expect(dressingWeather(day({ precipitationChance: null, precipitationMm: null, weatherCode: 73 })).rain).toBe(true);
    expect(dressingWeather(day({ precipitationChance: null, precipitationMm: null, weatherCode: 2 })).rain).toBe(false);
  });
  it("in words", () => {
    expect(describeForecast(day({ minC: 3.6, maxC: 11.4, precipitationChance: 80, weatherCode: 61 }))).toBe("4–11 °C, rain (80 % chance)");
    expect(describeForecast(day({ weatherCode: 0, precipitationChance: 0 }))).toBe("4–11 °C, clear sky, dry");
    expect(describeForecast(day({ weatherCode: 3, precipitationChance: 70 }))).toBe("4–11 °C, overcast, rain likely (70 % chance)");
    expect(describeForecast(day({ weatherCode: 51, precipitationChance: 20 }))).toBe("4–11 °C, drizzle possible (20 % chance)");
  });
});

describe("the forecast's age and whether it is today's", () => {
  const now = Date.UTC(2026, 10, 12, 12);
  it.each([
    [now - 20_000, "just now"],
    [now - 60_000, "1 minute ago"],
    [now - 12 * 60_000, "12 minutes ago"],
    [now - 3 * 3_600_000, "3 hours ago"],
    [now - 49 * 3_600_000, "2 days ago"],
  ])("%s → %s", (at, words) => expect(forecastAge(at, now)).toBe(words));

  const place = { name: "Berlin", latitude: 52.52, longitude: 13.41 };
  const cached = { place, fetchedAt: now, day: day() };
  it("used only for the same place and today's date", () => {
    expect(forecastForToday(cached, place, "2026-11-12")).toBe(cached);
    expect(forecastForToday(cached, place, "2026-11-13")).toBeNull();
    expect(forecastForToday(cached, { ...place, latitude: 48.85 }, "2026-11-12")).toBeNull();
    expect(forecastForToday(cached, null, "2026-11-12")).toBeNull();
  });
});
