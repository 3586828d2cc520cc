import "fake-indexeddb/auto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { OPEN_METEO_FORECAST, OPEN_METEO_GEOCODING } from "@domain/outfits/weather";
import { freshDatabasePerTest } from "./backupTestkit";
import { getSetting } from "./settings";
import { findPlaces, loadWeather, refreshForecast, setWeather, setWeatherService, WEATHER_TIMEOUT_MS, WeatherError } from "./weather";

freshDatabasePerTest();

// A real HTTP server on localhost standing in for Open-Meteo: each test says what it answers.
type Answer = { status?: number; statusText?: string; body: string } | "hang" | "drop";
let answer: Answer = { body: "{}" };
let asked: IncomingMessage[] = [];
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(req);
    if (answer === "hang") return;
    if (answer === "drop") return void req.socket.destroy();
    res.writeHead(answer.status ?? 200, answer.statusText ?? "", { "content-type": "application/json" });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  asked = [];
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const place = { name: "Lyon, Auvergne-Rhône-Alpes, France", latitude: 45.7578137, longitude: 4.8320114 };
const day = {
  daily: {
    time: ["2026-12-07"],
    temperature_2m_max: [9.5],
    temperature_2m_min: [2.1],
    precipitation_probability_max: [40],
    precipitation_sum: [1.2],
    weather_code: [61],
  },
};
const useLocalService = () => setWeatherService({ forecast: `${base}/v1/forecast`, geocoding: `${base}/v1/search` });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a WeatherError");
    },
    (e: unknown) => e as WeatherError,
  );

describe("the weather settings", () => {
  it("start off, at Open-Meteo, with nothing kept; setWeather changes only what it is given", async () => {
    expect(await loadWeather()).toEqual({
      setting: { enabled: false, place: null },
      cached: null,
      service: { forecast: OPEN_METEO_FORECAST, geocoding: OPEN_METEO_GEOCODING },
    });
    expect(await setWeather({ place })).toEqual({ enabled: false, place });
    expect(await setWeather({ enabled: true })).toEqual({ enabled: true, place });
    expect(await setWeather({ enabled: false })).toEqual({ enabled: false, place });
    expect((await loadWeather()).setting).toEqual({ enabled: false, place });
  });

  it("accept only http(s) web addresses for the service, and keep the old ones after a refusal", async () => {
    await useLocalService();
    for (const [forecast, words] of [
      ["not a url", "“not a url” is not a web address."],
      ["ftp://example.com/v1/forecast", "“ftp://example.com/v1/forecast” is not an http(s) address."],
      ["javascript:alert(1)", "“javascript:alert(1)” is not an http(s) address."],
    ]) {
      const e = await failure(setWeatherService({ forecast: forecast!, geocoding: "https://example.com/search" }));
      expect(e).toBeInstanceOf(WeatherError);
      expect(e).toMatchObject({ code: "format", message: words });
    }
    const e = await failure(setWeatherService({ forecast: "https://example.com/f", geocoding: "file:///etc/passwd" }));
    expect(e.message).toBe("“file:///etc/passwd” is not an http(s) address.");
    expect((await loadWeather()).service).toEqual({ forecast: `${base}/v1/forecast`, geocoding: `${base}/v1/search` });
    await setWeatherService({ forecast: "https://a.example/f", geocoding: "http://b.example/g" });
    expect((await loadWeather()).service).toEqual({ forecast: "https://a.example/f", geocoding: "http://b.example/g" });
  });
});

