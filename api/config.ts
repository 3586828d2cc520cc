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

/**
 * The catalog engine and where its Lance table is: CURATOR_ENGINE (auto | memory | lance),
 * CURATOR_LANCE_URI (a folder, default <catalog dir>/lance, or s3://bucket/prefix),
 * CURATOR_LANCE_S3_ENDPOINT for an S3-compatible server other than AWS (http allowed,
 * path-style requests), credentials from the usual AWS_* variables; CURATOR_LANCE_NPROBES,
 * CURATOR_LANCE_REFINE and CURATOR_LANCE_EF tune the vector queries.
 */
export function engineFromEnv(env: Env, catalogDir: string): Pick<HandlerOptions, "engine" | "lance"> {
  const engine = env.CURATOR_ENGINE ?? "auto";
  if (engine !== "auto" && engine !== "memory" && engine !== "lance")
    throw new Error(`CURATOR_ENGINE must be auto, memory or lance, got ${JSON.stringify(engine)}`);
  const uri = env.CURATOR_LANCE_URI ?? `${catalogDir}/lance`;
  const storageOptions: Record<string, string> = {};
  const endpoint = env.CURATOR_LANCE_S3_ENDPOINT;
  if (endpoint !== undefined && endpoint !== "") {
    if (!/^https?:\/\//.test(endpoint)) throw new Error(`CURATOR_LANCE_S3_ENDPOINT must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
    Object.assign(storageOptions, { endpoint, allowHttp: String(endpoint.startsWith("http:")), virtualHostedStyleRequest: "false" });
  }
  if (env.AWS_ACCESS_KEY_ID) storageOptions.awsAccessKeyId = env.AWS_ACCESS_KEY_ID;
  if (env.AWS_SECRET_ACCESS_KEY) storageOptions.awsSecretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (env.AWS_SESSION_TOKEN) storageOptions.awsSessionToken = env.AWS_SESSION_TOKEN;
  if (env.AWS_REGION) storageOptions.region = env.AWS_REGION;
  const tuning: Record<string, number> = {};
  const nprobes = numberFrom(env, "CURATOR_LANCE_NPROBES", int(1), "a positive integer");
  if (nprobes !== undefined) tuning.nprobes = nprobes;
  const refine = numberFrom(env, "CURATOR_LANCE_REFINE", int(1), "a positive integer");
  if (refine !== undefined) tuning.refineFactor = refine;
  const ef = numberFrom(env, "CURATOR_LANCE_EF", int(1), "a positive integer");
  if (ef !== undefined) tuning.ef = ef;
  return {
    engine,
    lance: { uri, ...(uri.startsWith("s3://") ? { storageOptions } : {}), ...(Object.keys(tuning).length ? { tuning } : {}) },
  };
}

export function optionsFromEnv(env: Env): HandlerOptions {
  const index = env.CURATOR_INDEX ?? DEFAULT_INDEX;
  if (index !== "exact" && index !== "ivf") throw new Error(`CURATOR_INDEX must be exact or ivf, got ${JSON.stringify(index)}`);
  const nprobe = numberFrom(env, "CURATOR_NPROBE", int(1), "a positive integer");
  const searchThreads = numberFrom(env, "CURATOR_API_SEARCH_THREADS", int(0), "a number of worker threads (0: search on the main thread)");
  const searchNiceness = numberFrom(env, "CURATOR_API_SEARCH_NICENESS", (n) => int(0)(n) && n <= 19, "0 to 19 (nice steps below the process)");
  const catalogDir = env.CURATOR_CATALOG_DIR ?? "api/catalog";
  return {
    catalogDir,
    ...engineFromEnv(env, catalogDir),
    textModelDir: env.CURATOR_TEXT_MODEL_DIR ?? "api/text",
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
