import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addPhotos, GOOD, openApp } from "./foundation-helpers";

// axe-core on every tab (and every Outfits view) of a wardrobe with a few items, on a
// phone and on a desktop, in the light and the dark theme: no violation of any rule axe
// runs by default (WCAG 2.x A/AA, colour contrast included, and best practices such as
// one main landmark and all content in landmarks).

const TABS = ["Wardrobe", "Outfits", "Style", "Settings"] as const;
const OUTFIT_VIEWS = ["Today", "Build", "Calendar", "Stats", "Laundry", "Trip", "Capsule"] as const;
const SCHEMES = ["light", "dark"] as const;

interface Found {
  where: string;
  rule: string;
  impact: string | null | undefined;
  nodes: string[];
}

async function scan(page: Page, where: string): Promise<Found[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
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
        found.push(...(await scan(page, `${at} ${tab}`)));
        if (tab === "Outfits") {
          for (const view of OUTFIT_VIEWS) {
            const sub = page.getByRole("tab", { name: view, exact: true });
            await sub.click();
            await expect(sub).toHaveAttribute("aria-selected", "true");
            found.push(...(await scan(page, `${at} Outfits/${view}`)));
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
