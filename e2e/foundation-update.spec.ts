import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addPhotos, cards, freePort, openApp } from "./foundation-helpers";

// A new deployment is simulated by changing the served sw.js (vite preview serves
// the build directory from disk): its precache list gains a file, loses one and gives
// index.html a new revision. The running page must offer "Update", not switch; after it,
// the new list is what is cached (the dropped file gone from the cache) and the app
// works offline.
// The deployment changed is a copy of the build served by its own preview server: the
// specs running beside this one keep the shared build (changing its sw.js offered them
// the update too, and its prompt covered their buttons).
let dist = "";
let server: ChildProcess | null = null;
let origin = "";
test.beforeAll(async ({ request }) => {
  dist = mkdtempSync(join(tmpdir(), "curator-update-"));
  cpSync(process.env.CURATOR_DIST ?? "dist", dist, { recursive: true });
  const port = await freePort();
  server = spawn(process.execPath, ["node_modules/vite/bin/vite.js", "preview", "--port", String(port), "--strictPort"], {
    env: { ...process.env, CURATOR_DIST: dist },
    stdio: "ignore",
  });
  await expect.poll(async () => (await request.get(`http://localhost:${port}/`).catch(() => null))?.status() ?? 0, { timeout: 60_000 }).toBe(200);
  origin = `http://localhost:${port}/`;
});
test.afterAll(() => {
  server?.kill("SIGTERM");
  rmSync(dist, { recursive: true, force: true });
});

/** URLs (path only) in the service worker's precache. */
const precached = (page: import("@playwright/test").Page) =>
  page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys())
      if (name.includes("precache")) for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname);
    return out.sort();
  });

test("a new version is offered with an Update button and only applied when pressed", async ({ page }) => {
  const swPath = join(dist, "sw.js");
  const original = readFileSync(swPath, "utf8");
  await openApp(page, origin);
  await addPhotos(page, ["tshirt-navy.jpg"]);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  // The new deployment: one file added, one dropped, index.html changed.
  const added = `e2e-update-${Date.now()}.txt`;
  // The build copy is thrown away after the test (afterAll): nothing to restore.
  writeFileSync(join(dist, added), "new deployment\n");
  const dropped = /\{url:"sync-bucket\.template\.json",revision:"[0-9a-f]+"\},?/;
  expect(original).toMatch(dropped);
  expect(original).toMatch(/\{url:"index\.html",revision:"[0-9a-f]+"\}/);
  const before = await precached(page);
  expect(before).toContain("/sync-bucket.template.json");
  writeFileSync(
    swPath,
    original
      .replace(dropped, "")
      .replace(/\{url:"index\.html",revision:"[0-9a-f]+"\}/, `{url:"index.html",revision:"e2e-${Date.now()}"},{url:"${added}",revision:"1"}`),
  );
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())!.update();
  });
  const prompt = page.getByRole("alert").filter({ hasText: "Update available" });
  await expect(prompt).toBeVisible();
  // Not switched silently: the old worker still controls the page and the user's view is intact.
  await expect(cards(page)).toHaveCount(1);
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);

  await Promise.all([page.waitForEvent("load"), prompt.getByRole("button", { name: "Update" }).click()]);
  await expect(cards(page)).toHaveCount(1);
  await expect(page.getByRole("alert").filter({ hasText: "Update available" })).toHaveCount(0);
  // The waiting worker took over: nothing waits any more and the page is controlled.
  const after = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => ({ waiting: r?.waiting !== null, active: r?.active?.state })));
  expect(after).toEqual({ waiting: false, active: "activated" });
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  // The cache now holds the new list: the added file in, the dropped one out, nothing else lost.
  const now = await precached(page);
  expect(now).toContain(`/${added}`);
  expect(now).not.toContain("/sync-bucket.template.json");
  expect(now.filter((u) => u !== `/${added}`)).toEqual(before.filter((u) => u !== "/sync-bucket.template.json"));

  // And the updated app works offline: the shell, the photo, and the new file from the cache.
  await page.context().setOffline(true);
  await page.reload();
  await expect(cards(page)).toHaveCount(1);
  expect(await page.evaluate(async (url) => (await fetch(url)).text(), `/${added}`)).toBe("new deployment\n");
  await page.context().setOffline(false);
});
