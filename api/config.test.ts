// The server's environment, variable by variable and at each edge: a typo or an out-of-range
// value must stop the start with the variable's name, and an unset one must leave the default.
import { describe, expect, it } from "vitest";
import { DEFAULT_INDEX, engineFromEnv, httpLimitsFromEnv, limitsFromEnv, optionsFromEnv } from "./config";
import { MAX_BATCH } from "./contract";
import { DEFAULT_HTTP_LIMITS } from "./limits";

/** Each [value, accepted] pair for one variable, read by `read` into `key`. */
function edges(read: (env: Record<string, string>) => object, name: string, key: string, cases: [string, number | null][]) {
  for (const [raw, want] of cases) {
    if (want === null) {
      let message = "";
      try {
        read({ [name]: raw });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.startsWith(`${name} must be `) && message.endsWith(`, got ${JSON.stringify(raw)}`), `${name}=${raw}: ${message}`).toBe(true);
    } else expect(read({ [name]: raw }), `${name}=${raw}`).toStrictEqual({ [key]: want });
  }
}

const notNumbers: [string, null][] = [
  ["abc", null],
  ["NaN", null],
  ["Infinity", null],
  ["-Infinity", null],
  ["1e999", null],
  ["12px", null],
];

describe("query limits from the environment", () => {
  it("leaves unset, empty and blank variables to the defaults", () => {
    expect(limitsFromEnv({})).toStrictEqual({});
    expect(limitsFromEnv({ CURATOR_API_MAX_PENDING_QUERIES: "", CURATOR_API_RATE_LIMIT: "  ", CURATOR_API_RATE_BURST: "\t" })).toStrictEqual({});
  });

  it("reads the pending-query cap: a positive integer", () => {
    edges(limitsFromEnv, "CURATOR_API_MAX_PENDING_QUERIES", "maxPendingQueries", [
      ["1", 1],
      [" 64 ", 64],
      ["0", null],
      ["-5", null],
      ["1.5", null],
      ...notNumbers,
    ]);
  });

  it("reads the rate: any number of queries per second from 0 (off)", () => {
    edges(limitsFromEnv, "CURATOR_API_RATE_LIMIT", "ratePerSecond", [["0", 0], ["0.5", 0.5], ["200", 200], ["-0.1", null], ["-1", null], ...notNumbers]);
  });

  it("reads the burst: an integer of at least one full batch", () => {
    edges(limitsFromEnv, "CURATOR_API_RATE_BURST", "rateBurst", [
      [String(MAX_BATCH), MAX_BATCH],
      [String(MAX_BATCH + 1), MAX_BATCH + 1],
      [String(MAX_BATCH - 1), null],
      ["32.5", null],
      ...notNumbers,
    ]);
    expect(() => limitsFromEnv({ CURATOR_API_RATE_BURST: "8" })).toThrow(`an integer of at least ${MAX_BATCH} (one full batch)`);
  });
});

