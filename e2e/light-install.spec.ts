import { expect, test, type Page } from "@playwright/test";
import { join } from "node:path";
import { garmentPhoto } from "./fixtures/garments.mjs";
import { cacheContents, controlled, makeFullyOffline, shippedModelPaths } from "./offline-helpers";
import { importFiles, png, rawItems } from "./vision-helpers";

// Issue 17, a light install: the first visit precaches the app shell only; photo
// recognition (ORT WASM + models) and face analysis (tfjs WASM, face models, its worker)
// are fetched on first need, checked, and kept by the service worker for offline use.
// Real Chromium, the real service worker on the production build, real Cache Storage.

const LAZY = /\.(onnx|wasm)$|\/face-models\/|\/tfjs-wasm\/|\/face\.worker-|\/ort\.[\w]+\.bundle\.min-|\/ort-wasm-simd-threaded/;
const astronaut = join(import.meta.dirname, "fixtures/faces/astronaut.png");
const photo = (k: number) => {
  const g = garmentPhoto(k * 37 + 3, 500 + k);
  return png(g.name, g.png);
};
const importReport = (page: Page) => page.getByRole("region", { name: "Import results" });

async function dismiss(page: Page) {
  const b = page.getByRole("button", { name: "Dismiss import results" });
  if (await b.isVisible()) await b.click();
}

async function stylePhoto(page: Page) {
  await page.getByRole("tab", { name: "Style" }).click();
  await page.getByTestId("face-file-input").setInputFiles(astronaut);
}

test("first visit: only the shell is precached, and the wardrobe works offline at once", async ({ page, context }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Wardrobe" })).toBeVisible();
  await controlled(page);
  const caches = await cacheContents(page);
  const precache = Object.entries(caches).find(([n]) => n.includes("precache"))?.[1] ?? [];
  expect(precache).toContain("/index.html");
  expect(precache.some((p) => /\/assets\/WardrobeScreen-[\w-]+\.js$/.test(p))).toBe(true);
  expect(
    precache.some((p) => /\/assets\/vision\.worker-[\w-]+\.js$/.test(p)),
    "the small vision worker script is part of the shell",
  ).toBe(true);
  expect(
    precache.filter((p) => LAZY.test(p)),
    "no model, WASM runtime or face worker in the precache",
  ).toEqual([]);
  // Nothing fetched on first need yet.
  expect(Object.keys(caches).filter((n) => n.startsWith("curator-"))).toEqual([]);

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole("heading", { name: "Wardrobe" })).toBeVisible();
    await expect(page.getByTestId("offline-indicator")).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test("the first photo fetches photo recognition with progress, once; the next photos work offline", async ({ page, context }) => {
  test.setTimeout(240_000);
  // Every text the download bar shows, recorded in the page: on a fast machine the bar may
  // be up for less than one of Playwright's polls.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __downloadBar: string[] }).__downloadBar = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="download-progress"]')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto("/");
  await controlled(page);
  // A slow phone connection for the runtime, so the download is long enough to be seen.
  const fetched: string[] = [];
  await context.route(/\/assets\/ort-wasm-simd-threaded-[\w-]+\.wasm$/, async (route) => {
    fetched.push(route.request().url());
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await context.route(/\/models\/[\w.-]+\.onnx$/, async (route) => {
    fetched.push(route.request().url());
    await route.continue();
  });
  await page.getByTestId("photo-input").setInputFiles([photo(0)]);
  await expect(importReport(page)).toBeVisible({ timeout: 120_000 });
  const bar = await page.evaluate(() => (window as unknown as { __downloadBar: string[] }).__downloadBar);
  expect(bar.length, "the download bar was shown").toBeGreaterThan(0);
  for (const text of bar) expect(text).toMatch(/^Downloading photo recognition for offline use \(once\): \d+ %$/);
  await expect(importReport(page)).not.toContainText("didn't work");
  await expect(page.getByTestId("download-progress")).toHaveCount(0);
  const [first] = await rawItems(page);
  expect(first?.recognition?.top.length).toBeGreaterThan(0);

  const vision = (await cacheContents(page))["curator-vision"] ?? [];
  expect(vision.filter((p) => p.endsWith(".onnx")).sort()).toEqual(shippedModelPaths());
  expect(vision.some((p) => /ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(p))).toBe(true);
  // One network fetch per file (the service worker saw each once).
  expect(fetched.filter((u) => u.endsWith(".wasm"))).toHaveLength(1);
  expect(fetched.filter((u) => u.endsWith(".onnx"))).toHaveLength(shippedModelPaths().length);

  // Offline, after a reload (a fresh worker): recognised from the cache, nothing fetched.
  await dismiss(page);
  await context.setOffline(true);
  try {
    await page.reload();
    await importFiles(page, [photo(1)]);
    await expect(importReport(page)).not.toContainText("didn't work");
    const items = await rawItems(page);
    expect(items).toHaveLength(2);
    expect(items[1]?.recognition?.top.length).toBeGreaterThan(0);
  } finally {
    await context.setOffline(false);
  }
  expect(fetched).toHaveLength(1 + shippedModelPaths().length); // the runtime and each model, once
});

test("opening the photo picker starts photo recognition while the person chooses", async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await controlled(page);
  const fetched: string[] = [];
  await context.route(/\/models\/[\w.-]+\.onnx$|\/assets\/ort-wasm-simd-threaded-[\w-]+\.wasm$/, async (route) => {
    fetched.push(new URL(route.request().url()).pathname);
    await route.continue();
  });
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Add photos" }).click()]);
  // No photo chosen yet: the runtime and every model arrive.
  await expect.poll(() => fetched.filter((p) => p.endsWith(".onnx")).sort(), { timeout: 60_000 }).toEqual(shippedModelPaths());
  expect(fetched.filter((p) => p.endsWith(".wasm"))).toHaveLength(1);
  expect(await rawItems(page)).toHaveLength(0);

  // The photo, chosen now, is recognised with what was loaded: nothing is fetched again.
  await chooser.setFiles(photo(4));
  await expect(importReport(page)).toContainText("Added 1 item.", { timeout: 60_000 });
  expect((await rawItems(page))[0]?.recognition?.top.length).toBeGreaterThan(0);
  expect(fetched).toHaveLength(1 + shippedModelPaths().length);
  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page.getByTestId("model-backend")).toContainText(/Running on: WebAssembly/);
  const rowName = (model: string) => page.getByTestId(`model-${model}`).getByRole("rowheader");
  await expect(rowName("garment-classifier")).toHaveText("Garment recogniser");
  await expect(rowName("garment-embedder")).toHaveText("Similarity (Siamese)");
  await expect(rowName("garment-detector")).toHaveText("Garment finder (several per photo)");
  await page.getByTestId("model-backend").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/settings-models.png" });
});

test("offline before first use: a clear message says what must be downloaded once, and how much", async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await controlled(page);
  await context.setOffline(true);
  try {
    await page.reload();
    // Style tab, never opened: said at once, before any photo is chosen.
    await page.getByRole("tab", { name: "Style" }).click();
    await expect(page.getByTestId("face-offline")).toContainText(
      /^Face analysis needs a one-time download of about \d+\.\d MB that is not on this device yet, and there is no connection\. Connect to the internet once/,
    );
    // And trying anyway gives the same words, not a crash.
    await stylePhoto(page);
    await expect(page.getByRole("alert").filter({ hasText: "one-time download" })).toContainText(
      /Face analysis needs a one-time download of about \d+\.\d MB/,
      {
        timeout: 60_000,
      },
    );

    // A photo offline: kept, with the note saying what recognition needs.
    await page.getByRole("tab", { name: "Wardrobe" }).click();
    await importFiles(page, [photo(2)]);
    await expect(importReport(page)).toContainText(/Photo recognition needs a one-time download of about \d+\.\d MB that is not on this device yet/);
    expect(await rawItems(page)).toHaveLength(1);
  } finally {
    await context.setOffline(false);
  }
});

