// /metrics is valid Prometheus text and its counters follow the traffic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeLabel } from "./metrics";
import type { RunningServer } from "./node";
import { catalogPresent, manifestEmbedder, parseMetrics, postJson, readyServer, sampleValue } from "./testkit";

describe("metric label escaping", () => {
  it("escapes backslash, quote and newline as the exposition format requires", () => {
    expect(escapeLabel('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });
});

describe.skipIf(!catalogPresent)("/metrics over HTTP", () => {
  let server: RunningServer;
  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    return parseMetrics(await res.text());
  };

  beforeAll(async () => {
    server = await readyServer(8793);
  });
  afterAll(() => server?.close());

  it("has HELP and TYPE for every family and the gauges of a ready catalog", async () => {
    const { samples, types } = await scrape();
    for (const [name, type] of [
      ["curator_api_requests_total", "counter"],
      ["curator_api_request_duration_seconds", "histogram"],
      ["curator_api_catalog_products", "gauge"],
      ["curator_api_index_ready", "gauge"],
      ["process_uptime_seconds", "gauge"],
      ["process_resident_memory_bytes", "gauge"],
    ]) {
      expect(types.get(name!), name).toBe(type);
    }
    expect(sampleValue(samples, "curator_api_catalog_products", {})).toBe(
      server.api.service.state.status === "ready" ? server.api.service.state.manifest.count : -1,
    );
    expect(sampleValue(samples, "curator_api_index_ready", {})).toBe(1);
    expect(sampleValue(samples, "process_resident_memory_bytes", {})).toBeGreaterThan(1e6);
  });

  it("counts requests by route and status, queries by mode, invalid requests by reason", async () => {
    const embedder = manifestEmbedder();
    const q = { embedding: Array.from({ length: 128 }, (_, i) => Math.sin(i)), embedder };
    const before = (await scrape()).samples;
    await postJson(`${server.url}/v1/search`, q);
    await postJson(`${server.url}/v1/search`, q);
    await postJson(`${server.url}/v1/search/batch`, { queries: [q, q, q] });
    await postJson(`${server.url}/v1/search`, { ...q, k: 0 });
    await postJson(`${server.url}/v1/search`, "{");
    await fetch(`${server.url}/v1/products/fm-train-000001`);
    const after = (await scrape()).samples;
    const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta("curator_api_requests_total", { route: "/v1/search", method: "POST", status: "200" })).toBe(2);
    expect(delta("curator_api_requests_total", { route: "/v1/search", method: "POST", status: "400" })).toBe(2);
    expect(delta("curator_api_requests_total", { route: "/v1/search/batch", method: "POST", status: "200" })).toBe(1);
    expect(delta("curator_api_requests_total", { route: "/v1/products/:id", method: "GET", status: "200" })).toBe(1);
    expect(delta("curator_api_search_queries_total", { mode: "single" })).toBe(2);
    expect(delta("curator_api_search_queries_total", { mode: "batch" })).toBe(3);
    expect(delta("curator_api_invalid_requests_total", { reason: "invalid_request" })).toBe(1);
    expect(delta("curator_api_invalid_requests_total", { reason: "invalid_json" })).toBe(1);
    expect(delta("curator_api_request_duration_seconds_count", { route: "/v1/search" })).toBe(4);
  });

  it("has cumulative histogram buckets ending in +Inf = count", async () => {
    const { samples } = await scrape();
    const buckets = samples.filter((s) => s.name === "curator_api_request_duration_seconds_bucket" && s.labels.route === "/metrics");
    expect(buckets.length).toBeGreaterThan(3);
    const counts = buckets.map((b) => b.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(buckets.at(-1)!.labels.le).toBe("+Inf");
    expect(counts.at(-1)).toBe(sampleValue(samples, "curator_api_request_duration_seconds_count", { route: "/metrics" }));
  });
});