describe("HTTP limits from the environment", () => {
  it("leaves the defaults alone when nothing is set", () => {
    expect(httpLimitsFromEnv({})).toStrictEqual({});
    expect(httpLimitsFromEnv({ CURATOR_API_HEADERS_TIMEOUT_MS: " ", CURATOR_API_REFUSAL_DELAY_MS: "" })).toStrictEqual({});
  });

  it("reads each timeout and count at its edges", () => {
    edges(httpLimitsFromEnv, "CURATOR_API_HEADERS_TIMEOUT_MS", "headersTimeoutMs", [["100", 100], ["99", null], ["150.5", null], ...notNumbers]);
    edges(httpLimitsFromEnv, "CURATOR_API_REQUEST_TIMEOUT_MS", "requestTimeoutMs", [
      // Longer than the default headers timeout, or the pair is refused (below).
      [String(DEFAULT_HTTP_LIMITS.headersTimeoutMs), DEFAULT_HTTP_LIMITS.headersTimeoutMs],
      ["60000", 60000],
      ["99", null],
      ...notNumbers,
    ]);
    edges(httpLimitsFromEnv, "CURATOR_API_KEEP_ALIVE_TIMEOUT_MS", "keepAliveTimeoutMs", [["0", 0], ["5000", 5000], ["-1", null], ["0.5", null], ...notNumbers]);
    edges(httpLimitsFromEnv, "CURATOR_API_MAX_CONNECTIONS", "maxConnections", [["1", 1], ["1024", 1024], ["0", null], ["2.5", null], ...notNumbers]);
    edges(httpLimitsFromEnv, "CURATOR_API_TRUST_PROXY", "trustProxyHops", [["0", 0], ["2", 2], ["-1", null], ["1.5", null], ...notNumbers]);
    edges(httpLimitsFromEnv, "CURATOR_API_REFUSAL_DELAY_MS", "refusalDelayMs", [
      ["0", 0],
      ["10000", 10000],
      ["10001", null],
      ["-1", null],
      ["2.5", null],
      ...notNumbers,
    ]);
  });

  it("names what each variable must be", () => {
    expect(() => limitsFromEnv({ CURATOR_API_MAX_PENDING_QUERIES: "0" })).toThrow("CURATOR_API_MAX_PENDING_QUERIES must be a positive integer");
    expect(() => limitsFromEnv({ CURATOR_API_RATE_LIMIT: "-1" })).toThrow("CURATOR_API_RATE_LIMIT must be a number of queries per second (0: off)");
    expect(() => httpLimitsFromEnv({ CURATOR_API_REQUEST_TIMEOUT_MS: "5" })).toThrow("CURATOR_API_REQUEST_TIMEOUT_MS must be milliseconds (at least 100)");
    expect(() => httpLimitsFromEnv({ CURATOR_API_KEEP_ALIVE_TIMEOUT_MS: "-5" })).toThrow('CURATOR_API_KEEP_ALIVE_TIMEOUT_MS must be milliseconds, got "-5"');
    expect(() => httpLimitsFromEnv({ CURATOR_API_HEADERS_TIMEOUT_MS: "5" })).toThrow("milliseconds (at least 100)");
    expect(() => httpLimitsFromEnv({ CURATOR_API_MAX_CONNECTIONS: "0" })).toThrow("a positive integer");
    expect(() => httpLimitsFromEnv({ CURATOR_API_TRUST_PROXY: "x" })).toThrow("the number of proxies in front (0: none)");
    expect(() => httpLimitsFromEnv({ CURATOR_API_REFUSAL_DELAY_MS: "x" })).toThrow("milliseconds from 0 to 10000");
  });

  it("refuses a headers timeout longer than the request timeout, set or default", () => {
    const longer = /CURATOR_API_HEADERS_TIMEOUT_MS must not be longer than CURATOR_API_REQUEST_TIMEOUT_MS/;
    expect(() => httpLimitsFromEnv({ CURATOR_API_HEADERS_TIMEOUT_MS: "4001", CURATOR_API_REQUEST_TIMEOUT_MS: "4000" })).toThrow(longer);
    expect(httpLimitsFromEnv({ CURATOR_API_HEADERS_TIMEOUT_MS: "4000", CURATOR_API_REQUEST_TIMEOUT_MS: "4000" })).toStrictEqual({
      headersTimeoutMs: 4000,
      requestTimeoutMs: 4000,
    });
    // Only one set: checked against the other's default.
    const { headersTimeoutMs, requestTimeoutMs } = DEFAULT_HTTP_LIMITS;
    expect(() => httpLimitsFromEnv({ CURATOR_API_HEADERS_TIMEOUT_MS: String(requestTimeoutMs + 1) })).toThrow(longer);
    expect(httpLimitsFromEnv({ CURATOR_API_HEADERS_TIMEOUT_MS: String(requestTimeoutMs) })).toEqual({ headersTimeoutMs: requestTimeoutMs });
    expect(() => httpLimitsFromEnv({ CURATOR_API_REQUEST_TIMEOUT_MS: String(headersTimeoutMs - 1) })).toThrow(longer);
  });
});

