import { expect, test, type Page } from "@playwright/test";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addPhotos, cards, freePort, gotoTab, openApp } from "./foundation-helpers";
import { buildWardrobe, outfitCards, settled } from "./outfits-helpers";
import { rawItems } from "./vision-helpers";

// Shop the look against the real catalog service (dist-api/node.mjs, started by
// playwright.config.ts) through the preview server's /api proxy, in real Chromium with
// the real vision worker computing the embedding.
test.describe.configure({ mode: "serial" });

const API_PORT = Number(process.env.E2E_API_PORT ?? 8787);

let catalogSize = 0;
test.beforeAll(async ({ request }) => {
  // The service answers at once but loads its product index first.
  await expect.poll(async () => (await request.get(`http://127.0.0.1:${API_PORT}/readyz`)).status(), { timeout: 120_000 }).toBe(200);
  catalogSize = ((await (await request.get(`http://127.0.0.1:${API_PORT}/readyz`)).json()) as { catalog: { products: number } }).catalog.products;
});

/** Imports one photo and gives it a category and fit, so the filters are known. */
async function addGarment(page: Page, photo: string, category: string, fit: string) {
  await addPhotos(page, [photo]);
  await cards(page).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Category", { exact: true }).selectOption(category);
  await dialog.getByLabel("Fit", { exact: true }).selectOption(fit);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await cards(page).first().click();
  await expect(dialog.getByRole("heading", { name: "Shop the look" })).toBeVisible();
  return dialog;
}

interface Card {
  category: string | null;
  gender: string | null;
  decoded: boolean;
}

/** The result cards as shown: their data attributes and whether the image really decoded. */
const resultCards = (page: Page): Promise<Card[]> =>
  page
    .getByRole("list", { name: "Similar products" })
    .locator("li")
    .evaluateAll((lis) =>
      lis.map((li) => {
        const img = li.querySelector("img");
        return {
          category: li.getAttribute("data-category"),
          gender: li.getAttribute("data-gender"),
          decoded: img !== null && img.complete && img.naturalWidth > 0,
        };
      }),
    );

test("Find similar products: same-category results from the catalog with decoded images; only numbers are sent", async ({ page }) => {
  await openApp(page);
  const dialog = await addGarment(page, "tshirt-navy.jpg", "top", "women");
  const sent: unknown[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/api/v1/search")) sent.push(r.postDataJSON());
  });

  await expect(dialog.getByRole("checkbox", { name: "Same category (tops only)" })).toBeChecked();
  await dialog.getByRole("button", { name: "Find similar products" }).click();
  await expect(dialog.getByRole("status")).toHaveText(/\d+ similar products found/, { timeout: 90_000 });
  const found = await resultCards(page);
  expect(found.length).toBeGreaterThan(0);
  expect(found.every((c) => c.category === "top")).toBe(true);
  // Every product image decoded under COEP (same origin through the proxy).
  await expect.poll(async () => (await resultCards(page)).every((c) => c.decoded)).toBe(true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  // Gender came from the item's fit: women's and unisex products only.
  expect(found.every((c) => c.gender === "women" || c.gender === "unisex")).toBe(true);

  // What left the device: the embedding, the embedder, the filters — nothing else.
  expect(sent).toHaveLength(1);
  const body = sent[0] as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["category", "embedder", "embedding", "gender", "k"]);
  expect(body.embedding).toHaveLength(128);
  expect(body).toMatchObject({ category: "top", gender: "women", embedder: { name: "garment-embedder" } });
  // The embedding sent is the item's own (fresh from the same photo, same model: cosine ≈ 1).
  const stored = (await rawItems(page))[0]!.embedding!;
  const e = body.embedding as number[];
  const cos = e.reduce((s, v, i) => s + v * stored[i]!, 0) / Math.hypot(...e) / Math.hypot(...stored);
  expect(cos).toBeGreaterThan(0.99);

  // Without the category filter the search still works and is sent without a category.
  await dialog.getByRole("checkbox", { name: "Same category (tops only)" }).uncheck();
  await dialog.getByRole("button", { name: "Search again" }).click();
  await expect(dialog.getByRole("status")).toHaveText(/\d+ similar products found/, { timeout: 90_000 });
  expect(sent).toHaveLength(2);
  expect(sent[1]).not.toHaveProperty("category");
  const any = await resultCards(page);
  expect(any.length).toBeGreaterThan(0);
  console.log(`shop: same-category ${found.length} results; without the filter: ${[...new Set(any.map((c) => c.category))].join(", ")}`);
});

