import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { cards, expectThumbnails, fixture, GOOD, openApp, addPhotos } from "./foundation-helpers";

// Curator as an installed app on a phone: Share → Curator through the real service
// worker (the manifest's share_target: a POST navigation, multipart), online and
// offline; the home-screen shortcuts; the install card; the offline indicator; the
// manifest itself.

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

interface Shared {
  name: string;
  type: string;
  bytes: number[];
}

async function photo(name: string): Promise<Shared> {
  return { name, type: "image/jpeg", bytes: [...(await readFile(fixture(name)))] };
}
const pdf = (name: string): Shared => ({ name, type: "application/pdf", bytes: [...PDF] });

interface Manifest {
  share_target: { action: string; method: string; enctype: string; params: { files: { name: string; accept: string[] }[] } };
  file_handlers: { action: string; accept: Record<string, string[]> }[];
  shortcuts: { name: string; url: string }[];
  screenshots: { src: string; sizes: string; form_factor: string }[];
  theme_color: string;
}

async function manifest(page: Page): Promise<Manifest> {
  return (await (await page.request.get("/manifest.webmanifest")).json()) as Manifest;
}

/** Waits until the service worker is active and controls the page (the shell is precached then). */
async function controlled(page: Page) {
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
}

/**
 * What Android does for Share → Curator: a POST navigation to the share target with the
 * files as multipart form data. The page builds that form (the files from Node's bytes)
 * and submits it; the service worker answers, no server involved.
 */
async function shareInto(page: Page, action: string, field: string, files: Shared[]) {
  await page.evaluate(
    ({ action, field, files }) => {
      const form = document.createElement("form");
      form.method = "post";
      form.enctype = "multipart/form-data";
      form.action = action;
      const input = document.createElement("input");
      input.type = "file";
      input.name = field;
      input.multiple = true;
      const list = new DataTransfer();
      for (const f of files) list.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      input.files = list.files;
      const title = document.createElement("input");
      title.name = "title";
      title.value = "From the gallery";
      form.append(input, title);
      document.body.append(form);
      form.submit();
    },
    { action, field, files },
  );
}

const report = (page: Page) => page.getByRole("region", { name: "Import results" });

async function inboxSize(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const r = indexedDB.open("curator-inbox");
        r.onsuccess = () => {
          const db = r.result;
          if (!db.objectStoreNames.contains("shares")) return resolve(0);
          const c = db.transaction("shares").objectStore("shares").count();
          c.onsuccess = () => {
            db.close();
            resolve(c.result);
          };
          c.onerror = () => reject(c.error);
        };
        r.onerror = () => reject(r.error);
      }),
  );
}

test("the manifest: share target, file handlers, shortcuts, screenshots that exist at their sizes", async ({ page }) => {
  await page.goto("/");
  const m = await manifest(page);
  expect(m.share_target).toMatchObject({ method: "POST", enctype: "multipart/form-data" });
  expect(m.share_target.params.files[0]!.accept).toContain("image/*");
  expect(Object.keys(m.file_handlers[0]!.accept)).toEqual(expect.arrayContaining(["image/jpeg", "image/png", "image/webp", "image/heic"]));
  expect(m.shortcuts.map((s) => s.name)).toEqual(["Add clothes", "Today's outfit", "Plan a trip"]);
  expect(new Set(m.screenshots.map((s) => s.form_factor))).toEqual(new Set(["narrow", "wide"]));
  for (const s of m.screenshots) {
    const png = Buffer.from(await (await page.request.get(`/${s.src}`)).body());
    expect(png.subarray(1, 4).toString(), s.src).toBe("PNG");
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, s.src).toBe(s.sizes);
  }
  // theme-color per colour scheme.
  const metas = await page
    .locator('meta[name="theme-color"]')
    .evaluateAll((ms) => ms.map((x) => `${(x as HTMLMetaElement).media}=${(x as HTMLMetaElement).content}`));
  expect(metas).toEqual(["(prefers-color-scheme: light)=#1f2a44", "(prefers-color-scheme: dark)=#1a2235"]);
});

