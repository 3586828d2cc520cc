import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createServer } from "node:net";
import { debugHook } from "./debug-hook";
import { gotoTab } from "./foundation-helpers";
import { field, noHorizontalScroll, openView } from "./outfits-helpers";
import { rawItems, type RawItem } from "./vision-helpers";

// Outfits → Capsule → "Find the piece that would add the most in the shop" against the
// real catalog service (dist-api/node.mjs with its text encoder, started by
// playwright.config.ts) through the preview server's /api proxy, in the test build:
// a capsule with one pair of shoes gets a pair of shoes from the shop as its best piece,
// "+N outfits" on each product, only words and filters sent; offline or with a dead shop
// address, the shop's message and the wardrobe's own suggestion stays. Screenshots at 390 px.
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results";
const API_PORT = Number(process.env.E2E_API_PORT ?? 8787);

test.beforeAll(async ({ request }) => {
  // The service answers at once but loads its catalog and text encoder first.
  await expect
    .poll(
      async () => {
        const r = await request.get(`http://127.0.0.1:${API_PORT}/readyz`);
        return r.ok() ? ((await r.json()) as { text?: { status: string } }).text?.status : r.status();
      },
      { timeout: 120_000 },
    )
    .toBe("available");
});

const swatch = (name: string, hex: string) => [{ name, hex, share: 1 }];

/** A small wardrobe with exactly one pair of shoes, untagged (what is inferred from the kind counts). */
const WARDROBE = [
  { name: "White tee", category: "top", subtype: "t-shirt", colours: swatch("white", "#f8f8f6") },
  { name: "Navy sweater", category: "top", subtype: "sweater", colours: swatch("navy", "#1f2b52") },
  { name: "Grey shirt", category: "top", subtype: "shirt", colours: swatch("light grey", "#c6c6c6") },
  { name: "Jeans", category: "bottom", subtype: "jeans", colours: swatch("denim blue", "#4d6a8f") },
  { name: "Black trousers", category: "bottom", subtype: "trousers", colours: swatch("black", "#141414") },
  { name: "Camel chinos", category: "bottom", subtype: "trousers", colours: swatch("camel", "#c09162") },
  { name: "White sneakers", category: "shoes", subtype: "sneakers", colours: swatch("white", "#f8f8f6") },
];

/** Seeds the wardrobe through the real repository (?curator-debug), then describes each piece. */
async function seedWardrobe(page: Page) {
  await page.goto("/?curator-debug");
  await debugHook(page);
  await page.evaluate(async (n) => {
    const c = new OffscreenCanvas(96, 120);
    const ctx = c.getContext("2d")!;
    ctx.fillStyle = "#888888";
    ctx.fillRect(16, 16, 64, 88);
    const thumbnail = await c.convertToBlob({ type: "image/webp" });
    const w = window as unknown as { curatorDebug: { seed(n: number, p: { original: Blob; thumbnail: Blob }, b: number, s: boolean): Promise<number> } };
    await w.curatorDebug.seed(n, { original: thumbnail, thumbnail }, 1000, true);
  }, WARDROBE.length);
  const seeded = await rawItems(page);
  expect(seeded).toHaveLength(WARDROBE.length);
  const patches = seeded.map((item, k) => ({
    id: item.id,
    patch: { ...WARDROBE[k]!, gender: "unisex", occasions: [], seasons: [], material: "cotton", wearCount: 0, lastWornAt: null, favourite: false },
  }));
  await page.evaluate((p) => (window as unknown as { curatorDebug: { patchItems(x: unknown): Promise<void> } }).curatorDebug.patchItems(p), patches);
  expect(((await rawItems(page)) as (RawItem & { name: string })[]).map((i) => i.name).sort()).toEqual(WARDROBE.map((g) => g.name).sort());
}

async function buildCapsule(page: Page) {
  await page.getByRole("tab", { name: "Outfits" }).click();
  await openView(page, "Capsule");
  const form = page.getByRole("form", { name: "Build a capsule" });
  await field(form, "Pieces").fill("6");
  await field(form, "Occasion").selectOption("casual");
  await form.getByRole("button", { name: "Build the capsule" }).click();
  const summary = page.getByTestId("capsule-summary");
  await expect(summary).toHaveText(/^6 pieces make \d+ outfits?$/);
  return Number((await summary.textContent())!.match(/make (\d+)/)![1]);
}

interface ShopCard {
  category: string | null;
  adds: number;
  text: string;
  decoded: boolean;
}

const shopCards = (page: Page): Promise<ShopCard[]> =>
  page
    .getByRole("list", { name: "From the shop" })
    .locator("li")
    .evaluateAll((lis) =>
      lis.map((li) => {
        const img = li.querySelector("img");
        return {
          category: li.getAttribute("data-category"),
          adds: Number(li.getAttribute("data-adds")),
          text: (li.textContent ?? "").replace(/\s+/g, " "),
          decoded: img !== null && img.complete && img.naturalWidth > 0,
        };
      }),
    );

