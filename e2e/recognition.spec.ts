import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { dismissReport, importFiles, rawItems, rawTable } from "./vision-helpers";

// Recognition beyond Fashion-MNIST, in the production build: real Chromium, real
// workers, the committed champion models, real IndexedDB. The photos come from
// e2e/fixtures/recognition (made by models/training/styles/e2e_fixtures.py): drawings
// in held-out styles and a kind no model is trained on (kimono).
test.describe.configure({ mode: "serial" });

const here = dirname(fileURLToPath(import.meta.url));
/** The classifier the build ships: the registry's champion. */
const shipped = (
  JSON.parse(readFileSync(join(here, "..", "models", "registry.json"), "utf8")) as {
    models: { name: string; status: string; calibration?: { notClothingIndex?: number | null; energyThreshold?: number } }[];
  }
).models.find((m) => m.name === "garment-classifier" && m.status === "champion");
const canRefuse = shipped?.calibration?.notClothingIndex != null;
const photo = (file: string) => ({ name: file, mimeType: "image/jpeg", buffer: readFileSync(join(here, "fixtures", "recognition", file)) });

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Wardrobe" })).toBeVisible();
});

async function openReview(page: Page) {
  await page.getByRole("region", { name: "Items to confirm" }).getByRole("button", { name: "Review" }).click();
  return page.getByRole("dialog", { name: "What is this?" });
}

/** Answers the open review with a category and a kind the user names (a new kind). */
async function teach(page: Page, category: string, kind: string) {
  const dialog = page.getByRole("dialog", { name: "What is this?" });
  const keep = dialog.getByRole("button", { name: "Keep it anyway" });
  if (await keep.isVisible()) await keep.click();
  await dialog.getByLabel("Something else").selectOption(category);
  const type = dialog.getByLabel("Type");
  const options = await type.locator("option").allTextContents();
  if (options.some((o) => o.toLowerCase() === kind)) await type.selectOption({ label: kind[0]!.toUpperCase() + kind.slice(1) });
  else {
    await type.selectOption({ label: "New kind…" });
    await dialog.getByPlaceholder("Name the new kind, e.g. kimono").fill(kind);
    await dialog.getByRole("button", { name: "Add kind" }).click();
  }
  await dialog.getByRole("button", { name: "Use this" }).click();
}

test("a picture that is not clothing gets 'doesn't look like clothing'; Drop it removes it, Undo brings it back", async ({ page }) => {
  // Runs while the champion classifier has a 'not clothing' output (v6 and v7 have; v3 had not).
  test.skip(!canRefuse, "the shipped classifier has no 'not clothing' output");
  test.setTimeout(300_000);
  const files = ["not-clothing-dog.jpg", "not-clothing-cup.jpg", "not-clothing-plant.jpg", "not-clothing-bicycle.jpg"];
  await importFiles(page, files.map(photo));
  const report = page.getByRole("region", { name: "Import results" });
  const items = await rawItems(page);
  expect(items).toHaveLength(4);
  const refused = items.filter((i) => (i.recognition as { notClothing?: boolean } | null)?.notClothing === true);
  console.log(
    `not clothing: ${refused.length}/4 refused; ${items.map((i) => `${i.recognition?.top[0]?.subtype} ${i.recognition?.top[0]?.confidence.toFixed(2)}`).join(", ")}`,
  );
  // Nothing is filed as clothing: each is refused or asked about (issue 11's bar). Refused
  // outright: classifier v7 refuses one of the four and asks about the others, all below the
  // gate (v6 refused two). Its 'not clothing' logit was lowered on validation so that fewer
  // garments in unseen styles are refused (models/README.md): on the held-out test styles it
  // refuses 72.5 % of non-garments outright (v6 86 %) and files 3 % (v6 2 %).
  for (const i of items) expect(i.category, "a non-garment was filed").toBeNull();
  expect(refused.length).toBeGreaterThanOrEqual(1);
  await expect(report.getByText("This doesn’t look like clothing.").first()).toBeVisible();
  await dismissReport(page);

  const dialog = await openReview(page);
  // The review goes oldest first. A picture asked about (not refused) can be dropped there
  // too: "Not something you wear?" — until the first refused one comes up.
  const notClothing = dialog.getByText("This doesn’t look like clothing.");
  const dropAsked = dialog.getByRole("button", { name: "Not something you wear? Drop the photo" });
  for (let asked = 0; !(await notClothing.isVisible()); asked++) {
    expect(asked, "the review never showed a refused picture").toBeLessThan(4 - refused.length);
    await expect(notClothing.or(dropAsked)).toBeVisible();
    if (await notClothing.isVisible()) break;
    const live = (await rawItems(page)).filter((i) => i.deletedAt === null).length;
    await dropAsked.click();
    await expect.poll(async () => (await rawItems(page)).filter((i) => i.deletedAt === null).length).toBe(live - 1);
  }
  const first = (await rawItems(page)).find((i) => (i.recognition as { notClothing?: boolean } | null)?.notClothing)!;
  await dialog.getByRole("button", { name: "Drop it" }).click();
  await expect.poll(async () => (await rawItems(page)).find((i) => i.id === first.id)?.deletedAt ?? null).not.toBeNull();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(async () => (await rawItems(page)).find((i) => i.id === first.id)?.deletedAt).toBeNull();
  await page.screenshot({ path: "test-results/recognition-not-clothing.png" });
});

