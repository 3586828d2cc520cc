// Response plumbing shared by all routes: JSON bodies, request ids, CORS and the
// cross-origin headers the app's cross-origin-isolated page needs.
import { randomUUID } from "node:crypto";
import { ApiError } from "./errors";

export const JSON_TYPE = "application/json; charset=utf-8";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": JSON_TYPE, ...headers } });
}

export function errorResponse(e: ApiError, headers: Record<string, string> = {}): Response {
  return json(e.status, e.body(), { "Cache-Control": "no-store", ...headers });
}

/** An incoming X-Request-Id is echoed only when it is short and plain (it ends up in logs). */
export function requestIdFrom(header: string | null): string {
  return header && /^[A-Za-z0-9._:@-]{1,128}$/.test(header) ? header : randomUUID();
}

/** "*" or an exact list of origins, from CURATOR_API_ORIGINS ("https://a.example,https://b.example"). */
export type Origins = "*" | readonly string[];

export function parseOrigins(env: string | undefined): Origins {
  const list = (env ?? "*")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length === 0 || list.includes("*") ? "*" : list;
}

/** CORS headers for a request from `origin` (none when the origin is not allowed). */
export function corsHeaders(origins: Origins, origin: string | null): Record<string, string> {
  if (origins === "*") return { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "X-Request-Id" };
  const headers: Record<string, string> = { Vary: "Origin" };
  if (origin && origins.includes(origin)) {
    headers["Access-Control-Allow-Origin"] = origin;
    headers["Access-Control-Expose-Headers"] = "X-Request-Id";
  }
  return headers;
}

export function preflight(origins: Origins, origin: string | null, allow: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origins, origin),
      Allow: allow,
      "Access-Control-Allow-Methods": allow,
      "Access-Control-Allow-Headers": "Content-Type, X-Request-Id",
      "Access-Control-Max-Age": "600",
    },
  });
}

/**
 * The request body, refusing more than `limit` bytes: a declared Content-Length is
 * checked before reading, and the stream is cut off as soon as it passes the limit.
 */
export async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new ApiError("payload_too_large", `the body is larger than ${limit} bytes`);
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    // The Node adapter errors the stream itself when it passes the limit or its time.
    if ((e as Error).name === "PayloadTooLargeError") throw tooLarge();
    if ((e as Error).name === "BodyTimeoutError")
      throw new ApiError("request_timeout", `the request body did not arrive in time (${(e as Error).message.replace(/^the body /, "")})`);
    throw new ApiError("invalid_request", "the request body could not be read");
  }
  const out = new Uint8Array(total);
  parts.reduce((off, p) => (out.set(p, off), off + p.byteLength), 0);
  return out;
}
