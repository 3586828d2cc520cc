import { describe, expect, it } from "vitest";
import { optionsFromEnv } from "./config";
import { createHandler, type AccessEntry } from "./handler";

describe("access log", () => {
  it("has one entry per request, with the route template and status, and never the body or the raw path", async () => {
    const entries: AccessEntry[] = [];
    const api = createHandler({ ...optionsFromEnv({ CURATOR_CATALOG_DIR: "/nonexistent", CURATOR_API_ACCESS_LOG: "0" }), logAccess: (e) => entries.push(e) });
    await api.handle(new Request("http://x/healthz", { headers: { "x-request-id": "req-1" } }));
    const secret = Array.from({ length: 128 }, (_, i) => 0.123456 + i / 1e4);
    await api.handle(
      new Request("http://x/v1/search", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ embedding: secret, embedder: { name: "garment-embedder", version: 3 } }),
      }),
    );
    await api.handle(new Request("http://x/v1/products/fm-train-SECRET-PATH"));
    expect(entries.map((e) => [e.route, e.status])).toEqual([
      ["/healthz", 200],
      ["/v1/search", 503], // the catalog never loaded here
      ["/v1/products/:id", 503],
    ]);
    expect(entries[0]).toMatchObject({ requestId: "req-1", method: "GET" });
    for (const e of entries) expect(e.ms).toBeGreaterThanOrEqual(0);
    const text = JSON.stringify(entries);
    expect(text).not.toContain("0.1234");
    expect(text).not.toContain("SECRET");
  });

  it("is on by default from the environment, off with CURATOR_API_ACCESS_LOG=0", () => {
    expect(optionsFromEnv({}).logAccess).toBeTypeOf("function");
    expect(optionsFromEnv({ CURATOR_API_ACCESS_LOG: "0" }).logAccess).toBeUndefined();
  });
});
