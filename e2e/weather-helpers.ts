import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Open-Meteo (weather.spec.ts, a11y.spec.ts): /v1/forecast (daily,
 * one day) and /v1/search (geocoding), in its response format, with CORS as Open-Meteo
 * sends it. "Bergen" is found (two places); Bergen (60.39 N) gets 3–9 °C and rain, any
 * other place 15–25 °C and clear sky. Records every request.
 */
export type Mode = "ok" | "fail" | "yesterday";

export async function startOpenMeteo() {
  const state = { mode: "ok" as Mode, requests: [] as URL[] };
  const localDay = (offset: number) => {
    const d = new Date(Date.now() + offset * 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "access-control-allow-origin": "*" });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    state.requests.push(url);
    if (url.pathname === "/v1/search") {
      const name = url.searchParams.get("name") ?? "";
      if (!/^bergen$/i.test(name)) return send(res, 200, { generationtime_ms: 0.3 });
      return send(res, 200, {
        results: [
          { id: 3161732, name: "Bergen", latitude: 60.39299, longitude: 5.32415, country: "Norway", admin1: "Vestland", timezone: "Europe/Oslo" },
          { id: 2950438, name: "Bergen", latitude: 54.41702, longitude: 13.43288, country: "Germany", admin1: "Mecklenburg-Vorpommern" },
        ],
        generationtime_ms: 0.6,
      });
    }
    if (url.pathname !== "/v1/forecast") return send(res, 404, { error: true, reason: "Not found" });
    if (state.mode === "fail") return send(res, 500, { error: true, reason: "Internal error" });
    const bergen = url.searchParams.get("latitude") === "60.39";
    return send(res, 200, {
      latitude: Number(url.searchParams.get("latitude")),
      longitude: Number(url.searchParams.get("longitude")),
      generationtime_ms: 0.05,
      utc_offset_seconds: 3600,
      timezone: "Europe/Oslo",
      timezone_abbreviation: "CET",
      elevation: 12,
      daily_units: { time: "iso8601", temperature_2m_max: "°C", temperature_2m_min: "°C", precipitation_probability_max: "%", precipitation_sum: "mm" },
      daily: {
        time: [localDay(state.mode === "yesterday" ? -1 : 0)],
        temperature_2m_max: [bergen ? 9.4 : 24.6],
        temperature_2m_min: [bergen ? 2.6 : 15.2],
        precipitation_probability_max: [bergen ? 90 : 5],
        precipitation_sum: [bergen ? 12.5 : 0],
        weather_code: [bergen ? 63 : 0],
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { state, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}
