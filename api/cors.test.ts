// CORS with an explicit origin list (CURATOR_API_ORIGINS), handler-direct.
import { describe, expect, it } from "vitest";
import { createHandler } from "./handler";
import { parseOrigins } from "./http";
import { options } from "./testkit";

describe("CORS origin list", () => {
  // The catalog dir does not matter for these routes; a missing one keeps the test independent of it.
  const api = createHandler(options({ catalogDir: "/nonexistent", origins: parseOrigins("https://app.example, https://beta.example") }));
  const get = (origin?: string) => api.handle(new Request("http://api.test/healthz", { headers: origin ? { Origin: origin } : {} }));

  it("parses the env list; empty or * means any origin", () => {
    expect(parseOrigins("https://a.example,https://b.example")).toEqual(["https://a.example", "https://b.example"]);
    expect(parseOrigins(undefined)).toBe("*");
    expect(parseOrigins(" ")).toBe("*");
    expect(parseOrigins("https://a.example,*")).toBe("*");
  });

  it("echoes an allowed origin with Vary: Origin, and gives others no Allow-Origin", async () => {
    const allowed = await get("https://beta.example");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://beta.example");
    expect(allowed.headers.get("vary")).toBe("Origin");
    const other = await get("https://evil.example");
    expect(other.status).toBe(200);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.headers.get("vary")).toBe("Origin");
  });

  it("answers a preflight with the route's methods", async () => {
    const res = await api.handle(
      new Request("http://api.test/v1/search/batch", {
        method: "OPTIONS",
        headers: { Origin: "https://app.example", "Access-Control-Request-Method": "POST" },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(res.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
    expect(res.headers.get("access-control-max-age")).toBe("600");
  });
});
