import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addPhotos, GOOD, openApp } from "./foundation-helpers";
import { startOpenMeteo } from "./weather-helpers";

// axe-core on every tab (and every Outfits view) of a wardrobe with a few items, on a
// phone and on a desktop, in the light and the dark theme: no violation of any rule axe
// runs by default (WCAG 2.x A/AA, colour contrast included, and best practices such as
// one main landmark and all content in landmarks). The dark theme changes only the CSS (the
// same DOM: src/app/pwa/theme.ts sets an attribute, the colours are custom properties), so
// in the dark pass axe runs only the rules that read colours: the structural rules would
// give the light pass's answers again, and halving the scans halves the spec's time.

const TABS = ["Wardrobe", "Outfits", "Style", "Settings"] as const;
const OUTFIT_VIEWS = ["Today", "Build", "Calendar", "Stats", "Laundry", "Trip", "Capsule"] as const;
const SCHEMES = ["light", "dark"] as const;

interface Found {
  where: string;
  rule: string;
  impact: string | null | undefined;
  nodes: string[];
}

/** The axe rules whose answer depends on the colours (all others read only the DOM). */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** axe's violations: every default rule in the light theme, the colour rules in the dark one. */
async function scan(page: Page, where: string, colorScheme: (typeof SCHEMES)[number]): Promise<Found[]> {
  const axe = new AxeBuilder({ page });
  const { violations } = await (colorScheme === "dark" ? axe.withRules(COLOUR_RULES) : axe).analyze();
  return violations.map((v) => ({ where, rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}

async function openTab(page: Page, name: string) {
  const tab = page.getByRole("tab", { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name })).toBeVisible();
  // The screen is loaded (not the Suspense fallback) and has its title.
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
}

test("axe finds no violation on any tab at 390 px and 1280 px, in the light and the dark theme", async ({ page }) => {
  test.setTimeout(900_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await addPhotos(page, GOOD);
  await page.getByRole("button", { name: "Dismiss import results" }).click();

  const found: Found[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    // The theme really changed (the page's background follows the scheme).
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background, colorScheme).toBe(colorScheme === "dark" ? "rgb(18, 22, 32)" : "rgb(247, 245, 242)");
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(viewport);
      const at = `${colorScheme} ${viewport.width}px`;
      for (const tab of TABS) {
        await openTab(page, tab);
        found.push(...(await scan(page, `${at} ${tab}`, colorScheme)));
        if (tab === "Outfits") {
          for (const view of OUTFIT_VIEWS) {
            const sub = page.getByRole("tab", { name: view, exact: true });
            await sub.click();
            await expect(sub).toHaveAttribute("aria-selected", "true");
            found.push(...(await scan(page, `${at} Outfits/${view}`, colorScheme)));
          }
        }
      }
    }
  }
  const perPlace = new Map<string, string[]>();
  for (const f of found) perPlace.set(f.where, [...(perPlace.get(f.where) ?? []), f.rule]);
  console.log(`axe: ${found.length} violation(s)${found.length ? ":\n" + [...perPlace].map(([w, r]) => `  ${w}: ${r.join(", ")}`).join("\n") : ""}`);
  expect(found, JSON.stringify(found, null, 2)).toEqual([]);
});

// The stylist's screens that only appear after an action: Use today's weather (choosing a
// place, with places found; on, with a forecast from a local Open-Meteo stand-in) and the
// personal colour palette after a selfie (the NASA astronaut photo, public domain).
test("axe finds no violation on the weather and palette screens at 390 px and 1280 px, light and dark", async ({ page, context }) => {
  test.setTimeout(600_000);
  const meteo = await startOpenMeteo();
  try {
    await context.setGeolocation({ latitude: 59.91, longitude: 10.75 });
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page);
    await addPhotos(page, GOOD);
    await page.getByRole("button", { name: "Dismiss import results" }).click();
    await openTab(page, "Settings");
    await page.getByLabel("Forecast address", { exact: true }).fill(`${meteo.base}/v1/forecast`);
    await page.getByLabel("Place search address", { exact: true }).fill(`${meteo.base}/v1/search`);
    await page.getByRole("button", { name: "Save addresses" }).click();
    const astronaut = join(dirname(fileURLToPath(import.meta.url)), "fixtures/faces/astronaut.png");

    const found: Found[] = [];
    const places = SCHEMES.flatMap((colorScheme) =>
      [
        { width: 390, height: 844 },
        { width: 1280, height: 800 },
      ].map((viewport) => ({ colorScheme, viewport, at: `${colorScheme} ${viewport.width}px` })),
    );
    const show = async ({ colorScheme, viewport }: (typeof places)[number]) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(viewport);
    };
    // The selfie is analysed once: a new colour scheme or width does not remount the open tab.
    await openTab(page, "Style");
    await page.getByTestId("face-file-input").setInputFiles(astronaut);
    await expect(page.getByTestId("palette-card")).toBeVisible({ timeout: 90_000 });
    for (const place of places) {
      await show(place);
      await expect(page.getByTestId("palette-card")).toBeVisible();
      found.push(...(await scan(page, `${place.at} Style/palette`, place.colorScheme)));
    }
    await openTab(page, "Outfits");
    for (const place of places) {
      await show(place);
      const panel = page.getByRole("region", { name: /weather/i });
      const off = panel.getByRole("button", { name: "Turn off" });
      const use = panel.getByRole("button", { name: "Use today’s weather" });
      // Weather is on from the last pass: wait until the panel shows either state (isVisible does not wait).
      await expect(off.or(use).first()).toBeVisible();
      if (await off.isVisible()) await off.click();
      await use.click();
      await panel.getByLabel("Or type a place").fill("Bergen");
      await panel.getByRole("button", { name: "Find" }).click();
      await expect(panel.getByRole("list", { name: "Places found" })).toBeVisible();
      found.push(...(await scan(page, `${place.at} Outfits/Today weather chooser`, place.colorScheme)));
      await panel.getByRole("button", { name: /^Bergen, Vestland/ }).click();
      await expect(page.getByTestId("weather-forecast")).toBeVisible();
      found.push(...(await scan(page, `${place.at} Outfits/Today weather on`, place.colorScheme)));
    }
    console.log(`axe (weather, palette): ${found.length} violation(s)${found.length ? ": " + found.map((f) => `${f.where}: ${f.rule}`).join("; ") : ""}`);
    expect(found, JSON.stringify(found, null, 2)).toEqual([]);
  } finally {
    await meteo.close();
  }
});
