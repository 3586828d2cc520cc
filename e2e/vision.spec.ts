import { expect, test } from "@playwright/test";
import { fmnistSubset, garmentPhoto, solidGarment } from "./fixtures/garments.mjs";
import { encodePng } from "./fixtures/png.mjs";
import { accuracyFixtures, dismissReport, goOffline, importFiles, png, rawItems, rawTable } from "./vision-helpers";

// On-device recognition in the production build: real Chromium, real workers, the
// committed ONNX champions in onnxruntime-web, real IndexedDB.
test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Wardrobe" })).toBeVisible();
});

test("garment photos get the right category (Fashion-MNIST test images as photos), offline", async ({ page, context }) => {
  test.setTimeout(600_000);
  // First visit online installs the service worker (which precaches the models); the
  // analysis then runs with the network off.
  await goOffline(page, context);
  const fixtures = accuracyFixtures(60);
  await importFiles(page, fixtures.map((f) => png(f.name, f.png)), 480_000);
  const items = await rawItems(page);
  expect(items).toHaveLength(fixtures.length);
  let right = 0;
  const rows: string[] = [];
  fixtures.forEach((f, i) => {
    const item = items[i]!;
    const top = item.recognition?.top[0];
    const ok = top?.subtype === f.subtype;
    if (ok) right++;
    rows.push(`${f.name}\t${top?.subtype}\t${top?.confidence.toFixed(3)}\t${ok ? "ok" : "WRONG"}`);
    // Everything derived from the photo is on the item.
    expect(item.embedding).toHaveLength(128);
    expect(item.colours.length).toBeGreaterThan(0);
    expect(item.recognition?.modelVersion).toMatch(/^garment-classifier@\d+$/);
  });
  const accuracy = right / fixtures.length;
  console.log(`vision fixtures: ${right}/${fixtures.length} right = ${(accuracy * 100).toFixed(1)} %\n${rows.join("\n")}`);
  test.info().annotations.push({ type: "fixture accuracy", description: `${right}/${fixtures.length}` });
  // Floor: see the "fixture accuracy" note in e2e/README.md — the champion's Fashion-MNIST
  // accuracy minus the measured cost of the photo→model contract, minus 2 binomial SEs.
  expect(accuracy).toBeGreaterThanOrEqual(0.7);
  // Confident predictions were applied; the rest wait for the user.
  const confident = items.filter((i) => !i.recognition?.needsReview);
  for (const i of confident) expect(i.category).toBe(i.recognition?.top[0]?.category);
  const predictions = await rawTable<{ itemId: string; outcome: string; modelVersion: string }>(page, "predictions");
  expect(predictions).toHaveLength(fixtures.length);
  await page.screenshot({ path: "test-results/vision-wardrobe.png", fullPage: false });
});
