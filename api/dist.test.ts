// The built server (vite SSR build, as `npm run api:start` runs it): starts, prints its
// one line, logs one JSON line per request, serves, and exits cleanly on SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CATALOG_DIR, catalogPresent } from "./testkit";

const PORT = 8797;

describe.skipIf(!catalogPresent)("dist-api/node.mjs", () => {
  const out = mkdtempSync(join(tmpdir(), "curator-dist-api-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("builds, starts with one line, logs each request, answers, and shuts down on SIGTERM", async () => {
    const build = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--config", "api/vite.config.ts", "--outDir", out], {
      encoding: "utf8",
    });
    expect(build.status, build.stderr).toBe(0);
    const child = spawn(process.execPath, [join(out, "node.mjs")], {
      env: { ...process.env, CURATOR_API_PORT: String(PORT), CURATOR_CATALOG_DIR: CATALOG_DIR },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    expect(stdout.trim()).toBe(`Curator catalog API on http://127.0.0.1:${PORT}`);
    let ready = 503;
    while (ready === 503) {
      ready = (await fetch(`http://127.0.0.1:${PORT}/readyz`, { headers: { connection: "close" } })).status;
      if (ready === 503) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    // Then one access-log line per request: the route and status, nothing of the request itself.
    const [, ...access] = stdout.trim().split("\n");
    expect(access.length).toBeGreaterThanOrEqual(1);
    for (const line of access) expect(JSON.parse(line)).toMatchObject({ method: "GET", route: "/readyz" });
    expect((JSON.parse(access.at(-1)!) as { status: number }).status).toBe(200);
  }, 120_000);
});
