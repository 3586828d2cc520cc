// Prometheus text exposition (format 0.0.4) without a client library: a few counters,
// one histogram and gauges read at scrape time. Route labels are route templates
// ("/v1/products/:id"), never raw paths, so a scanner cannot blow up the series count.

type Labels = Record<string, string>;

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Label values escape backslash, double quote and newline, as the format requires. */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

function num(v: number): string {
  return Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : v < 0 ? "-Inf" : "NaN";
}

class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${labelText(labels)} ${num(value)}`);
    return lines;
  }
}

class Histogram {
  private readonly series = new Map<string, { labels: Labels; buckets: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly bounds: number[],
  ) {}

  observe(labels: Labels, v: number): void {
    const key = labelText(labels);
    const s = this.series.get(key) ?? { labels, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
    this.bounds.forEach((b, i) => {
      if (v <= b) s.buckets[i]!++;
    });
    s.sum += v;
    s.count++;
    this.series.set(key, s);
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      this.bounds.forEach((b, i) => lines.push(`${this.name}_bucket${labelText({ ...labels, le: String(b) })} ${buckets[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: "+Inf" })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${num(sum)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines;
  }
}

function gauge(name: string, help: string, value: number): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${num(value)}`];
}

export interface GaugeReadings {
  catalogProducts: number;
  indexReady: boolean;
  pendingQueries: number;
  maxPendingQueries: number;
  rateLimitClients: number;
}

export class Metrics {
  private readonly started = Date.now();
  readonly requests = new Counter("curator_api_requests_total", "HTTP requests by route template, method and status.");
  readonly duration = new Histogram("curator_api_request_duration_seconds", "Time from request to response by route template.", DURATION_BUCKETS);
  readonly queries = new Counter("curator_api_search_queries_total", "Search queries answered, by mode (single request or inside a batch).");
  readonly invalid = new Counter("curator_api_invalid_requests_total", "Requests refused as invalid, by error code.");
  readonly connectionErrors = new Counter(
    "curator_api_connection_errors_total",
    "Connections cut off before a request reached the handler, by reason (request_timeout, headers_too_large, malformed, over_max_connections).",
  );

  record(route: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ route, method, status: String(status) });
    this.duration.observe({ route }, seconds);
  }

  render(g: GaugeReadings): string {
    const lines = [
      ...this.requests.render(),
      ...this.duration.render(),
      ...this.queries.render(),
      ...this.invalid.render(),
      ...this.connectionErrors.render(),
      ...gauge("curator_api_catalog_products", "Products in the loaded catalog (0 until loaded).", g.catalogProducts),
      ...gauge("curator_api_index_ready", "1 when the catalog is loaded and the search index built.", g.indexReady ? 1 : 0),
      ...gauge("curator_api_pending_queries", "Search queries admitted and not yet answered (queued or running).", g.pendingQueries),
      ...gauge("curator_api_max_pending_queries", "The cap on pending queries; past it searches get 503 overloaded.", g.maxPendingQueries),
      ...gauge("curator_api_rate_limit_clients", "Client addresses with a rate-limit bucket in memory.", g.rateLimitClients),
      ...gauge("process_uptime_seconds", "Seconds since the API started.", (Date.now() - this.started) / 1000),
      ...gauge("process_resident_memory_bytes", "Resident memory of the process.", process.memoryUsage.rss()),
    ];
    return lines.join("\n") + "\n";
  }
}
