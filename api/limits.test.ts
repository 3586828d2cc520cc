// The pieces of the abuse limits on their own: token buckets with a fake clock, the cap
// on queries in flight, client keys, X-Forwarded-For behind trusted proxies, and the env.
import { describe, expect, it } from "vitest";
import { httpLimitsFromEnv, limitsFromEnv, optionsFromEnv } from "./config";
import { Admission, clientKey, forwardedClient, RateLimiter } from "./limits";

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
