// The Prometheus text of a Metrics object, line by line, for traffic whose counts are known
// (no server: the HTTP side is api/metrics.test.ts).
import { describe, expect, it, vi } from "vitest";
import { Metrics, type GaugeReadings } from "./metrics";

const gauges: GaugeReadings = { catalogProducts: 60000, indexReady: true, pendingQueries: 3, maxPendingQueries: 256, rateLimitClients: 7 };
const BOUNDS = ["0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5"];

function lines(m: Metrics, g: GaugeReadings = gauges): string[] {
  const text = m.render(g);
  expect(text.endsWith("\n")).toBe(true);
  return text.slice(0, -1).split("\n");
}

describe("Metrics.render", () => {
  it("gives every family its HELP and TYPE, and the gauges their readings, with no traffic", () => {
    const out = lines(new Metrics());
    const families = out.filter((l) => l.startsWith("# TYPE ")).map((l) => l.slice(7));
    expect(families).toEqual([
      "curator_api_requests_total counter",
      "curator_api_request_duration_seconds histogram",
      "curator_api_search_queries_total counter",
      "curator_api_invalid_requests_total counter",
      "curator_api_connection_errors_total counter",
      "curator_api_catalog_products gauge",
      "curator_api_index_ready gauge",
      "curator_api_pending_queries gauge",
      "curator_api_max_pending_queries gauge",
      "curator_api_rate_limit_clients gauge",
      "process_uptime_seconds gauge",
      "process_resident_memory_bytes gauge",
    ]);
    // Each TYPE line follows its family's HELP line, which says something.
    for (const f of families) expect(out[out.indexOf(`# TYPE ${f}`) - 1], f).toMatch(new RegExp(`^# HELP ${f.split(" ")[0]} \\S+ \\S+`));
    expect(out.filter((l) => l.startsWith("# HELP ")).length).toBe(families.length);
    const samples = out.filter((l) => !l.startsWith("#"));
    expect(samples.slice(0, 5)).toEqual([
      "curator_api_catalog_products 60000",
      "curator_api_index_ready 1",
      "curator_api_pending_queries 3",
      "curator_api_max_pending_queries 256",
      "curator_api_rate_limit_clients 7",
    ]);
    expect(samples[5]).toMatch(/^process_uptime_seconds \d+(\.\d+)?$/);
    expect(samples[6]).toMatch(/^process_resident_memory_bytes \d+$/);
    expect(Number(samples[6]!.split(" ")[1])).toBeGreaterThan(1e6);
    expect(samples).toHaveLength(7);
    expect(lines(new Metrics(), { ...gauges, indexReady: false })).toContain("curator_api_index_ready 0");
  });

  it("counts requests per route, method and status, and times them per route", () => {
    const m = new Metrics();
    m.record("/v1/search", "POST", 200, 0.004);
    m.record("/v1/search", "POST", 200, 0.005); // exactly on a bound: in that bucket
    m.record("/v1/search", "POST", 400, 0.02);
    m.record("/v1/search", "POST", 200, 7); // past the last bound: only in +Inf
    m.record("/healthz", "GET", 200, 0.0001);
    const out = lines(m);
    expect(out.filter((l) => l.startsWith("curator_api_requests_total{"))).toEqual([
      'curator_api_requests_total{route="/v1/search",method="POST",status="200"} 3',
      'curator_api_requests_total{route="/v1/search",method="POST",status="400"} 1',
      'curator_api_requests_total{route="/healthz",method="GET",status="200"} 1',
    ]);
    const search = out.filter((l) => l.startsWith('curator_api_request_duration_seconds_bucket{route="/v1/search"'));
    const cumulative = [0, 0, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3];
    expect(search).toEqual([
      ...BOUNDS.map((b, i) => `curator_api_request_duration_seconds_bucket{route="/v1/search",le="${b}"} ${cumulative[i]}`),
      'curator_api_request_duration_seconds_bucket{route="/v1/search",le="+Inf"} 4',
    ]);
    const sum = out.find((l) => l.startsWith('curator_api_request_duration_seconds_sum{route="/v1/search"}'))!;
    expect(Number(sum.split(" ")[1])).toBeCloseTo(7.029, 9);
    expect(out).toContain('curator_api_request_duration_seconds_count{route="/v1/search"} 4');
    expect(out).toContain('curator_api_request_duration_seconds_bucket{route="/healthz",le="0.001"} 1');
    expect(out).toContain('curator_api_request_duration_seconds_count{route="/healthz"} 1');
    // The histogram's lines follow its HELP and TYPE, series by series.
    const at = out.indexOf("# TYPE curator_api_request_duration_seconds histogram");
    expect(out[at + 1]).toBe('curator_api_request_duration_seconds_bucket{route="/v1/search",le="0.001"} 0');
    expect(out[at + 14]).toBe('curator_api_request_duration_seconds_sum{route="/v1/search"} ' + sum.split(" ")[1]);
    expect(out[at + 15]).toBe('curator_api_request_duration_seconds_count{route="/v1/search"} 4');
    expect(out[at + 16]).toBe('curator_api_request_duration_seconds_bucket{route="/healthz",le="0.001"} 1');
  });

  it("adds to a counter by any step, escapes label values, and writes infinities and NaN the Prometheus way", () => {
    const m = new Metrics();
    m.queries.inc({ mode: "batch" }, 32);
    m.queries.inc({ mode: "batch" });
    m.queries.inc({ mode: "single" });
    m.invalid.inc({ reason: 'say "hi"\\\n' });
    m.connectionErrors.inc({ reason: "request_timeout" }, Infinity);
    m.record("/x", "GET", 200, NaN);
    m.record("/y", "GET", 200, -Infinity);
    const out = lines(m);
    expect(out).toContain('curator_api_search_queries_total{mode="batch"} 33');
    expect(out).toContain('curator_api_search_queries_total{mode="single"} 1');
    expect(out).toContain('curator_api_invalid_requests_total{reason="say \\"hi\\"\\\\\\n"} 1');
    expect(out).toContain('curator_api_connection_errors_total{reason="request_timeout"} +Inf');
    expect(out).toContain('curator_api_request_duration_seconds_sum{route="/x"} NaN');
    expect(out).toContain('curator_api_request_duration_seconds_sum{route="/y"} -Inf');
    expect(out).toContain('curator_api_request_duration_seconds_bucket{route="/y",le="0.001"} 1');
  });

  it("reports uptime from when the metrics began", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const m = new Metrics();
      vi.setSystemTime(1_000_000 + 90_500);
      expect(lines(m)).toContain("process_uptime_seconds 90.5");
    } finally {
      vi.useRealTimers();
    }
  });
});