describe("the catalog engine from the environment", () => {
  it("is auto, with the Lance table beside the catalog, by default", () => {
    expect(engineFromEnv({}, "/srv/catalog")).toEqual({ engine: "auto", lance: { uri: "/srv/catalog/lance" } });
  });

  it("takes memory or lance and refuses anything else", () => {
    expect(engineFromEnv({ CURATOR_ENGINE: "memory" }, "c").engine).toBe("memory");
    expect(engineFromEnv({ CURATOR_ENGINE: "lance" }, "c").engine).toBe("lance");
    for (const bad of ["", "Lance", "sqlite", " auto"])
      expect(() => engineFromEnv({ CURATOR_ENGINE: bad }, "c")).toThrow(`CURATOR_ENGINE must be auto, memory or lance, got ${JSON.stringify(bad)}`);
  });

  it("gives a local table no S3 options, even when S3 variables are set", () => {
    const env = { CURATOR_LANCE_URI: "/data/lance", CURATOR_LANCE_S3_ENDPOINT: "http://127.0.0.1:9000", AWS_ACCESS_KEY_ID: "id", AWS_REGION: "eu-west-1" };
    expect(engineFromEnv(env, "c")).toEqual({ engine: "auto", lance: { uri: "/data/lance" } });
  });

  it("passes an S3 table its endpoint and only the credentials that are set", () => {
    const http = engineFromEnv(
      {
        CURATOR_LANCE_URI: "s3://bucket/prefix",
        CURATOR_LANCE_S3_ENDPOINT: "http://127.0.0.1:9000",
        AWS_ACCESS_KEY_ID: "id",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_SESSION_TOKEN: "token",
        AWS_REGION: "eu-west-1",
      },
      "c",
    );
    expect(http.lance).toStrictEqual({
      uri: "s3://bucket/prefix",
      storageOptions: {
        endpoint: "http://127.0.0.1:9000",
        allowHttp: "true",
        virtualHostedStyleRequest: "false",
        awsAccessKeyId: "id",
        awsSecretAccessKey: "secret",
        awsSessionToken: "token",
        region: "eu-west-1",
      },
    });
    const https = engineFromEnv({ CURATOR_LANCE_URI: "s3://b/p", CURATOR_LANCE_S3_ENDPOINT: "https://s3.example.org" }, "c");
    expect(https.lance?.storageOptions).toEqual({ endpoint: "https://s3.example.org", allowHttp: "false", virtualHostedStyleRequest: "false" });
    // AWS itself: no endpoint; empty credentials are not passed on.
    const aws = engineFromEnv(
      { CURATOR_LANCE_URI: "s3://b/p", CURATOR_LANCE_S3_ENDPOINT: "", AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_SESSION_TOKEN: "", AWS_REGION: "" },
      "c",
    );
    expect(aws.lance).toEqual({ uri: "s3://b/p", storageOptions: {} });
  });

  it("refuses an endpoint that is not an http(s) URL", () => {
    for (const bad of ["127.0.0.1:9000", "ftp://host", "s3://bucket", " http://host"])
      expect(() => engineFromEnv({ CURATOR_LANCE_URI: "s3://b/p", CURATOR_LANCE_S3_ENDPOINT: bad }, "c")).toThrow(
        `CURATOR_LANCE_S3_ENDPOINT must be an http(s) URL, got ${JSON.stringify(bad)}`,
      );
  });

  it("reads the vector-query tuning only when set, as positive integers", () => {
    expect(engineFromEnv({ CURATOR_LANCE_NPROBES: "20", CURATOR_LANCE_REFINE: "2", CURATOR_LANCE_EF: "64" }, "c").lance).toStrictEqual({
      uri: "c/lance",
      tuning: { nprobes: 20, refineFactor: 2, ef: 64 },
    });
    expect(engineFromEnv({ CURATOR_LANCE_EF: "1" }, "c").lance).toEqual({ uri: "c/lance", tuning: { ef: 1 } });
    expect(engineFromEnv({ CURATOR_LANCE_REFINE: "1" }, "c").lance).toEqual({ uri: "c/lance", tuning: { refineFactor: 1 } });
    for (const name of ["CURATOR_LANCE_NPROBES", "CURATOR_LANCE_REFINE", "CURATOR_LANCE_EF"])
      for (const bad of ["0", "1.5", "-3", "many"])
        expect(() => engineFromEnv({ [name]: bad }, "c"), `${name}=${bad}`).toThrow(`${name} must be a positive integer`);
  });
});

