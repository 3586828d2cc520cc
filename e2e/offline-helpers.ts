import { expect, type BrowserContext, type Page } from "@playwright/test";

/**
 * Since issue 17 only the app shell is precached; photo recognition and face analysis are
 * fetched on first need. These helpers read what the service worker holds and run the
 * user's "Make Curator work fully offline now" (Settings → Storage).
 */

/** Waits until the service worker is active and controls the page (the shell is precached then). */
export async function controlled(page: Page) {
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
}

/** Every cache name → the paths it holds (read with the Cache Storage API, not the app's code). */
export async function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    return out;
  });
}

/** Settings → Storage → "Make Curator work fully offline now", until it says so. */
export async function makeFullyOffline(page: Page) {
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("button", { name: /Make Curator work fully offline now/ }).click();
  await expect(page.getByTestId("offline-packs-message")).toHaveText("Curator now works fully offline on this device.", { timeout: 180_000 });
}

/** Online visit → downloads everything → back on the Wardrobe tab → network off. */
export async function downloadAllThenGoOffline(page: Page, context: BrowserContext) {
  await controlled(page);
  await makeFullyOffline(page);
  await page.getByRole("tab", { name: "Wardrobe" }).click();
  await context.setOffline(true);
}
