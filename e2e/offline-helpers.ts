import { readFileSync } from "node:fs";
import { expect, type BrowserContext, type Page } from "@playwright/test";

/**
 * Since issue 17 only the app shell is precached; photo recognition and face analysis are
 * fetched on first need. These helpers read what the service worker holds and run the
 * user's "Make Curator work fully offline now" (Settings → Storage).
 */

/**
 * The model files the build ships (paths in the app), read from models/registry.json as the
 * build reads it: each champion's int8 file where it has one (CURATOR_MODEL_PRECISION=float:
 * its float file) — the classifier, the embedder and, once registered, the garment detector.
 */
export function shippedModelPaths(): string[] {
  const registry = JSON.parse(readFileSync(new URL("../models/registry.json", import.meta.url), "utf8")) as {
    models: { status: string; file: string | null; quantized?: { file: string } }[];
  };
  const float = process.env.CURATOR_MODEL_PRECISION === "float";
  return registry.models
    .filter((m) => m.status === "champion" && m.file)
    .map((m) => `/models/${(!float && m.quantized?.file) || m.file}`)
    .sort();
}

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

/**
 * Waits for the import's per-file report. A photo in which the garment detector found two or
 * more pieces opens "Found N pieces" first: these single-garment photos are then imported as one
 * item (the review's own "Import as one item"), as a person would. Returns how many photos asked.
 */
export async function importResults(page: Page, timeout: number): Promise<number> {
  const results = page.getByRole("region", { name: "Import results" });
  const review = page.getByRole("dialog", { name: /^Found \d+ pieces$/ });
  const deadline = Date.now() + timeout;
  for (let asked = 0; ; asked++) {
    await expect(results.or(review).first()).toBeVisible({ timeout: Math.max(1, deadline - Date.now()) });
    if (await results.isVisible()) return asked;
    await review.getByRole("button", { name: "Import as one item" }).click();
    await expect(review).toBeHidden();
  }
}