test("'Make Curator work fully offline now' → both work offline; Remove frees a capability's cache", async ({ page, context }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await controlled(page);
  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page.getByTestId("pack-vision-state")).toContainText(/Not downloaded · about \d+\.\d MB to download/);
  await expect(page.getByTestId("pack-face-state")).toContainText(/Not downloaded · about \d+\.\d MB to download/);
  await makeFullyOffline(page);
  await expect(page.getByTestId("pack-vision-state")).toContainText(/^Downloaded · [\d.]+ MB$/);
  await expect(page.getByTestId("pack-face-state")).toContainText(/^Downloaded · [\d.]+ MB$/);
  await expect(page.getByRole("button", { name: /Make Curator work fully offline now/ })).toHaveCount(0);
  await page.getByTestId("pack-vision").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/light-install-storage-390.png" });
  const contents = await cacheContents(page);
  expect(contents["curator-vision"]?.filter((p) => p.endsWith(".onnx")).sort()).toEqual(shippedModelPaths());
  expect(contents["curator-face"]?.some((p) => /face\.worker-/.test(p))).toBe(true);

  await context.setOffline(true);
  try {
    await page.reload();
    await importFiles(page, [photo(3)]);
    await expect(importReport(page)).not.toContainText("didn't work");
    expect((await rawItems(page))[0]?.recognition?.top.length).toBeGreaterThan(0);
    await stylePhoto(page);
    await expect(page.getByTestId("face-shape-primary")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("face-landmark-count")).toHaveText("468");
  } finally {
    await context.setOffline(false);
  }

  // Remove face analysis: its cache goes, photo recognition stays.
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Remove face analysis from this device" }).click();
  await expect(page.getByTestId("offline-packs-message")).toContainText(
    "Face analysis removed from this device. It downloads again the next time you analyse a selfie.",
  );
  await expect(page.getByTestId("pack-face-state")).toContainText(/^Not downloaded/);
  await expect(page.getByTestId("pack-vision-state")).toContainText(/^Downloaded/);
  const after = await cacheContents(page);
  expect(after["curator-face"]).toBeUndefined();
  expect(after["curator-vision"]?.length).toBeGreaterThan(0);
  // The button offers just what is missing again.
  await expect(page.getByRole("button", { name: /Make Curator work fully offline now \(\d+\.\d MB\)/ })).toBeVisible();
});
