// The pieces of the abuse limits on their own: token buckets with a fake clock, the cap
// on queries in flight, client keys, X-Forwarded-For behind trusted proxies, and the env.
import { describe, expect, it } from "vitest";
import { httpLimitsFromEnv, limitsFromEnv, optionsFromEnv } from "./config";
import { Admission, clientKey, defaultLimits, forwardedClient, PENDING_QUERIES_PER_THREAD, RateLimiter } from "./limits";

describe("RateLimiter (token bucket per client)", () => {
  it("lets a burst through, then refills at the rate; clients do not share a bucket", () => {
    let now = 0;
    const r = new RateLimiter(2, 4, 100, () => now);
    expect([1, 1, 1, 1].map(() => r.take("a", 1))).toEqual([0, 0, 0, 0]);
    expect(r.take("a", 1)).toBeCloseTo(0.5); // one token at 2 per second
    expect(r.take("b", 4)).toBe(0);
    now += 1000; // two tokens back
    expect(r.take("a", 2)).toBe(0);
    expect(r.take("a", 1)).toBeGreaterThan(0);
    now += 60_000; // never more than the bucket holds
    expect(r.take("a", 4)).toBe(0);
    expect(r.take("a", 1)).toBeGreaterThan(0);
  });

  it("refuses a cost larger than the bucket for good (Infinity), and is off at rate 0", () => {
    expect(new RateLimiter(1, 4, 100, () => 0).take("a", 5)).toBe(Infinity);
    const off = new RateLimiter(0, 4);
    expect(Array.from({ length: 1000 }, () => off.take("a", 32)).every((w) => w === 0)).toBe(true);
  });

  it("keeps at most maxClients buckets, dropping the least recently used", () => {
    const r = new RateLimiter(1, 2, 3, () => 0);
    for (const c of ["a", "b", "c"]) r.take(c, 2);
    r.take("a", 0.5); // a is now the most recently used... and refused (empty)
    r.take("d", 1);
    expect(r.clients).toBe(3);
    expect(r.take("b", 2)).toBe(0); // b was dropped: a fresh, full bucket
    expect(r.take("a", 1)).toBeGreaterThan(0); // a was kept: still empty
  });
});

describe("Admission (cap on queries in flight)", () => {
  it("admits up to the cap, always admits when idle, and releases once", () => {
    const a = new Admission(40, 2);
    expect(a.full).toBe(false);
    const big = a.admit(64); // larger than the cap, but nothing is pending
    expect(big).not.toBeNull();
    expect(a.full).toBe(true);
    expect(a.admit(1)).toBeNull();
    big!();
    big!();
    expect(a.pending).toBe(0);
    const one = a.admit(32)!;
    expect(a.admit(8)).not.toBeNull();
    expect(a.admit(1)).toBeNull();
    one();
    expect(a.pending).toBe(8);
  });

  it("estimates Retry-After from the pending work and the measured time per query (1..60 s)", () => {
    const a = new Admission(10_000, 2);
    for (let i = 0; i < 50; i++) a.observe(32, 32 * 20); // 20 ms per query
    a.admit(1000);
    expect(a.retryAfter()).toBe(10); // 1000 queries x 20 ms / 2 threads
    a.admit(5000);
    expect(a.retryAfter()).toBe(60); // 60 s at most: past that a client should look elsewhere
  });
});