test("Share → Curator through the service worker: 3 files (one a PDF) → 2 items and 1 clear message, online and offline", async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await controlled(page);
  const m = await manifest(page);
  const field = m.share_target.params.files[0]!.name;

  // Online: from the gallery, two photos and a PDF that is not one.
  await shareInto(page, m.share_target.action, field, [await photo(GOOD[0]!), pdf("receipt.pdf"), await photo(GOOD[1]!)]);
  await expect(report(page)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("tab", { name: "Wardrobe" })).toHaveAttribute("aria-selected", "true");
  await expect(report(page).getByRole("status")).toHaveText("Added 2 items; 1 file was not imported.");
  await expect(report(page).locator('.import-error[data-file="receipt.pdf"]')).toContainText(/PDF/);
  await expectThumbnails(page, 2);
  expect(new URL(page.url()).search, "the address is the plain app again").toBe("");
  await page.screenshot({ path: "test-results/pwa-share-390.png" });
  // Kept until the import reported; then the inbox is empty.
  await expect.poll(() => inboxSize(page)).toBe(0);

  // Offline: the service worker receives the share and the app opens from its cache.
  await context.setOffline(true);
  await shareInto(page, m.share_target.action, field, [await photo(GOOD[2]!), pdf("ticket.pdf"), await photo("gps-shirt.jpg")]);
  await expect(report(page).getByRole("status")).toHaveText("Added 2 items; 1 file was not imported.", { timeout: 90_000 });
  await expect(report(page).locator('.import-error[data-file="ticket.pdf"]')).toContainText(/PDF/);
  await expectThumbnails(page, 4);
  await expect(page.getByTestId("offline-indicator")).toBeVisible();
  await expect.poll(() => inboxSize(page)).toBe(0);
  await context.setOffline(false);

  // A reload does not import anything again.
  await page.reload();
  await expectThumbnails(page, 4);
  await expect(report(page)).toHaveCount(0);
});

test("home-screen shortcuts open their screens", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const shortcuts = new Map((await manifest(page)).shortcuts.map((s) => [s.name, s.url]));

  await page.goto(new URL(shortcuts.get("Add clothes")!, page.url()).href);
  await expect(page.getByRole("tab", { name: "Wardrobe" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("button", { name: "Add photos" })).toBeFocused();
  expect(new URL(page.url()).search).toBe("");

  await page.goto(new URL(shortcuts.get("Today's outfit")!, page.url()).href);
  await expect(page.getByRole("tab", { name: "Outfits", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: "Today", exact: true })).toHaveAttribute("aria-selected", "true");

  // Plan a trip: the Outfits tab, on its Trips view where the app has one.
  await page.goto(new URL(shortcuts.get("Plan a trip")!, page.url()).href);
  await expect(page.getByRole("tab", { name: "Outfits", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: "Outfits" })).toBeVisible();
  const trips = page.getByRole("tab", { name: /^Trips?$/ });
  if (await trips.count()) await expect(trips).toHaveAttribute("aria-selected", "true");
});

/** Chromium's install event, as the browser would fire it once the app is installable. */
async function offerInstall(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __prompted: number };
    w.__prompted = 0;
    const e = new Event("beforeinstallprompt", { cancelable: true }) as Event & { prompt(): Promise<void>; userChoice: Promise<{ outcome: string }> };
    e.prompt = async () => void w.__prompted++;
    e.userChoice = Promise.resolve({ outcome: "accepted" });
    window.dispatchEvent(e);
  });
}

test("the install card: only after 3 items, Install opens the browser's prompt, Not now is remembered", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await offerInstall(page);
  const card = page.getByRole("complementary", { name: "Install Curator" });
  await page.waitForTimeout(500);
  await expect(card, "not on an empty wardrobe").toHaveCount(0);
  await addPhotos(page, GOOD);
  await expect(card).toBeVisible();
  await page.screenshot({ path: "test-results/pwa-install-390.png" });
  await card.getByRole("button", { name: "Install" }).click();
  await expect(card).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __prompted: number }).__prompted)).toBe(1);

  // Offered again on another visit; Not now is remembered. (The browser's event is offered once
  // the wardrobe is on screen: the app's listener lives in the Wardrobe's module.)
  await page.reload();
  await expect(page.locator(".item-card")).toHaveCount(GOOD.length);
  await offerInstall(page);
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Not now" }).click();
  await expect(card).toHaveCount(0);
  await page.reload();
  await expect(page.locator(".item-card")).toHaveCount(GOOD.length);
  await offerInstall(page);
  await page.waitForTimeout(1000);
  await expect(card).toHaveCount(0);
});

test("iOS Safari gets plain Add to Home Screen steps", async ({ browser }) => {
  test.setTimeout(180_000);
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
  });
  const page = await context.newPage();
  await openApp(page);
  await addPhotos(page, GOOD);
  const card = page.getByRole("complementary", { name: "Install Curator" });
  await expect(card).toContainText("tap Share");
  await expect(card).toContainText("Add to Home Screen");
  await expect(card.getByRole("button", { name: "Install" })).toHaveCount(0);
  await card.getByRole("button", { name: "Got it" }).click();
  await expect(card).toHaveCount(0);
  await context.close();
});

test("offline indicator says what still works and what needs a connection", async ({ page, context }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const badge = page.getByTestId("offline-indicator");
  await expect(badge).toHaveCount(0);
  await context.setOffline(true);
  await expect(badge).toBeVisible();
  await badge.click();
  const panel = page.getByRole("region", { name: "Working offline" });
  await expect(panel).toContainText("Still works: your wardrobe");
  await expect(panel).toContainText("Needs a connection: sync with your bucket and Shop the look");
  await page.screenshot({ path: "test-results/pwa-offline-390.png" });
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(badge).toBeFocused();
  await context.setOffline(false);
  await expect(badge).toHaveCount(0);
  expect(await cards(page).count()).toBe(0);
});