test("a kind taught from three photos (kimono) is recognised on the fourth", async ({ page }) => {
  test.setTimeout(300_000);
  for (const n of [1, 2, 3]) {
    await importFiles(page, [photo(`kimono-${n}.jpg`)]);
    await dismissReport(page);
    const items = await rawItems(page);
    const item = items[items.length - 1]!;
    // The model has no kimono: whatever it said, the user says what it is.
    if (item.subtype !== "kimono") {
      if (item.category === null) await openReview(page);
      else {
        await page.locator(".item-card").first().click();
        const editor = page.getByRole("dialog");
        await editor.getByLabel("Category", { exact: true }).selectOption("dress");
        const type = editor.getByLabel("Type");
        if ((await type.locator("option", { hasText: /^Kimono$/ }).count()) > 0) await type.selectOption({ label: "Kimono" });
        else {
          await type.selectOption({ label: "New kind…" });
          await editor.getByPlaceholder("Name the new kind, e.g. kimono").fill("kimono");
          await editor.getByRole("button", { name: "Add kind" }).click();
        }
        await editor.getByRole("button", { name: "Save" }).click();
        continue;
      }
      await teach(page, "dress", "kimono");
    }
  }
  const taught = await rawItems(page);
  expect(taught.map((i) => i.subtype)).toEqual(["kimono", "kimono", "kimono"]);
  await importFiles(page, [photo("kimono-4.jpg")]);
  const fourth = (await rawItems(page))[3]!;
  console.log(`4th kimono: ${JSON.stringify(fourth.recognition?.top.map((t) => [t.subtype, t.confidence.toFixed(3)]))}`);
  expect(fourth.recognition!.top[0]).toMatchObject({ category: "dress", subtype: "kimono" });
  // The taught kind is a filter like any other.
  await dismissReport(page);
  await page.getByLabel("Category").first().selectOption("dress");
  await page.getByLabel("Kind").selectOption({ label: "Kimono" });
  await expect(page.getByTestId("result-count")).toHaveText(/4 of 4 items|4 items/);
  await page.screenshot({ path: "test-results/recognition-taught-kind.png" });
});

test("a correction changes the next prediction of a look-alike", async ({ page }) => {
  test.setTimeout(300_000);
  await importFiles(page, [photo("lookalike-1.jpg")]);
  await dismissReport(page);
  const [first] = await rawItems(page);
  const said = first!.recognition!.top[0]!.subtype;
  // Whatever the model said, the user says otherwise (a skirt, or shorts if it said skirt).
  const truth = said === "skirt" ? "shorts" : "skirt";
  if (first!.category === null) {
    await openReview(page);
    await teach(page, "bottom", truth);
  } else {
    await page.locator(".item-card").first().click();
    const editor = page.getByRole("dialog");
    await editor.getByLabel("Category", { exact: true }).selectOption("bottom");
    await editor.getByLabel("Type").selectOption({ label: truth[0]!.toUpperCase() + truth.slice(1) });
    await editor.getByRole("button", { name: "Save" }).click();
  }
  const logs = await rawTable<{ outcome: string; finalSubtype: string }>(page, "predictions");
  expect(logs[0]).toMatchObject({ outcome: "corrected", finalSubtype: truth });
  await importFiles(page, [photo("lookalike-2.jpg")]);
  const second = (await rawItems(page))[1]!;
  console.log(
    `look-alike: model said ${said}, user said ${truth}; next photo -> ${JSON.stringify(second.recognition?.top.map((t) => [t.subtype, t.confidence.toFixed(3)]))}`,
  );
  expect(second.recognition!.top[0]!.subtype).toBe(truth);
});
