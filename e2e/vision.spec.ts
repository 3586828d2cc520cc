import { expect, test } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { fmnistSubset, garmentPhoto, solidGarment } from "./fixtures/garments.mjs";
import { encodePng } from "./fixtures/png.mjs";
import { accuracyFixtures, dismissReport, goOffline, importFiles, png, rawItems, rawTable } from "./vision-helpers";

// On-device recognition in the production build: real Chromium, real workers, the
// committed ONNX champions in onnxruntime-web, real IndexedDB.
test.describe.configure({ mode: "serial" });

/** Each fixture photo's expected top-1 kind, measured with the shipped classifier (see its note). */
const EXPECTED_FILE = "e2e/fixtures/vision-expected.json";
interface Expected {
  note: string;
  classifier: { version: number; sha256: string };
  answers: Record<string, string>;
}
/** How many of the committed answers may change before the test fails (issue 20). */
const MAY_CHANGE = 2;

function shippedClassifier(): { version: number; sha256: string } {
  const registry = JSON.parse(readFileSync("models/registry.json", "utf8")) as {
    models: { name: string; status: string; version: number; sha256: string }[];
  };
  const c = registry.models.find((m) => m.name === "garment-classifier" && m.status === "champion")!;
  return { version: c.version, sha256: c.sha256 };
}

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
  // One garment per photo: the garment detector should find one piece. Where it finds two (a
  // part of a strappy sandal beside the whole, say) the review opens and the photo is imported
  // as one item. det1 split 7 of 200 such photos (3.5 %) in Python: at most 6 of 60 here.
  const split = await importFiles(
    page,
    fixtures.map((f) => png(f.name, f.png)),
    480_000,
  );
  console.log(`vision fixtures: ${split} of ${fixtures.length} one-garment photos opened "Found N pieces" (imported as one item)`);
  test.info().annotations.push({ type: "one-garment photos split by the detector", description: `${split}/${fixtures.length}` });
  expect(split).toBeLessThanOrEqual(6);
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
    expect(item.recognition?.modelVersion).toEqual({ name: "garment-classifier", version: expect.any(Number) });
  });
  const accuracy = right / fixtures.length;
  console.log(`vision fixtures: ${right}/${fixtures.length} right = ${(accuracy * 100).toFixed(1)} %\n${rows.join("\n")}`);
  test.info().annotations.push({ type: "fixture accuracy", description: `${right}/${fixtures.length}` });
  // Per-photo answers committed with the classifier that gave them: at most MAY_CHANGE may
  // differ, each reported; a new champion rewrites the file (E2E_WRITE_VISION_EXPECTED=1).
  const answers = Object.fromEntries(fixtures.map((f, i) => [f.name, items[i]!.recognition?.top[0]?.subtype ?? "none"]));
  if (process.env.E2E_WRITE_VISION_EXPECTED === "1") {
    const note = (JSON.parse(readFileSync(EXPECTED_FILE, "utf8")) as Expected).note;
    writeFileSync(EXPECTED_FILE, JSON.stringify({ note, classifier: shippedClassifier(), answers }, null, 2) + "\n");
  }
  const expected = JSON.parse(readFileSync(EXPECTED_FILE, "utf8")) as Expected;
  expect(expected.classifier, `${EXPECTED_FILE} was measured with another classifier: ${expected.note}`).toEqual(shippedClassifier());
  const changed = fixtures.filter((f) => answers[f.name] !== expected.answers[f.name]);
  const expectedRight = fixtures.filter((f) => expected.answers[f.name] === f.subtype).length;
  for (const f of changed) console.log(`vision fixtures: ${f.name} was ${expected.answers[f.name]}, now ${answers[f.name]} (true: ${f.subtype})`);
  test.info().annotations.push({ type: "answers changed", description: `${changed.length} of ${fixtures.length}` });
  expect(changed.length, changed.map((f) => `${f.name}: ${expected.answers[f.name]} -> ${answers[f.name]}`).join("; ")).toBeLessThanOrEqual(MAY_CHANGE);
  // Hence at most MAY_CHANGE fewer right than committed (52/60 for v6 and v7; e2e/README.md).
  expect(right).toBeGreaterThanOrEqual(expectedRight - MAY_CHANGE);
  // Confident predictions were applied; the rest wait for the user.
  const confident = items.filter((i) => !i.recognition?.needsReview);
  for (const i of confident) expect(i.category).toBe(i.recognition?.top[0]?.category);
  const predictions = await rawTable<{ itemId: string; outcome: string; embedderVersion: unknown }>(page, "predictions");
  expect(predictions).toHaveLength(fixtures.length);
  for (const p of predictions) expect(p.embedderVersion).toEqual({ name: "garment-embedder", version: expect.any(Number) });
  await page.screenshot({ path: "test-results/vision-wardrobe.png", fullPage: false });
});

/** Half one garment, half another: the classifier cannot be sure what it is. */
function ambiguousPhoto() {
  const { images, labels } = fmnistSubset();
  const a = labels.indexOf(1); // trousers
  const b = labels.indexOf(8); // bag
  const buffer = encodePng({
    width: 360,
    height: 360,
    mode: "rgb",
    depth: 8,
    pixel: (x: number, y: number) => {
      const gx = Math.min(27, Math.max(0, Math.floor(((x - 40) / 280) * 28)));
      const gy = Math.min(27, Math.max(0, Math.floor(((y - 40) / 280) * 28)));
      const inside = x >= 40 && y >= 40 && x < 320 && y < 320;
      const v = inside ? (images[a * 784 + gy * 28 + gx]! + images[b * 784 + gy * 28 + gx]!) / 510 : 0;
      return [0, 1, 2].map((c) => Math.round(250 - v * (250 - [60, 70, 120][c]!)));
    },
  });
  return png("ambiguous-blend.png", buffer);
}