test("Settings → Test connection shows the catalog; a dead address shows the unreachable error and the wardrobe is intact", async ({ page }) => {
  await openApp(page);
  await addGarment(page, "trousers-olive.jpg", "bottom", "men");
  await page.keyboard.press("Escape");
  await gotoTab(page, "Settings");
  const section = page.getByRole("region", { name: "Shop the look" });
  const address = section.getByLabel("Shop service address");
  await expect(address).toHaveValue("/api");
  await section.getByRole("button", { name: "Test connection" }).click();
  await expect(section.getByTestId("shop-connection")).toHaveText(
    new RegExp(`Connected: ${catalogSize.toLocaleString("en-US")} products, built with garment-embedder v\\d+\\. It matches this app's model`),
  );

  const port = await freePort();
  await address.fill(`http://127.0.0.1:${port}`);
  await section.getByRole("button", { name: "Test connection" }).click();
  await expect(section.getByRole("alert")).toContainText("could not be reached");

  await gotoTab(page, "Wardrobe");
  await cards(page).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Find similar products" }).click();
  await expect(dialog.getByRole("alert")).toContainText("The shop service could not be reached", { timeout: 90_000 });
  await expect(dialog.getByRole("button", { name: "Retry" })).toBeVisible();
  await dialog.getByRole("alert").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "/tmp/shop-desktop-unreachable.png" });
  await page.keyboard.press("Escape");
  await expect(cards(page)).toHaveCount(1);
  expect(await rawItems(page)).toHaveLength(1);

  // Back to the default: the same item finds bottoms again.
  await gotoTab(page, "Settings");
  await section.getByRole("button", { name: "Use the default" }).click();
  await expect(address).toHaveValue("/api");
});

test("offline: the search says shopping needs a connection and the wardrobe still works", async ({ page, context }) => {
  await openApp(page);
  const dialog = await addGarment(page, "tshirt-navy.jpg", "top", "women");
  await context.setOffline(true);
  await dialog.getByRole("button", { name: "Find similar products" }).click();
  await expect(dialog.getByRole("alert")).toContainText("You are offline");
  await expect(dialog.getByRole("alert")).toContainText("your wardrobe still works offline");
  await context.setOffline(false);
  await dialog.getByRole("button", { name: "Retry" }).click();
  await expect(dialog.getByRole("status")).toHaveText(/\d+ similar products found/, { timeout: 90_000 });
});

test("results fit a 390 px phone (no sideways scroll) and a desktop; screenshots", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const dialog = await addGarment(page, "trousers-olive.jpg", "bottom", "men");
  // By keyboard: the button keeps the focus through the search (it is never disabled under it).
  const find = dialog.getByRole("button", { name: "Find similar products" });
  await find.focus();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("status")).toHaveText(/\d+ similar products found/, { timeout: 90_000 });
  await expect(dialog.getByRole("button", { name: "Search again" })).toBeFocused();
  // Screen readers: every product image has a name.
  const alts = await dialog
    .getByRole("list", { name: "Similar products" })
    .locator("img")
    .evaluateAll((imgs) => imgs.map((i) => i.getAttribute("alt") ?? ""));
  expect(alts.every((a) => / by /.test(a))).toBe(true);
  await expect.poll(async () => (await resultCards(page)).every((c) => c.decoded && c.category === "bottom")).toBe(true);
  await dialog.getByRole("heading", { name: "Shop the look" }).scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => {
    const d = document.querySelector("dialog");
    return { page: document.documentElement.scrollWidth, dialog: d ? d.scrollWidth - d.clientWidth : 0 };
  });
  expect(overflow.page).toBeLessThanOrEqual(390);
  expect(overflow.dialog).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "/tmp/shop-phone.png" });
  await page.getByRole("list", { name: "Similar products" }).locator("li").nth(2).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "/tmp/shop-phone-results.png" });

  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByRole("heading", { name: "Shop the look" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "/tmp/shop-desktop.png" });

  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 390, height: 844 });
  await gotoTab(page, "Settings");
  const section = page.getByRole("region", { name: "Shop the look" });
  await section.getByRole("button", { name: "Test connection" }).click();
  await expect(section.getByTestId("shop-connection")).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "/tmp/shop-settings-phone.png" });
});

