// Environment -> handler options, shared by the Node and Lambda adapters (and the Node
// server's connection limits). Every number is checked: a typo must stop the start, not
// quietly turn a limit off.
import type { AccessEntry, HandlerOptions } from "./handler";
import { parseOrigins } from "./http";
import { DEFAULT_HTTP_LIMITS, type HttpLimits, type Limits } from "./limits";
import type { IndexKind } from "./search/index";
import { MAX_BATCH } from "./contract";

/**
 * Exact by default (measured, api/README.md "Index"): on 60,000 products it answers in
 * milliseconds with perfect recall and is ready as soon as the file is verified, while
 * IVF's k-means costs seconds of start-up on every cold Lambda container. IVF pays off
 * for a long-running server under heavy unfiltered traffic: CURATOR_INDEX=ivf.
 */
export const DEFAULT_INDEX: IndexKind = "exact";

type Env = Record<string, string | undefined>;

/** The env var as a number passing `ok`, or undefined when unset; throws on anything else. */
function numberFrom(env: Env, name: string, ok: (n: number) => boolean, what: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || !ok(n)) throw new Error(`${name} must be ${what}, got ${JSON.stringify(raw)}`);
  return n;
}

const int = (min: number) => (n: number) => Number.isInteger(n) && n >= min;

/** Only the limits set in the environment (the handler fills in the rest). */
export function limitsFromEnv(env: Env): Partial<Limits> {
  const out: Partial<Limits> = {};
  const max = numberFrom(env, "CURATOR_API_MAX_PENDING_QUERIES", int(1), "a positive integer");
  if (max !== undefined) out.maxPendingQueries = max;
  const rate = numberFrom(env, "CURATOR_API_RATE_LIMIT", (n) => n >= 0, "a number of queries per second (0: off)");
  if (rate !== undefined) out.ratePerSecond = rate;
  const burst = numberFrom(env, "CURATOR_API_RATE_BURST", int(MAX_BATCH), `an integer of at least ${MAX_BATCH} (one full batch)`);
  if (burst !== undefined) out.rateBurst = burst;
  return out;
}

export function httpLimitsFromEnv(env: Env): Partial<HttpLimits> {
  const out: Partial<HttpLimits> = {};
  const headers = numberFrom(env, "CURATOR_API_HEADERS_TIMEOUT_MS", int(100), "milliseconds (at least 100)");
  if (headers !== undefined) out.headersTimeoutMs = headers;
  const request = numberFrom(env, "CURATOR_API_REQUEST_TIMEOUT_MS", int(100), "milliseconds (at least 100)");
  if (request !== undefined) out.requestTimeoutMs = request;
  const keepAlive = numberFrom(env, "CURATOR_API_KEEP_ALIVE_TIMEOUT_MS", int(0), "milliseconds");
  if (keepAlive !== undefined) out.keepAliveTimeoutMs = keepAlive;
  const conns = numberFrom(env, "CURATOR_API_MAX_CONNECTIONS", int(1), "a positive integer");
  if (conns !== undefined) out.maxConnections = conns;
  const hops = numberFrom(env, "CURATOR_API_TRUST_PROXY", int(0), "the number of proxies in front (0: none)");
  if (hops !== undefined) out.trustProxyHops = hops;
  const delay = numberFrom(env, "CURATOR_API_REFUSAL_DELAY_MS", (n) => int(0)(n) && n <= 10_000, "milliseconds from 0 to 10000");
  if (delay !== undefined) out.refusalDelayMs = delay;
  // Node refuses a headers timeout longer than the request timeout; say so in our words.
  if ((out.headersTimeoutMs ?? DEFAULT_HTTP_LIMITS.headersTimeoutMs) > (out.requestTimeoutMs ?? DEFAULT_HTTP_LIMITS.requestTimeoutMs)) {
    throw new Error("CURATOR_API_HEADERS_TIMEOUT_MS must not be longer than CURATOR_API_REQUEST_TIMEOUT_MS");
  }
  return out;
}

export function optionsFromEnv(env: Env): HandlerOptions {
  const index = env.CURATOR_INDEX ?? DEFAULT_INDEX;
  if (index !== "exact" && index !== "ivf") throw new Error(`CURATOR_INDEX must be exact or ivf, got ${JSON.stringify(index)}`);
  const nprobe = numberFrom(env, "CURATOR_NPROBE", int(1), "a positive integer");
  const searchThreads = numberFrom(env, "CURATOR_API_SEARCH_THREADS", int(0), "a number of worker threads (0: search on the main thread)");
  const searchNiceness = numberFrom(env, "CURATOR_API_SEARCH_NICENESS", (n) => int(0)(n) && n <= 19, "0 to 19 (nice steps below the process)");
  return {
    catalogDir: env.CURATOR_CATALOG_DIR ?? "api/catalog",
    datasetDir: env.FASHION_MNIST_DIR ?? "/usr/share/datasets/fashion-mnist",
    index,
    ...(nprobe === undefined ? {} : { nprobe }),
    ...(searchThreads === undefined ? {} : { searchThreads }),
    ...(searchNiceness === undefined ? {} : { searchNiceness }),
    limits: limitsFromEnv(env),
    origins: parseOrigins(env.CURATOR_API_ORIGINS),
    // One JSON line per request on stdout (CloudWatch on Lambda); CURATOR_API_ACCESS_LOG=0 turns it off.
    ...(env.CURATOR_API_ACCESS_LOG === "0" ? {} : { logAccess: (entry: AccessEntry) => console.log(JSON.stringify(entry)) }),
  };
}