describe("handler options from the environment", () => {
  it("has working defaults: the shipped catalog, text model and the Debian Fashion-MNIST", () => {
    const o = optionsFromEnv({});
    expect(DEFAULT_INDEX).toBe("exact");
    expect(o).toMatchObject({
      catalogDir: "api/catalog",
      engine: "auto",
      lance: { uri: "api/catalog/lance" },
      textModelDir: "api/text",
      datasetDir: "/usr/share/datasets/fashion-mnist",
      index: "exact",
      limits: {},
      origins: "*",
    });
    for (const key of ["nprobe", "searchThreads", "searchNiceness"]) expect(o, key).not.toHaveProperty(key);
  });

  it("reads the folders, the index and its tuning", () => {
    const o = optionsFromEnv({
      CURATOR_CATALOG_DIR: "/cat",
      CURATOR_TEXT_MODEL_DIR: "/text",
      FASHION_MNIST_DIR: "/fm",
      CURATOR_INDEX: "ivf",
      CURATOR_NPROBE: "8",
      CURATOR_API_SEARCH_THREADS: "2",
      CURATOR_API_SEARCH_NICENESS: "19",
      CURATOR_API_ORIGINS: "https://a.example, https://b.example",
      CURATOR_API_RATE_LIMIT: "5",
    });
    expect(o).toMatchObject({
      catalogDir: "/cat",
      lance: { uri: "/cat/lance" },
      textModelDir: "/text",
      datasetDir: "/fm",
      index: "ivf",
      nprobe: 8,
      searchThreads: 2,
      searchNiceness: 19,
      origins: ["https://a.example", "https://b.example"],
      limits: { ratePerSecond: 5 },
    });
    expect(optionsFromEnv({ CURATOR_API_SEARCH_NICENESS: "0" }).searchNiceness).toBe(0);
    expect(optionsFromEnv({ CURATOR_NPROBE: "1" }).nprobe).toBe(1);
  });

  it("refuses an unknown index and out-of-range tuning", () => {
    for (const bad of ["", "hnsw", "EXACT"])
      expect(() => optionsFromEnv({ CURATOR_INDEX: bad })).toThrow(`CURATOR_INDEX must be exact or ivf, got ${JSON.stringify(bad)}`);
    expect(() => optionsFromEnv({ CURATOR_NPROBE: "0" })).toThrow("CURATOR_NPROBE must be a positive integer");
    expect(() => optionsFromEnv({ CURATOR_API_SEARCH_NICENESS: "20" })).toThrow("CURATOR_API_SEARCH_NICENESS must be 0 to 19");
    expect(() => optionsFromEnv({ CURATOR_API_SEARCH_NICENESS: "-1" })).toThrow("CURATOR_API_SEARCH_NICENESS must be 0 to 19");
    expect(() => optionsFromEnv({ CURATOR_API_SEARCH_NICENESS: "1.5" })).toThrow("CURATOR_API_SEARCH_NICENESS must be 0 to 19");
    expect(() => optionsFromEnv({ CURATOR_API_SEARCH_THREADS: "1.5" })).toThrow("a number of worker threads (0: search on the main thread)");
    expect(() => optionsFromEnv({ CURATOR_API_RATE_BURST: "1" })).toThrow("CURATOR_API_RATE_BURST");
    expect(() => optionsFromEnv({ CURATOR_ENGINE: "x" })).toThrow("CURATOR_ENGINE");
  });

  it("logs each request as one JSON line unless CURATOR_API_ACCESS_LOG=0", () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      optionsFromEnv({ CURATOR_API_ACCESS_LOG: "1" }).logAccess?.({ status: 200, path: "/health" } as never);
    } finally {
      console.log = log;
    }
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ status: 200, path: "/health" }]);
    expect(optionsFromEnv({ CURATOR_API_ACCESS_LOG: "0" })).not.toHaveProperty("logAccess");
  });
});