test("Shop this outfit: one batch request, products per piece in the piece's category", async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto("/?curator-debug");
  await expect(page.getByRole("heading", { name: "Wardrobe" })).toBeVisible();
  const items = await buildWardrobe(page);
  await page.getByRole("tab", { name: "Outfits" }).click();
  await settled(page);
  const card = outfitCards(page).first();
  const pieceIds = await card.locator(".outfit-piece").evaluateAll((ps) => ps.map((p) => p.getAttribute("data-item-id") ?? ""));
  expect(pieceIds.length).toBeGreaterThanOrEqual(2);

  const calls: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/search")) calls.push(new URL(r.url()).pathname);
  });
  await card.getByRole("button", { name: "Shop this outfit (outfit 1)" }).click();
  await expect(card.getByRole("status")).toHaveText(`Products found for ${pieceIds.length} of ${pieceIds.length} pieces.`, { timeout: 180_000 });
  expect(calls).toEqual(["/api/v1/search/batch"]);
  for (const id of pieceIds) {
    const item = items.find((i) => i.id === id)!;
    const grid = card.locator(`[data-shop-item-id="${id}"]`);
    await expect(grid.getByRole("heading", { name: `Like your ${item.name}` })).toBeVisible();
    const cats = await grid.locator("li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-category")));
    expect(cats.length).toBeGreaterThan(0);
    expect(cats.every((c) => c === item.category)).toBe(true);
  }
  // The suggestion itself is unchanged: still the same pieces.
  expect(await card.locator(".outfit-piece").count()).toBe(pieceIds.length);
  await card.getByRole("button", { name: "Hide products" }).click();
  await expect(card.getByRole("status")).toBeHidden();
  await page.setViewportSize({ width: 390, height: 844 });
  await card.getByRole("button", { name: "Shop this outfit (outfit 1)" }).click();
  await expect(card.getByRole("status")).toHaveText(/Products found/, { timeout: 180_000 });
  await card.locator(".shop-outfit-results").scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "/tmp/shop-outfit-phone.png" });
});

test("a catalog built for another model version: Settings says so, and a search gives the version message, not wrong products", async ({ page, request }) => {
  // A second, real catalog service whose index claims another embedder version (same vectors otherwise).
  const dir = mkdtempSync(join(tmpdir(), "curator-other-catalog-"));
  const manifest = JSON.parse(readFileSync("api/catalog/catalog.json", "utf8")) as { file: string; embedder: { version: number } };
  copyFileSync(join("api/catalog", manifest.file), join(dir, manifest.file));
  writeFileSync(join(dir, "catalog.json"), JSON.stringify({ ...manifest, embedder: { ...manifest.embedder, version: manifest.embedder.version + 96 } }));
  const port = await freePort();
  const server = spawn(process.execPath, ["dist-api/node.mjs"], {
    env: { ...process.env, CURATOR_API_PORT: String(port), CURATOR_CATALOG_DIR: dir, CURATOR_API_ACCESS_LOG: "0" },
    stdio: "ignore",
  });
  try {
    await expect.poll(async () => (await request.get(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status() ?? 0, { timeout: 60_000 }).toBe(200);
    await openApp(page);
    await addGarment(page, "trousers-olive.jpg", "bottom", "men");
    await page.keyboard.press("Escape");
    await gotoTab(page, "Settings");
    const section = page.getByRole("region", { name: "Shop the look" });
    await section.getByLabel("Shop service address").fill(`http://127.0.0.1:${port}`);
    await section.getByRole("button", { name: "Test connection" }).click();
    await expect(section).toContainText("The catalog was built for another model version");

    await gotoTab(page, "Wardrobe");
    await cards(page).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Find similar products" }).click();
    await expect(dialog.getByRole("alert")).toContainText("The catalog was built for another model version", { timeout: 90_000 });
    await expect(dialog.getByRole("list", { name: "Similar products" })).toHaveCount(0);
  } finally {
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
});
