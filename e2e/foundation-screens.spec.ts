import { expect, test, type Page } from "@playwright/test";
import { addPhotos, cards, expectRenderedThumbnails, openApp } from "./foundation-helpers";

const PHOTOS = ["tshirt-navy.jpg", "trousers-olive.jpg", "dress-red.jpg", "gps-shirt.jpg", "cmyk-shirt.jpg", "animated.gif"];

async function fillWardrobe(page: Page) {
  await openApp(page);
  await addPhotos(page, [...PHOTOS, ...PHOTOS]);
  await page.getByRole("button", { name: "Dismiss import results" }).click();
  await expectRenderedThumbnails(page);
  // Give a few items names and a favourite so the grid shows real captions.
  const names: [number, string, string][] = [
    [0, "Terracotta scarf", "accessory"],
    [1, "Red tee", "top"],
    [2, "Green tee", "top"],
  ];
  for (const [i, name, category] of names) {
    await cards(page).nth(i).click();
    const d = page.getByRole("dialog");
    await d.getByLabel("Name", { exact: true }).fill(name);
    await d.getByLabel("Category", { exact: true }).selectOption(category);
    await d.getByLabel("Brand", { exact: true }).fill("Curator Basics");
    if (i === 1) await d.getByRole("checkbox", { name: "Favourite" }).check();
    await d.getByRole("button", { name: "Save" }).click();
    await expect(d).toBeHidden();
  }
  // Screenshots show the grid from the top, without transient notices.
  await page.evaluate(() => window.scrollTo(0, 0));
  const close = page.getByRole("button", { name: "Dismiss notification" });
  while ((await close.count()) > 0) await close.first().click();
}

test("phone size 390×844: grid screenshot, no horizontal scrolling, editor fits", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await fillWardrobe(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: "test-results/foundation-grid-390x844.png" });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await cards(page).first().click();
  await page.screenshot({ path: "test-results/foundation-editor-390x844.png" });
  const box = await page.getByRole("dialog").boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
});

test("desktop 1280×800: grid screenshot, keyboard navigation opens items", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await fillWardrobe(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: "test-results/foundation-grid-1280x800.png" });

  await cards(page).first().focus();
  await page.keyboard.press("ArrowRight");
  await expect(cards(page).nth(1)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  const columns = await page.getByRole("grid").getAttribute("aria-colcount");
  await expect(page.locator(`.item-card[data-index="${1 + Number(columns)}"]`)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.screenshot({ path: "test-results/foundation-editor-1280x800.png" });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();

  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page.getByTestId("storage-usage")).toBeVisible();
  await page.screenshot({ path: "test-results/foundation-settings-1280x800.png" });
});
