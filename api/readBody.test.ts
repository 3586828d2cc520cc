// The HTTP plumbing on its own: request ids, CORS headers and readBody's limits, with real
// Request objects and streams (no server).
import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { corsHeaders, parseOrigins, readBody, requestIdFrom } from "./http";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A POST whose body arrives in the given pieces, with no Content-Length. */
function streamed(pieces: Uint8Array[], fail?: Error): Request {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of pieces) c.enqueue(p);
      if (fail) c.error(fail);
      else c.close();
    },
  });
  return new Request("http://x/v1/search", { method: "POST", body, duplex: "half" } as RequestInit);
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("accepted");
}

describe("requestIdFrom", () => {
  it("echoes a short plain id and replaces anything else with a fresh UUID", () => {
    expect(requestIdFrom("req-1.a:b@c_D")).toBe("req-1.a:b@c_D");
    expect(requestIdFrom("x".repeat(128))).toBe("x".repeat(128));
    for (const bad of [null, "", "x".repeat(129), "bad id", "ok!", "!ok", "line\nbreak", "é"]) expect(requestIdFrom(bad), String(bad)).toMatch(UUID);
    expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
  });
});

describe("CORS", () => {
  it("lets any origin in with *, exposing the request id", () => {
    expect(parseOrigins(undefined)).toBe("*");
    expect(parseOrigins(" , ")).toBe("*");
    expect(parseOrigins("https://a.example,*")).toBe("*");
    expect(corsHeaders("*", "https://a.example")).toStrictEqual({ "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "X-Request-Id" });
  });

  it("echoes only a listed origin, and always varies by origin", () => {
    const list = parseOrigins("https://a.example, https://b.example");
    expect(corsHeaders(list, "https://b.example")).toStrictEqual({
      Vary: "Origin",
      "Access-Control-Allow-Origin": "https://b.example",
      "Access-Control-Expose-Headers": "X-Request-Id",
    });
    expect(corsHeaders(list, "https://evil.example")).toStrictEqual({ Vary: "Origin" });
    expect(corsHeaders(list, null)).toStrictEqual({ Vary: "Origin" });
  });
});

describe("readBody", () => {
  const bytes = (n: number) => new Uint8Array(n).fill(65);

  it("reads a body up to the limit, exactly at it included", async () => {
    expect(await readBody(new Request("http://x/", { method: "POST", body: bytes(10) }), 10)).toEqual(bytes(10));
    expect(await readBody(streamed([bytes(4), bytes(3), bytes(3)]), 10)).toEqual(bytes(10));
    expect(await readBody(new Request("http://x/"), 10)).toEqual(new Uint8Array(0));
  });

  it("refuses a declared length over the limit before reading, and a stream as soon as it passes it", async () => {
    const declared = new Request("http://x/", { method: "POST", body: bytes(11), headers: { "content-length": "11" } });
    expect(await refusal(readBody(declared, 10))).toEqual({ code: "payload_too_large", message: "the body is larger than 10 bytes" });
    expect(declared.bodyUsed).toBe(false);
    expect(await refusal(readBody(streamed([bytes(6), bytes(5)]), 10))).toEqual({ code: "payload_too_large", message: "the body is larger than 10 bytes" });
  });

  it("names the Node adapter's cut-offs, and any other broken stream", async () => {
    const tooLarge = Object.assign(new Error("too large"), { name: "PayloadTooLargeError" });
    expect(await refusal(readBody(streamed([bytes(2)], tooLarge), 10))).toEqual({ code: "payload_too_large", message: "the body is larger than 10 bytes" });
    const slow = Object.assign(new Error("the body took longer than 15000 ms"), { name: "BodyTimeoutError" });
    expect(await refusal(readBody(streamed([bytes(2)], slow), 10))).toEqual({
      code: "request_timeout",
      message: "the request body did not arrive in time (took longer than 15000 ms)",
    });
    expect(await refusal(readBody(streamed([], new Error("socket hang up")), 10))).toEqual({
      code: "invalid_request",
      message: "the request body could not be read",
    });
  });
});
