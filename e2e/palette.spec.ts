import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { SEASON_NAMES, seasonPalette, type ColourSeason } from "@domain/face/seasons";
import { debugHook } from "./debug-hook";
import { noHorizontalScroll, outfitCards, settled } from "./outfits-helpers";
import { rawItems } from "./vision-helpers";

// The personal colour palette in the test build: the real face worker reads the NASA
// astronaut photo (public domain) and its colours; the Style tab shows the season's
// swatches with their names; the same photo under tungsten light gets the daylight
// message; saved with the opt-in, the palette shows in an outfit suggestion's reasons.

const here = dirname(fileURLToPath(import.meta.url));
const ASTRONAUT = readFileSync(join(here, "fixtures/faces/astronaut.png"));
const SHOTS = "test-results";

/** The astronaut photo under coloured light (every pixel multiplied, as tungsten does), made in the page's canvas. */
async function tinted(page: Page, k: [number, number, number]): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ({ png, k }) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(png)], { type: "image/png" }));
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext("2d")!;
      ctx.drawImage(bitmap, 0, 0);
      const img = ctx.getImageData(0, 0, c.width, c.height);
      for (let o = 0; o < img.data.length; o += 4) for (let ch = 0; ch < 3; ch++) img.data[o + ch] = Math.min(255, Math.round(img.data[o + ch]! * k[ch]!));
      ctx.putImageData(img, 0, 0);
      return [...new Uint8Array(await (await c.convertToBlob({ type: "image/png" })).arrayBuffer())];
    },
    { png: [...ASTRONAUT], k },
  );
  return Buffer.from(bytes);
}

async function analyse(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId("face-file-input").setInputFiles({ name, mimeType: "image/png", buffer });
  await expect(page.getByTestId("face-shape-primary")).toBeVisible({ timeout: 90_000 });
}

test("palette from the selfie: named swatches, the daylight message, used in a suggestion's reason", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/?curator-debug");
  await debugHook(page);
  await page.getByRole("tab", { name: "Style" }).click();

  // Under tungsten light: a palette, but not a sure one, and the request for daylight.
  await analyse(page, "astronaut-tungsten.png", await tinted(page, [1.25, 1.0, 0.7]));
  const card = page.getByTestId("palette-card");
  await expect(card.getByTestId("palette-messages")).toContainText("daylight");
  await expect(card.getByTestId("palette-traits")).toContainText("Not sure");

  // In the photo's own light: no daylight message; the season and its swatches, each named.
  await analyse(page, "astronaut.png", ASTRONAUT);
  // (The earlier result stays on screen until the new one replaces it: wait for the message to go.)
  await expect(card).not.toContainText("daylight");
  await expect(card.getByTestId("palette-season")).not.toBeEmpty();
  const season = (await card.getByTestId("palette-season").textContent())!.trim().toLowerCase() as ColourSeason;
  expect(SEASON_NAMES).toContain(season);
  const palette = seasonPalette(season);
  await expect(card.getByTestId("palette-traits")).toContainText(/(warm|cool|neutral) undertone/);
  const suits = card.getByRole("list", { name: "Colours that flatter you" });
  await expect(suits.getByRole("listitem")).toHaveText(palette.suits.map((s) => s.name));
  await expect(card.getByRole("list", { name: "Colours to avoid near your face" }).getByRole("listitem")).toHaveText(palette.avoid.map((s) => s.name));
  // Each chip is the swatch's colour; the name beside it says it (the chip is hidden from screen readers).
  const first = suits.locator(".palette-chip").first();
  await expect(first).toHaveAttribute("aria-hidden", "true");
  const rgb = await first.evaluate((e) => getComputedStyle(e).backgroundColor);
  const hex = palette.suits[0]!.hex;
  expect(rgb).toBe(`rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/palette-390.png`, fullPage: true });
  await noHorizontalScroll(page);

  // Saved with the opt-in: the saved palette's card says it is used.
  await card.getByLabel("Let outfit suggestions prefer these colours near my face").check();
  await card.getByRole("button", { name: "Save my palette" }).click();
  await expect(page.getByTestId("palette-saved")).toContainText(`Your saved palette: ${season.charAt(0).toUpperCase() + season.slice(1)}`);
  await expect(page.getByTestId("palette-saved").getByLabel("Used in outfit suggestions")).toBeChecked();

  // A wardrobe whose tops are in the palette's first colour: a suggestion says so.
  await page.evaluate(async () => {
    const c = new OffscreenCanvas(96, 120);
    const ctx = c.getContext("2d")!;
    ctx.fillStyle = "#888888";
    ctx.fillRect(16, 16, 64, 88);
    const thumbnail = await c.convertToBlob({ type: "image/webp" });
    const w = window as unknown as { curatorDebug: { seed(n: number, p: { original: Blob; thumbnail: Blob }, b: number, s: boolean): Promise<number> } };
    await w.curatorDebug.seed(48, { original: thumbnail, thumbnail }, 1000, true);
  });
  const tops = (await rawItems(page)).filter((i) => i.category === "top");
  expect(tops.length).toBeGreaterThan(0);
  const swatch = palette.suits[0]!;
  await page.evaluate(
    ({ ids, colour }) =>
      (window as unknown as { curatorDebug: { patchItems(p: unknown[]): Promise<void> } }).curatorDebug.patchItems(
        ids.map((id) => ({ id, patch: { colours: [{ ...colour, share: 1 }] } })),
      ),
    { ids: tops.map((t) => t.id), colour: swatch },
  );
  await page.getByRole("tab", { name: "Outfits" }).click();
  await settled(page);
  await expect(outfitCards(page).first()).toBeVisible();
  const reason = new RegExp(`close to ${swatch.name}, a colour of your ${season} palette`);
  await expect(outfitCards(page).filter({ hasText: reason }).first()).toBeVisible();
  await outfitCards(page).filter({ hasText: reason }).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/palette-reason-390.png` });

  // Turned off on the Style tab: no suggestion gives the palette as a reason.
  await page.getByRole("tab", { name: "Style" }).click();
  // (The box follows the stored setting: it shows unticked once the write is back.)
  await page.getByTestId("palette-saved").getByLabel("Used in outfit suggestions").click();
  await expect(page.getByTestId("palette-saved").getByLabel("Used in outfit suggestions")).not.toBeChecked();
  await page.getByRole("tab", { name: "Outfits" }).click();
  await settled(page);
  await expect(outfitCards(page).first()).toBeVisible();
  await expect(outfitCards(page).filter({ hasText: /palette/ })).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("tab", { name: "Style" }).click();
  await page.screenshot({ path: `${SHOTS}/palette-saved-1280.png` });
});