describe("client keys", () => {
  it("keys IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by its /64", () => {
    expect(clientKey("203.0.113.9")).toBe("203.0.113.9");
    expect(clientKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("not an address")).toBe("not an address");
  });

  it("takes the client from X-Forwarded-For only behind trusted proxies, counting from the right", () => {
    expect(forwardedClient("10.0.0.2", "198.51.100.7", 0)).toBe("10.0.0.2");
    expect(forwardedClient("10.0.0.2", "198.51.100.7", 1)).toBe("198.51.100.7");
    // A client-written entry on the left cannot pick the key.
    expect(forwardedClient("10.0.0.2", "1.2.3.4, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(forwardedClient("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1", 2)).toBe("198.51.100.7");
    expect(forwardedClient("10.0.0.2", null, 1)).toBe("10.0.0.2");
  });
});

describe("limits from the environment", () => {
  it("reads every variable and refuses what would quietly weaken a limit", () => {
    expect(limitsFromEnv({ CURATOR_API_MAX_PENDING_QUERIES: "64", CURATOR_API_RATE_LIMIT: "2.5", CURATOR_API_RATE_BURST: "40" })).toEqual({
      maxPendingQueries: 64,
      ratePerSecond: 2.5,
      rateBurst: 40,
    });
    expect(limitsFromEnv({})).toEqual({});
    expect(() => limitsFromEnv({ CURATOR_API_RATE_BURST: "8" })).toThrow(/at least 32/);
    expect(() => limitsFromEnv({ CURATOR_API_RATE_LIMIT: "fast" })).toThrow(/CURATOR_API_RATE_LIMIT/);
    expect(
      httpLimitsFromEnv({
        CURATOR_API_HEADERS_TIMEOUT_MS: "2000",
        CURATOR_API_REQUEST_TIMEOUT_MS: "4000",
        CURATOR_API_MAX_CONNECTIONS: "64",
        CURATOR_API_TRUST_PROXY: "1",
      }),
    ).toEqual({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      maxConnections: 64,
      trustProxyHops: 1,
    });
    expect(() => httpLimitsFromEnv({ CURATOR_API_HEADERS_TIMEOUT_MS: "20000" })).toThrow(/not be longer/);
    expect(() => httpLimitsFromEnv({ CURATOR_API_MAX_CONNECTIONS: "0" })).toThrow(/positive/);
    expect(optionsFromEnv({ CURATOR_API_SEARCH_THREADS: "0" }).searchThreads).toBe(0);
    expect(optionsFromEnv({}).searchThreads).toBeUndefined();
    expect(() => optionsFromEnv({ CURATOR_API_SEARCH_THREADS: "-1" })).toThrow(/CURATOR_API_SEARCH_THREADS/);
  });
});

describe("limits at their edges", () => {
  it("gives each search thread its share of pending queries, and a fixed rate per client", () => {
    expect(defaultLimits(0)).toEqual({ maxPendingQueries: PENDING_QUERIES_PER_THREAD, ratePerSecond: 16, rateBurst: 64, rateClients: 10_000 });
    expect(defaultLimits(1).maxPendingQueries).toBe(PENDING_QUERIES_PER_THREAD);
    expect(defaultLimits(3).maxPendingQueries).toBe(3 * PENDING_QUERIES_PER_THREAD);
  });

  it("takes nothing and keeps no bucket for a request of no queries", () => {
    const r = new RateLimiter(1, 4, 100, () => 0);
    expect(r.take("a", 0)).toBe(0);
    expect(r.take("a", -3)).toBe(0);
    expect(r.clients).toBe(0);
  });

  it("says how long until the missing tokens are there, counting the ones left", () => {
    let now = 0;
    const r = new RateLimiter(2, 4, 100, () => now);
    expect(r.take("a", 4)).toBe(0);
    expect(r.take("a", 4)).toBe(2); // a whole bucket (exactly the burst, not more) at 2 per second
    now = 500; // one token back
    expect(r.take("a", 4)).toBe(1.5);
    now = 10_000; // refilled, but never past the burst
    expect(r.take("a", 4)).toBe(0);
    expect(r.take("a", 1)).toBe(0.5);
  });

  it("drops the least recently used buckets on granted requests too", () => {
    const r = new RateLimiter(1, 4, 2, () => 0);
    for (const k of ["a", "b", "c"]) expect(r.take(k, 1)).toBe(0);
    expect(r.clients).toBe(2);
    expect(r.take("a", 4)).toBe(0); // a was dropped: full again
    expect(r.take("c", 4)).toBe(1); // c was kept: 3 tokens left
  });

  it("is full only when work is pending and at the cap", () => {
    const a = new Admission(4, 1);
    expect(a.full).toBe(false);
    const three = a.admit(3)!;
    expect(a.full).toBe(false);
    const one = a.admit(1)!;
    expect(a.full).toBe(true); // at the cap, not past it
    one();
    three();
    expect(a.full).toBe(false);
    expect(new Admission(0, 1).full).toBe(false); // idle: even a zero cap admits
  });

  it("learns the time per query only from answered requests with a finite time", () => {
    const a = new Admission(1_000_000, 1);
    a.admit(1000);
    expect(a.retryAfter()).toBe(10); // 1000 x 10 ms to start with
    a.observe(0, 5000);
    a.observe(1, Infinity);
    a.observe(1, NaN);
    expect(a.retryAfter()).toBe(10);
    a.observe(10, 300); // 30 ms per query: 0.8 x 10 + 0.2 x 30 = 14
    expect(a.retryAfter()).toBe(14);
  });

  it("keys addresses written loosely the same, and leaves what is not an address alone", () => {
    expect(clientKey(" 203.0.113.9 ")).toBe("203.0.113.9");
    expect(clientKey("::FFFF:198.51.100.7")).toBe("198.51.100.7");
    expect(clientKey("2001:DB8:1:2::5 ")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(clientKey("2001:db8:a:b:c::%en0")).toBe("2001:db8:a:b::/64");
    for (const odd of [
      "::ffff:1.2.3.4x",
      "1::ffff:1.2.3.4",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7:zz",
      "2001:db8:1:x2::",
      "2001:db8:1:12345::1",
      "1::2::3",
    ])
      expect(clientKey(odd), odd).toBe(odd);
  });

  it("skips empty and padded entries of X-Forwarded-For", () => {
    expect(forwardedClient("10.0.0.2", "1.2.3.4,,198.51.100.7,", 1)).toBe("198.51.100.7");
    expect(forwardedClient("10.0.0.2", " 1.2.3.4 ,  198.51.100.7 ", 2)).toBe("1.2.3.4");
    expect(forwardedClient("10.0.0.2", "198.51.100.7", 5)).toBe("198.51.100.7");
    expect(forwardedClient("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
    expect(forwardedClient("10.0.0.2", "198.51.100.7", -1)).toBe("10.0.0.2");
  });
});
