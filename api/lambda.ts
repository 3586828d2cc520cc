// AWS Lambda adapter for API Gateway HTTP API (payload format 2.0) and Lambda function
// URLs (same event shape). The catalog loads on the first invocation of a container
// (which waits for it) and is reused by every later one; binary bodies (PNG) go back base64.
// A container serves one request at a time, so searches run inline (no worker threads)
// and the cap on queries in flight never bites; the per-client rate limit (keyed by the
// source IP API Gateway saw) holds per container only: a limit across containers belongs
// in front of the function (API Gateway throttling, WAF rate-based rules).
import { optionsFromEnv } from "./config";
import type { ApiErrorBody } from "./contract";
import { createHandler, type Api, type HandlerOptions } from "./handler";
import { fetchCatalogFromS3, s3CatalogFromEnv } from "./s3Catalog";

/** The fields of an HTTP API v2 / function-URL event this adapter reads. */
export interface HttpEventV2 {
  version?: string;
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  /** http.sourceIp: the client address API Gateway (or the function URL) saw; the rate-limit key. */
  requestContext: { domainName?: string; stage?: string; http: { method: string; sourceIp?: string } };
}

export interface HttpResultV2 {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

function isText(contentType: string | null): boolean {
  return !!contentType && /^(text\/|application\/json)/.test(contentType);
}

/** A named stage ("/prod/v1/search") is part of rawPath; the handler's routes are not. */
function routePath(event: HttpEventV2): string {
  const stage = event.requestContext.stage;
  if (stage && stage !== "$default" && (event.rawPath === `/${stage}` || event.rawPath.startsWith(`/${stage}/`))) {
    return event.rawPath.slice(stage.length + 1) || "/";
  }
  return event.rawPath;
}

export function toRequest(event: HttpEventV2): Request {
  const method = event.requestContext.http.method.toUpperCase();
  const host = event.requestContext.domainName ?? event.headers?.host ?? "lambda.local";
  const query = event.rawQueryString ? `?${event.rawQueryString}` : "";
  const headers = new Headers();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers.set(k, v);
  if (event.cookies?.length) headers.set("cookie", event.cookies.join("; "));
  const hasBody = method !== "GET" && method !== "HEAD" && event.body !== undefined;
  const body = hasBody ? (event.isBase64Encoded ? Buffer.from(event.body!, "base64") : Buffer.from(event.body!, "utf8")) : undefined;
  return new Request(`https://${host}${routePath(event)}${query}`, { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) });
}

export async function toResult(response: Response): Promise<HttpResultV2> {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = isText(response.headers.get("content-type"));
  return { statusCode: response.status, headers, body: text ? bytes.toString("utf8") : bytes.toString("base64"), isBase64Encoded: !text && bytes.length > 0 };
}

export function createLambdaHandler(options: HandlerOptions): { api: Api; handler: (event: HttpEventV2) => Promise<HttpResultV2> } {
  const api = createHandler(options);
  // No load balancer polls /readyz in front of a Lambda: the request that starts a cold
  // container waits for the catalog instead of getting 503 (later ones find it loaded).
  const handler = async (event: HttpEventV2) => {
    await api.service.ready;
    const sourceIp = event.requestContext.http.sourceIp;
    return toResult(await api.handle(toRequest(event), sourceIp ? { address: sourceIp } : {}));
  };
  return { api, handler };
}

/** A container's handler; with CURATOR_CATALOG_BUCKET set, after copying the catalog from S3 (api/s3Catalog.ts). */
export async function prepareLambda(env: Record<string, string | undefined>): Promise<ReturnType<typeof createLambdaHandler>> {
  const s3 = s3CatalogFromEnv(env);
  if (s3) await fetchCatalogFromS3(s3);
  return createLambdaHandler(optionsFromEnv(env));
}

let container: Promise<ReturnType<typeof createLambdaHandler>> | null = null;

/** What a request gets while the container cannot start: the contract's JSON 503, not a bare Lambda error. */
function notStarted(): HttpResultV2 {
  const body: ApiErrorBody = { error: { code: "not_ready", message: "the catalog endpoint could not start (the reason is in its log); retry shortly" } };
  return {
    statusCode: 503,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "retry-after": "5" },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** The Lambda entry point (handler: lambda.handler). */
export async function handler(event: HttpEventV2): Promise<HttpResultV2> {
  // A failed start (catalog not copied, a bad setting) is not cached: the next request tries again.
  container ??= prepareLambda(process.env).catch((e: unknown) => {
    container = null;
    throw e;
  });
  let ready: Awaited<typeof container>;
  try {
    ready = await container;
  } catch (e) {
    // In full to the log (CloudWatch; the 5xx alarm counts the answer); to the client without bucket or key.
    console.error(`catalog endpoint not started: ${e instanceof Error ? e.message : String(e)}`);
    return notStarted();
  }
  return ready.handler(event);
}
