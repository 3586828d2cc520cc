import { expect, test } from "@playwright/test";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addPhotos, cards, openApp } from "./foundation-helpers";

// A new deployment is simulated by changing the served sw.js (vite preview serves
// the build directory from disk). The running page must offer "Update", not switch.
const swPath = join(process.env.CURATOR_DIST ?? "dist", "sw.js");

test("a new version is offered with an Update button and only applied when pressed", async ({ page }) => {
  const original = readFileSync(swPath, "utf8");
  try {
    await openApp(page);
    await addPhotos(page, ["tshirt-navy.jpg"]);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    appendFileSync(swPath, `\n// e2e: new deployment ${Date.now()}\n`);
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
    const after = await page.evaluate(() =>
      navigator.serviceWorker.getRegistration().then((r) => ({ waiting: r?.waiting !== null, active: r?.active?.state })),
    );
    expect(after).toEqual({ waiting: false, active: "activated" });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  } finally {
    writeFileSync(swPath, original);
  }
});
