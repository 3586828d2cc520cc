// What keeps one client (or a crowd) from taking the endpoint down: a cap on the search
// work admitted at once, and a token bucket per client address. Both count queries, not
// requests: a batch of 32 costs 32 times what a single search does, and the CPU agrees.

/** Limits the handler applies (both adapters); api/README.md "Limits" gives the env vars. */
export interface Limits {
  /**
   * Queries admitted and not yet answered, over all clients. Past it a search gets 503
   * overloaded with Retry-After instead of waiting in a queue that only grows.
   * (A request is always admitted when nothing is pending, so a batch larger than the
   * cap is still answered on an idle server.)
   */
  maxPendingQueries: number;
  /** Sustained queries per second per client address; 0 turns rate limiting off. */
  ratePerSecond: number;
  /** Bucket size: queries a client may send at once after being idle (≥ one full batch). */
  rateBurst: number;
  /** Client buckets kept at most (memory bound); the idlest are dropped first. */
  rateClients: number;
}

/** Connection-level limits of the Node server (api/README.md "Limits" gives the env vars). */
export interface HttpLimits {
  /** Time to receive the request line and headers (slowloris). */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included (a trickled body gets 408). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; the next one is closed as soon as it is accepted. */
  maxConnections: number;
  /** Proxies in front whose X-Forwarded-For is trusted for the client address (0: the peer is the client). */
  trustProxyHops: number;
  /**
   * A search refused with 429 or 503 is answered after this long (at most its Retry-After):
   * a client that retries at once, in a loop, then sends one request per delay instead of
   * hundreds a second, and the event loop stays free. 0: answer at once.
   */
  refusalDelayMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
  trustProxyHops: 0,
  refusalDelayMs: 1000,
};

/** Pending queries allowed per search thread: ~1.3 s of queue for exact search on 2 cores. */
export const PENDING_QUERIES_PER_THREAD = 128;

export function defaultLimits(searchThreads: number): Limits {
  return { maxPendingQueries: PENDING_QUERIES_PER_THREAD * Math.max(1, searchThreads), ratePerSecond: 16, rateBurst: 64, rateClients: 10_000 };
}

/**
 * Token buckets keyed by client. Buckets live in a Map in least-recently-used order; past
 * `maxClients` the least recently used are dropped (a dropped bucket is a full one, which
 * an idle client would have anyway after burst / rate seconds).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    readonly maxClients = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.perSecond > 0;
  }

  /** Takes `cost` tokens from `key`'s bucket: 0 when taken, else the seconds until they would be there. */
  take(key: string, cost: number): number {
    if (!this.enabled || cost <= 0) return 0;
    const t = this.now();
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond) : this.burst;
    this.buckets.delete(key); // re-inserted last: Map order is least recently used first
    if (tokens >= cost) {
      this.buckets.set(key, { tokens: tokens - cost, at: t });
      this.trim();
      return 0;
    }
    this.buckets.set(key, { tokens, at: t });
    this.trim();
    return cost > this.burst ? Infinity : (cost - tokens) / this.perSecond;
  }

  get clients(): number {
    return this.buckets.size;
  }

  private trim(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) return;
      this.buckets.delete(key);
    }
  }
}

/**
 * The cap on search work in flight. `admit(n)` returns a release function, or null when
 * n more queries would pass the cap (the caller answers 503). Also keeps a moving average
 * of the time per query, to tell a refused client how long to wait.
 */
export class Admission {
  pending = 0;
  /** Queries ever admitted. */
  admitted = 0;
  private msPerQuery = 10;

  constructor(
    readonly maxPending: number,
    readonly threads: number,
  ) {}

  /** No request of even one query would be admitted now (checked before a body is read). */
  get full(): boolean {
    return this.pending > 0 && this.pending >= this.maxPending;
  }

  admit(n: number): (() => void) | null {
    if (this.pending > 0 && this.pending + n > this.maxPending) return null;
    this.pending += n;
    this.admitted += n;
    let released = false;
    return () => {
      if (!released) this.pending -= n;
      released = true;
    };
  }

  /** Feeds the moving average with one answered request (n queries in ms). */
  observe(n: number, ms: number): void {
    if (n > 0 && Number.isFinite(ms)) this.msPerQuery = 0.8 * this.msPerQuery + 0.2 * (ms / n);
  }

  /** Whole seconds until the work pending now is likely done (1..60). */
  retryAfter(): number {
    const seconds = (this.pending * this.msPerQuery) / Math.max(1, this.threads) / 1000;
    return Math.min(60, Math.max(1, Math.ceil(seconds)));
  }
}

/**
 * The rate-limit key of a client address: IPv4 as is (an IPv4-mapped IPv6 address is its
 * IPv4), IPv6 by its /64 prefix — one subscriber's allocation, which would otherwise be
 * 2^64 fresh buckets.
 */
export function clientKey(address: string): string {
  const a = address.trim().replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(":")) return a;
  const halves = a.split("::");
  if (halves.length > 2) return a;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const groups = halves.length === 2 ? [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill("0"), ...tail] : head;
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return a;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * The client address behind `hops` trusted proxies, from X-Forwarded-For: each proxy
 * appends the address it was connected from, so the client is the `hops`-th entry from
 * the right (entries further left are whatever the client wrote, and can be forged).
 * With hops = 0, or no header, the peer address is the client.
 */
export function forwardedClient(peer: string, forwardedFor: string | null, hops: number): string {
  if (hops <= 0 || !forwardedFor) return peer;
  const entries = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries[Math.max(0, entries.length - hops)] ?? peer;
}