describe("refreshForecast", () => {
  it("asks the service set in Settings for today at the rounded place, sends no cookies or referrer, and keeps the answer with its time", async () => {
    await useLocalService();
    answer = { body: JSON.stringify(day) };
    const got = await refreshForecast(place, { now: () => 1_765_000_000_000 });
    const expected = {
      place,
      fetchedAt: 1_765_000_000_000,
      day: { date: "2026-12-07", minC: 2.1, maxC: 9.5, precipitationChance: 40, precipitationMm: 1.2, weatherCode: 61 },
    };
    expect(got).toEqual(expected);
    expect(await getSetting("device:weather-cache")).toEqual(expected);
    expect(asked).toHaveLength(1);
    const url = new URL(asked[0]!.url!, base);
    expect(url.pathname).toBe("/v1/forecast");
    expect(url.searchParams.get("latitude")).toBe("45.76");
    expect(url.searchParams.get("longitude")).toBe("4.83");
    expect(asked[0]!.headers.accept).toBe("application/json");
    expect(asked[0]!.headers.cookie).toBeUndefined();
    expect(asked[0]!.headers.referer).toBeUndefined();
  });

  it("says what went wrong, in the user's words, and keeps the last forecast when the service fails", async () => {
    await useLocalService();
    answer = { body: JSON.stringify(day) };
    const kept = await refreshForecast(place, { now: () => 1 });
    const cases: [Answer, string, string][] = [
      [{ status: 503, statusText: "Service Unavailable", body: "{}" }, "http", "The weather service answered 503 Service Unavailable."],
      [{ status: 404, body: "{}" }, "http", "The weather service answered 404."],
      [{ body: "<html>captive portal</html>" }, "format", "The weather service's answer is not JSON."],
      [{ body: " ".repeat(256 * 1024 + 1) }, "format", "The weather service's answer is far larger than a forecast."],
      [
        { body: JSON.stringify({ error: true, reason: "Latitude must be in range" }) },
        "format",
        "The weather service answered in an unexpected format (Latitude must be in range).",
      ],
      [{ body: JSON.stringify({ daily: {} }) }, "format", "The weather service answered in an unexpected format (no date)."],
      ["drop", "unreachable", `The weather service (${new URL(base).host}) could not be reached.`],
    ];
    for (const [a, code, message] of cases) {
      answer = a;
      const e = await failure(refreshForecast(place, { now: () => 2 }));
      expect(e, message).toBeInstanceOf(WeatherError);
      expect({ code: e.code, message: e.message }).toEqual({ code, message });
    }
    // An answer just under the size limit is read (and here refused only for its content).
    answer = { body: JSON.stringify(day) + " ".repeat(256 * 1024 - JSON.stringify(day).length) };
    expect((await refreshForecast(place, { now: () => 3 })).fetchedAt).toBe(3);
    answer = { status: 500, body: "{}" };
    await failure(refreshForecast(place));
    expect((await getSetting("device:weather-cache"))?.fetchedAt).toBe(3);
    expect(kept.fetchedAt).toBe(1);
  });

  it("does not ask at all while the device is offline", async () => {
    await useLocalService();
    vi.stubGlobal("navigator", { onLine: false });
    const e = await failure(refreshForecast(place));
    expect(e).toMatchObject({ code: "offline", message: "You are offline: the forecast cannot be read now." });
    expect(asked).toHaveLength(0);
  });

  it("gives up after the time limit as 'timeout'; the caller's own cancel passes through as the abort it is", async () => {
    await useLocalService();
    answer = "hang";
    const controller = new AbortController();
    const cancelled = failure(refreshForecast(place, { signal: controller.signal }));
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    controller.abort();
    const e = await cancelled;
    expect(e).not.toBeInstanceOf(WeatherError);
    expect((e as Error).name).toBe("AbortError");

    // The time limit: AbortSignal.timeout runs on the real clock, so the limit is shortened by
    // making the signal one that has already timed out.
    const realTimeout = AbortSignal.timeout.bind(AbortSignal);
    const seen: number[] = [];
    vi.spyOn(AbortSignal, "timeout").mockImplementation((ms: number) => {
      seen.push(ms);
      return realTimeout(1);
    });
    const timedOut = await failure(refreshForecast(place));
    expect(timedOut).toMatchObject({ code: "timeout", message: "The weather service did not answer within 10 s." });
    expect(seen).toEqual([WEATHER_TIMEOUT_MS]);
  });
});

describe("findPlaces", () => {
  it("asks the geocoding address for the typed name and gives at most five places, best first", async () => {
    await useLocalService();
    const results = Array.from({ length: 7 }, (_, i) => ({
      name: `Springfield ${i + 1}`,
      admin1: "State",
      country: "Country",
      latitude: 40 + i,
      longitude: -80 - i,
    }));
    answer = { body: JSON.stringify({ results }) };
    const places = await findPlaces("  Springfield ");
    expect(places.map((p) => p.name)).toEqual([1, 2, 3, 4, 5].map((i) => `Springfield ${i}, State, Country`));
    expect(places[0]).toEqual({ name: "Springfield 1, State, Country", latitude: 40, longitude: -80 });
    // (The previous test's abandoned request may still reach the server: count searches only.)
    const searches = asked.map((r) => new URL(r.url!, base)).filter((u) => u.pathname === "/v1/search");
    expect(searches).toHaveLength(1);
    expect(searches[0]!.searchParams.get("name")).toBe("Springfield");
    answer = { body: JSON.stringify({ results: "nope" }) };
    expect(await failure(findPlaces("x"))).toMatchObject({
      code: "format",
      message: "The weather service answered in an unexpected format (results is not a list).",
    });
    answer = { body: "{}" };
    expect(await findPlaces("Nowhere at all")).toEqual([]);
    vi.stubGlobal("navigator", { onLine: false });
    expect(await failure(findPlaces("x"))).toMatchObject({ code: "offline", message: "You are offline: the place search cannot be read now." });
  });
});