test("the piece from the shop that would add the most: shoes for a one-shoe capsule, '+N outfits', only words sent", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await seedWardrobe(page);
  const outfits = await buildCapsule(page);
  expect(outfits).toBeGreaterThan(0);

  const sent: string[] = [];
  const urls: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/")) urls.push(r.url());
    if (r.url().endsWith("/api/v1/search/text/batch")) sent.push(r.postData() ?? "");
  });
  const addition = page.getByTestId("capsule-addition");
  // The wardrobe's own suggestion is there before the shop is asked, and nothing was sent yet.
  await expect(addition.getByRole("heading", { name: "The one piece that would add the most" })).toBeVisible();
  expect(urls).toEqual([]);

  const shop = page.getByTestId("capsule-shop");
  await shop.getByRole("button", { name: "Find the piece that would add the most in the shop" }).click();
  await expect(shop.getByRole("status")).toHaveText(/\d+ of \d+ products found would add outfits; the best adds \d+\./, { timeout: 60_000 });

  // Product pictures come from the service: every one decodes (waited for, they load after the list).
  await expect.poll(async () => (await shopCards(page)).map((c) => c.decoded)).not.toContain(false);
  const found = await shopCards(page);
  expect(found.length).toBeGreaterThan(0);
  expect(found.length).toBeLessThanOrEqual(3);
  // One pair of shoes in the capsule: a second pair adds an outfit per top-and-bottom pair, more than any top or bottom.
  expect(found[0]!.category).toBe("shoes");
  for (const [k, c] of found.entries()) {
    expect(c.adds, c.text).toBeGreaterThan(0);
    expect(c.text).toContain(`+${c.adds} ${c.adds === 1 ? "outfit" : "outfits"}`);
    expect(c.text).toMatch(/[€$£]|EUR|USD/);
    expect(c.decoded, `product ${k + 1}'s image decoded`).toBe(true);
    if (k > 0) expect(c.adds).toBeLessThanOrEqual(found[k - 1]!.adds);
  }
  const best = Number((await shop.getByRole("status").textContent())!.match(/the best adds (\d+)/)![1]);
  expect(found[0]!.adds).toBe(best);

  // What was sent: one request, words and filters only — no photo, embedding or item name.
  expect(sent).toHaveLength(1);
  const body = JSON.parse(sent[0]!) as { queries: Record<string, unknown>[] };
  expect(body.queries.length).toBeGreaterThan(0);
  for (const q of body.queries) {
    for (const key of Object.keys(q)) expect(["text", "k", "category", "gender"]).toContain(key);
    expect(q.text).toMatch(/^[a-z]+ [a-z -]+$/);
  }
  expect(body.queries.some((q) => q.category === "shoes")).toBe(true);
  for (const bad of ["embedding", "like", "data:", "blob:", "base64", ...WARDROBE.map((g) => g.name)]) expect(sent[0]).not.toContain(bad);
  await expect(shop).toContainText(`Asked the shop for: ${body.queries.map((q) => q.text as string).join(", ")}.`);
  console.log(
    `capsule makes ${outfits}; shop asked for ${body.queries.map((q) => q.text as string).join(", ")}; best: ${found.map((c) => c.text).join(" | ")}`,
  );

  await shop.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/capsule-shop-390.png`, fullPage: true });
  await noHorizontalScroll(page);
  const { violations } = await new AxeBuilder({ page }).include("[data-testid=capsule-shop]").analyze();
  expect(violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("offline: the shop says it needs a connection and the wardrobe's own suggestion stays", async ({ page, context }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await seedWardrobe(page);
  await buildCapsule(page);
  const addition = page.getByTestId("capsule-addition");
  const wardrobeSuggestion = (await addition.locator(".capsule-addition-piece, p.muted").first().textContent())!;

  await context.setOffline(true);
  const shop = page.getByTestId("capsule-shop");
  await shop.getByRole("button", { name: "Find the piece that would add the most in the shop" }).click();
  const alert = shop.getByRole("alert");
  await expect(alert).toContainText("You are offline");
  await expect(alert).toContainText("The piece from your wardrobe above still stands.");
  await expect(page.getByRole("list", { name: "From the shop" })).toHaveCount(0);
  await expect(addition.locator(".capsule-addition-piece, p.muted").first()).toHaveText(wardrobeSuggestion);
  await page.screenshot({ path: `${SHOTS}/capsule-shop-offline-390.png`, fullPage: true });

  // Back online, Retry finds the pieces.
  await context.setOffline(false);
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(shop.getByRole("status")).toHaveText(/products found would add outfits/, { timeout: 60_000 });
  await expect(page.getByRole("list", { name: "From the shop" }).locator("li").first()).toBeVisible();
});

test("a shop address where nothing answers: the shop says it could not be reached, the wardrobe's suggestion stays", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await seedWardrobe(page);
  // A port nothing listens on (bound, then released), saved as the shop's address.
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", ok));
  const port = (s.address() as { port: number }).port;
  await new Promise((ok) => s.close(ok));
  await gotoTab(page, "Settings");
  const section = page.getByRole("region", { name: "Shop the look" });
  await section.getByLabel("Shop service address").fill(`http://127.0.0.1:${port}`);
  await section.getByRole("button", { name: "Test connection" }).click();
  await expect(section.getByRole("alert")).toContainText("could not be reached");

  await buildCapsule(page);
  const shop = page.getByTestId("capsule-shop");
  await shop.getByRole("button", { name: "Find the piece that would add the most in the shop" }).click();
  await expect(shop.getByRole("alert")).toContainText("The shop service could not be reached", { timeout: 30_000 });
  await expect(shop.getByRole("alert")).toContainText("The piece from your wardrobe above still stands.");
  await expect(page.getByTestId("capsule-addition").locator(".capsule-addition-piece")).toContainText("from your wardrobe");
  await expect(page.getByRole("list", { name: "From the shop" })).toHaveCount(0);
});
