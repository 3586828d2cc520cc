import { expect, test, type Page } from "@playwright/test";
import { addPhotos, cards, gotoTab, openApp } from "./foundation-helpers";

// Search the shop by words, and "like this, but in red", against the real catalog
// service (dist-api/node.mjs with its text encoder, started by playwright.config.ts)
// through the preview server's /api proxy, in real Chromium.
test.describe.configure({ mode: "serial" });

const API_PORT = Number(process.env.E2E_API_PORT ?? 8787);

test.beforeAll(async ({ request }) => {
  await expect.poll(async () => (await request.get(`http://127.0.0.1:${API_PORT}/readyz`)).status(), { timeout: 120_000 }).toBe(200);
});

const productCards = (page: Page, name: string | RegExp) =>
  page
    .getByRole("list", { name })
    .locator("li")
    .evaluateAll((lis) => lis.map((li) => ({ subtype: li.getAttribute("data-subtype"), colour: li.getAttribute("data-colour") })));

async function searchBox(page: Page) {
  await openApp(page);
  await gotoTab(page, "Settings");
  const region = page.getByRole("region", { name: "Search the shop" });
  await expect(region).toBeVisible();
  return region;
}

test("typing 'black ankle boots' finds boots in black; only the words are sent", async ({ page }) => {
  const region = await searchBox(page);
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/v1/search/text")) sent.push(r.postData() ?? "");
  });
  const box = region.getByRole("searchbox", { name: "Search the shop" });
  await box.fill("black ankle boots");
  await box.press("Enter");
  await expect(region.getByRole("status")).toHaveText(/12 products found for black · ankle boots/, { timeout: 30_000 });
  const found = await productCards(page, "Products for black · ankle boots");
  expect(found).toHaveLength(12);
  for (const c of found) expect(c).toEqual({ subtype: "boots", colour: "black" });
  expect(sent.map((b) => JSON.parse(b) as unknown)).toEqual([{ text: "black ankle boots", k: 12 }]);
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await region.getByRole("list").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "/tmp/shop-text-390.png" });
});

test("words the catalog does not know get the server's explanation; offline says so and recovers", async ({ page, context }) => {
  const region = await searchBox(page);
  const box = region.getByRole("searchbox", { name: "Search the shop" });
  await box.fill("qwzx vbnm");
  await region.getByRole("button", { name: "Search", exact: true }).click();
  await expect(region.getByRole("alert")).toContainText("none of these words names a garment");
  await context.setOffline(true);
  await box.fill("red dress");
  await box.press("Enter");
  await expect(region.getByRole("alert")).toContainText("You are offline");
  await context.setOffline(false);
  await region.getByRole("button", { name: "Retry" }).click();
  await expect(region.getByRole("status")).toHaveText(/12 products found for red · dress/, { timeout: 30_000 });
  for (const c of await productCards(page, "Products for red · dress")) expect(c).toEqual({ subtype: "dress", colour: "red" });
});

test("an item's 'like this, but in red' finds products of its kind in red", async ({ page }) => {
  await openApp(page);
  await addPhotos(page, ["trousers-olive.jpg"]);
  await cards(page).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Category", { exact: true }).selectOption("bottom");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await cards(page).first().click();
  await dialog.getByLabel("Like this, but in").selectOption("red");
  await dialog.getByRole("button", { name: "Find it in red" }).click();
  const list = dialog.getByRole("list", { name: "Like this, in red" });
  await expect(list.locator("li").first()).toBeVisible({ timeout: 90_000 });
  const found = await productCards(page, "Like this, in red");
  expect(found.length).toBeGreaterThan(0);
  for (const c of found) expect(c).toEqual({ subtype: "trousers", colour: "red" });
});