test("a photo the classifier is unsure about asks the user; the correction is stored and logged", async ({ page }) => {
  // The threshold is a setting: at 99 % even a fairly sure guess must be confirmed.
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("slider", { name: "Confidence threshold" }).fill("0.99");
  await expect(page.locator("output[for=threshold-input]")).toHaveText("99 %");
  await page.getByRole("tab", { name: "Wardrobe" }).click();

  await importFiles(page, [ambiguousPhoto()]);
  await expect(page.getByText(/please confirm its category/)).toBeVisible();
  const [before] = await rawItems(page);
  expect(before!.category).toBeNull();
  expect(before!.recognition?.needsReview).toBe(true);
  expect(before!.recognition!.top[0]!.confidence).toBeLessThan(0.99);

  await page.getByRole("region", { name: "Items to confirm" }).getByRole("button", { name: "Review" }).click();
  const dialog = page.getByRole("dialog", { name: "What is this?" });
  await expect(dialog.getByRole("group", { name: "Curator’s best guesses" }).getByRole("button")).toHaveCount(3);
  // No Fashion-MNIST class maps to accessories, so this is always a correction.
  await dialog.getByLabel("Something else").selectOption("accessory");
  await dialog.getByLabel("Type").selectOption("scarf");
  await dialog.getByRole("button", { name: "Use this" }).click();
  await expect(page.getByRole("region", { name: "Items to confirm" })).toHaveCount(0);

  const [after] = await rawItems(page);
  expect(after).toMatchObject({ category: "accessory", subtype: "scarf" });
  expect(after!.recognition).toMatchObject({ needsReview: false, confirmedByUser: true });
  const logs = await rawTable<{ itemId: string; outcome: string; finalCategory: string; correctedAt: number | null; modelVersion: unknown; top: unknown[] }>(
    page,
    "predictions",
  );
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatchObject({ itemId: after!.id, outcome: "corrected", finalCategory: "accessory" });
  expect(logs[0]!.correctedAt).not.toBeNull();
  expect(logs[0]!.modelVersion).toEqual({ name: "garment-classifier", version: expect.any(Number) });
  expect(logs[0]!.top).toHaveLength(3);
});

test("colours of solid-colour garments are named right, from the garment's pixels only", async ({ page }) => {
  const cases: [number, string, string][] = [
    [1, "navy", "white"],
    [3, "red", "light grey"],
    [5, "mustard", "charcoal"],
    [9, "olive", "cream"],
  ];
  await importFiles(
    page,
    cases.map(([i, colour, bg]) => {
      const s = solidGarment(i, colour, bg);
      return png(s.name, s.png);
    }),
  );
  const items = await rawItems(page);
  expect(items).toHaveLength(cases.length);
  cases.forEach(([, colour, background], k) => {
    const main = items[k]!.colours[0]!;
    expect(main.name, `${colour} garment on ${background}`).toBe(colour);
    expect(main.share).toBeGreaterThan(0.8);
    // The background never shows up as a garment colour.
    expect(items[k]!.colours.map((c) => c.name)).not.toContain(background);
  });
});

test("adding the same garment again is flagged as a near-duplicate; a different colour is not", async ({ page }) => {
  const first = garmentPhoto(100, 5, { colour: "burgundy", background: "white" });
  await importFiles(page, [png(first.name, first.png)]);
  await dismissReport(page);
  // The same garment photographed again: another size and place in the frame.
  const again = garmentPhoto(100, 77, { colour: "burgundy", background: "white" });
  const recoloured = garmentPhoto(100, 78, { colour: "mustard", background: "white" });
  await importFiles(page, [png("again.png", again.png), png("recoloured.png", recoloured.png)]);
  const report = page.getByRole("region", { name: "Import results" });
  await expect(report.locator('[data-file="again.png"]')).toContainText("near-duplicate");
  await expect(report.locator('[data-file="recoloured.png"]')).toHaveCount(0);
  // …and the item view lists the twin under "Similar in your wardrobe".
  const items = await rawItems(page);
  expect(items).toHaveLength(3);
  await page.locator(".item-card").first().click();
  await expect(page.getByRole("dialog").getByRole("heading", { name: "Similar in your wardrobe" })).toBeVisible();
  await expect(page.getByRole("dialog").locator(".similar-card")).toHaveCount(2);
});

test("cancelling a 20-photo batch stops it cleanly", async ({ page }) => {
  const files = accuracyFixtures(20).map((f) => png(f.name, f.png));
  await page.getByTestId("photo-input").setInputFiles(files);
  await expect(page.getByText(/— [3-9] of 20/)).toBeVisible({ timeout: 120_000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("region", { name: "Import results" })).toContainText("Import cancelled");
  const items = await rawItems(page);
  expect(items.length).toBeGreaterThanOrEqual(3);
  expect(items.length).toBeLessThan(20);
  // Nothing half-written: every item has its photo and its prediction log, nothing else was stored.
  const images = await rawTable<{ id: string; itemId: string }>(page, "images");
  const logs = await rawTable<{ itemId: string }>(page, "predictions");
  expect(new Set(images.map((i) => i.itemId))).toEqual(new Set(items.map((i) => i.id)));
  expect(new Set(logs.map((l) => l.itemId))).toEqual(new Set(items.map((i) => i.id)));
  // And it really stopped.
  await page.waitForTimeout(2000);
  expect(await rawItems(page)).toHaveLength(items.length);
  await expect(page.getByRole("button", { name: "Add photos" })).toBeEnabled();
});
