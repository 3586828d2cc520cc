import { expect, test, type Page } from "@playwright/test";
import { addPhotos, GOOD, openApp } from "./foundation-helpers";

// The dark theme: it follows the system's colour scheme, Settings → Appearance can fix
// it per device (applied before the first paint), the browser's theme-color follows,
// focus rings stay visible in both, and every tab is photographed at 390 × 844 and
// 1280 × 800 in dark (test-results/theme-*.png) to be looked at. Contrast of every tab
// in both themes is axe's job (a11y.spec.ts).

const TABS = ["Wardrobe", "Outfits", "Style", "Settings"] as const;
const DARK_PAPER = "rgb(18, 22, 32)";
const LIGHT_PAPER = "rgb(247, 245, 242)";

const paper = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
/** The theme-color the browser uses: the meta whose media matches. */
const themeColour = (page: Page) =>
  page.evaluate(
    () => [...document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')].find((m) => !m.media || matchMedia(m.media).matches)?.content,
  );

async function openTab(page: Page, name: string) {
  const tab = page.getByRole("tab", { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
}

test("dark follows the system: every tab at 390 × 844 and 1280 × 800, theme-color per scheme", async ({ page }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  expect(await paper(page)).toBe(DARK_PAPER);
  expect(await themeColour(page)).toBe("#1a2235");
  await addPhotos(page, GOOD);
  await page.getByRole("button", { name: "Dismiss import results" }).click();
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    for (const tab of TABS) {
      await openTab(page, tab);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `test-results/theme-dark-${viewport.width}-${tab.toLowerCase()}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  expect(await paper(page)).toBe(LIGHT_PAPER);
  expect(await themeColour(page)).toBe("#1f2a44");
});

test("Settings → Appearance overrides the system, before the first paint, and can follow it again", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await openTab(page, "Settings");
  const appearance = page.getByRole("region", { name: "Appearance" });
  await expect(appearance.getByRole("radio", { name: "Same as this device" })).toBeChecked();
  await appearance.getByRole("radio", { name: "Dark" }).check();
  expect(await paper(page)).toBe(DARK_PAPER);
  expect(await themeColour(page)).toBe("#1a2235");
  await page.screenshot({ path: "test-results/theme-dark-390-appearance.png" });

  // After a reload the static shell (before the app's script) is already dark.
  await page.route(/\/assets\/index-[\w-]+\.js$/, (route) => route.abort());
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  expect(await paper(page)).toBe(DARK_PAPER);
  await page.unroute(/\/assets\/index-[\w-]+\.js$/);
  await page.reload();
  await openTab(page, "Settings");
  await expect(appearance.getByRole("radio", { name: "Dark" })).toBeChecked();

  // Light on a dark system; then the system's again.
  await page.emulateMedia({ colorScheme: "dark" });
  await appearance.getByRole("radio", { name: "Light" }).check();
  expect(await paper(page)).toBe(LIGHT_PAPER);
  expect(await themeColour(page)).toBe("#1f2a44");
  await appearance.getByRole("radio", { name: "Same as this device" }).check();
  expect(await paper(page)).toBe(DARK_PAPER);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await paper(page)).toBe(LIGHT_PAPER);
});

test("focus rings keep 3:1 against the page in both themes", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.getByRole("button", { name: "Add photos" }).focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab"); // keyboard focus: :focus-visible
    const ratio = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const lum = (c: number[]) => 0.2126 * lin(c[0]!) + 0.7152 * lin(c[1]!) + 0.0722 * lin(c[2]!);
      function lin(v: number) {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }
      const contrast = (a: string, b: string) => {
        const [x, y] = [lum(rgb(a)), lum(rgb(b))];
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
      };
      const page = getComputedStyle(document.documentElement).backgroundColor;
      const inner = style.boxShadow.match(/rgba?\([^)]*\)/)?.[0] ?? page;
      return { outline: contrast(style.outlineColor, page), inner: contrast(inner, page), width: style.outlineWidth };
    });
    expect(ratio.width, colorScheme).toBe("3px");
    expect(Math.max(ratio.outline, ratio.inner), `${colorScheme}: ${JSON.stringify(ratio)}`).toBeGreaterThanOrEqual(3);
  }
});
