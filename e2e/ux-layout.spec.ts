import { expect, test } from "@playwright/test";
import { addPhotos, cards, expectThumbnails, openApp } from "./foundation-helpers";

// A tall photo (rotated-exif6.jpg is portrait once its EXIF rotation is applied) once
// stretched its card past the 4:5 thumbnail and pushed the whole grid row into the next.
test("a tall photo keeps its card the same size as the others (phone and desktop)", async ({ page }) => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    if (viewport.width === 390) {
      await openApp(page);
      await addPhotos(page, ["rotated-exif6.jpg", "tshirt-navy.jpg", "trousers-olive.jpg"]);
      await page.getByRole("button", { name: "Dismiss import results" }).click();
    }
    await expectThumbnails(page, 3);
    const measure = () =>
      cards(page).evaluateAll((els) =>
        els.map((el) => {
          const card = el.getBoundingClientRect();
          const thumb = el.querySelector(".item-thumb")!.getBoundingClientRect();
          return { h: Math.round(card.height), w: card.width, thumbH: thumb.height, thumbW: thumb.width };
        }),
      );
    // Every card has the same height once laid out (polled: a card can be caught
    // mid-relayout right after the viewport changes), and every thumbnail keeps the 4:5 box.
    await expect.poll(async () => new Set((await measure()).map((b) => b.h)).size, { message: "cards differ in height" }).toBe(1);
    const boxes = await measure();
    expect(boxes[0]!.h, JSON.stringify(boxes)).toBeGreaterThan(100);
    for (const b of boxes) expect(Math.abs(b.thumbH - b.thumbW * 1.25), JSON.stringify(b)).toBeLessThan(2);
  }
});

test("page titles sit at the same place on every tab, so switching tabs does not move them", async ({ page }) => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    await openApp(page);
    const spots = new Set<string>();
    for (const tab of ["Wardrobe", "Outfits", "Style", "Settings"]) {
      await page.getByRole("tab", { name: tab }).click();
      const title = page.locator("#main h2").first();
      await expect(title).toBeVisible();
      const box = (await title.boundingBox())!;
      spots.add(`${Math.round(box.x)},${Math.round(box.y)}`);
    }
    expect([...spots], `${viewport.width}px`).toHaveLength(1);
  }
});

test("the main tabs are one Tab stop; arrow keys, Home and End move between them", async ({ page }) => {
  await openApp(page);
  const tab = (name: string) => page.getByRole("tab", { name, exact: true });
  await tab("Wardrobe").focus();
  await expect(tab("Outfits")).toHaveAttribute("tabindex", "-1");
  await page.keyboard.press("ArrowRight");
  await expect(tab("Outfits")).toBeFocused();
  await expect(tab("Outfits")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "Outfits" })).toBeVisible();
  await page.keyboard.press("End");
  await expect(tab("Settings")).toBeFocused();
  await expect(page.getByRole("tabpanel", { name: "Settings" })).toBeVisible();
  await page.keyboard.press("ArrowRight"); // wraps round
  await expect(tab("Wardrobe")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(tab("Settings")).toBeFocused();
  await page.keyboard.press("Home");
  await expect(tab("Wardrobe")).toHaveAttribute("aria-selected", "true");
  // Tab leaves the bar for the screen instead of walking through the other tabs.
  await page.keyboard.press("Tab");
  await expect(tab("Outfits")).not.toBeFocused();
  await expect(page.getByRole("button", { name: "Add photos" })).toBeFocused();
});

test("Settings on a phone: a jump list takes the user (and the focus) to a section; no sync badge while sync is off", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await expect(page.getByTestId("sync-badge")).toHaveCount(0);
  await page.getByRole("tab", { name: "Settings" }).click();
  const jump = page.getByRole("navigation", { name: "Settings sections" });
  await jump.getByRole("link", { name: "Model health" }).click();
  const heading = page.getByRole("heading", { name: "Model health", level: 3 });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/settings-jump-390.png" });
});
