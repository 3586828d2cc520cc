import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { addPhotos, cards, expectThumbnails, fixture, GOOD, gotoTab, openApp, storedImages } from "./foundation-helpers";

test("add 3 photos, reload: still there with thumbnails; offline reload still works", async ({ page, context }) => {
  await openApp(page);
  await expect(page.getByText("Add your first clothes")).toBeVisible();
  await addPhotos(page, GOOD);
  await expect(page.getByRole("region", { name: "Import results" })).toContainText("Added 3 items.");
  await expectThumbnails(page, 3);

  await page.reload();
  await expectThumbnails(page, 3);
  // The service worker has precached the shell once it is active and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expectThumbnails(page, 3);
  await gotoTab(page, "Settings");
  await expect(page.getByRole("heading", { name: "Export and import" })).toBeVisible();
  await gotoTab(page, "Wardrobe");
  await expectThumbnails(page, 3);
  await context.setOffline(false);
});

test("edit an item's details: persisted across reload, searchable and filterable", async ({ page }) => {
  await openApp(page);
  await addPhotos(page, GOOD.slice(0, 2));
  await cards(page).first().click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name", { exact: true }).fill("Navy tee");
  await dialog.getByLabel("Category", { exact: true }).selectOption("top");
  await dialog.getByLabel("Type", { exact: true }).selectOption("t-shirt");
  await dialog.getByRole("checkbox", { name: "Navy" }).check();
  await dialog.getByRole("checkbox", { name: "Summer" }).check();
  await dialog.getByRole("checkbox", { name: "Casual" }).check();
  await dialog.getByLabel("Material", { exact: true }).fill("cotton");
  await dialog.getByLabel("Brand", { exact: true }).fill("Acme");
  await dialog.getByLabel("Price", { exact: true }).fill("19.5");
  await dialog.getByLabel("Purchase date", { exact: true }).fill("2025-04-12");
  await dialog.getByLabel("Fit", { exact: true }).selectOption("unisex");
  await dialog.getByLabel("Neckline", { exact: true }).selectOption("v-neck");
  await dialog.getByLabel("Notes", { exact: true }).fill("Wash cold");
  await dialog.getByRole("checkbox", { name: "Favourite" }).check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  await page.reload();
  await expect(cards(page)).toHaveCount(2);
  await page.getByRole("button", { name: /Navy tee/ }).click();
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue("Navy tee");
  await expect(dialog.getByLabel("Category", { exact: true })).toHaveValue("top");
  await expect(dialog.getByLabel("Type", { exact: true })).toHaveValue("t-shirt");
  await expect(dialog.getByRole("checkbox", { name: "Navy" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Summer" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Winter" })).not.toBeChecked();
  await expect(dialog.getByLabel("Material", { exact: true })).toHaveValue("cotton");
  await expect(dialog.getByLabel("Brand", { exact: true })).toHaveValue("Acme");
  await expect(dialog.getByLabel("Price", { exact: true })).toHaveValue("19.5");
  await expect(dialog.getByLabel("Purchase date", { exact: true })).toHaveValue("2025-04-12");
  await expect(dialog.getByLabel("Fit", { exact: true })).toHaveValue("unisex");
  await expect(dialog.getByLabel("Neckline", { exact: true })).toHaveValue("v-neck");
  await expect(dialog.getByLabel("Notes", { exact: true })).toHaveValue("Wash cold");
  await expect(dialog.getByRole("checkbox", { name: "Favourite" })).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // The other item gets a different category (whatever a classifier may have guessed).
  await cards(page).filter({ hasNotText: "Navy tee" }).click();
  await dialog.getByLabel("Category", { exact: true }).selectOption("shoes");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel("Search the wardrobe").fill("acme");
  await expect(cards(page)).toHaveCount(1);
  await page.getByLabel("Search the wardrobe").fill("");
  await page.getByLabel("Category").selectOption("top");
  await expect(cards(page)).toHaveCount(1);
  await page.getByLabel("Category").selectOption("");
  await page.getByRole("checkbox", { name: "Favourites" }).check();
  await expect(cards(page)).toHaveCount(1);
  await expect(page.getByTestId("result-count")).toHaveText("1 of 2 items");
});

test("delete, then Undo by keyboard restores the item; a delete without Undo sticks", async ({ page }) => {
  await openApp(page);
  await addPhotos(page, GOOD);
  await expect(cards(page)).toHaveCount(3);

  await cards(page).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(cards(page)).toHaveCount(2);
  const undo = page.getByRole("button", { name: "Undo" });
  await undo.focus();
  await page.keyboard.press("Enter");
  await expect(cards(page)).toHaveCount(3);
  await expect(page.getByText(/Restored/)).toBeVisible();
  await page.reload();
  await expect(cards(page)).toHaveCount(3);

  await cards(page).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(cards(page)).toHaveCount(2);
  await page.reload();
  await expect(cards(page)).toHaveCount(2);
});

test("export, clear site data, import: same items and identical image bytes; re-import never duplicates", async ({ page, context, baseURL }) => {
  await openApp(page);
  await addPhotos(page, GOOD);
  await cards(page).first().click();
  await page.getByRole("dialog").getByLabel("Name", { exact: true }).fill("Exported name");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  const before = (await storedImages(page)).map((i) => i.sha256).sort();
  expect(before).toHaveLength(3);

  await gotoTab(page, "Settings");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export wardrobe" }).click();
  const file = await (await download).path();
  expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");

  const cdp = await context.newCDPSession(page);
  await cdp.send("Storage.clearDataForOrigin", { origin: new URL(baseURL!).origin, storageTypes: "all" });
  await page.reload();
  await expect(page.getByText("Add your first clothes")).toBeVisible();
  expect(await storedImages(page)).toHaveLength(0);

  await gotoTab(page, "Settings");
  await page.getByTestId("import-input").setInputFiles(file);
  await expect(page.getByTestId("backup-status")).toContainText("3 added, 0 updated, 0 already up to date");
  await page.getByTestId("import-input").setInputFiles(file);
  await expect(page.getByTestId("backup-status")).toContainText("0 added, 0 updated, 3 already up to date");
  await page.getByTestId("import-input").setInputFiles(fixture("invoice.jpg"));
  await expect(page.getByRole("alert")).toContainText("not a Curator wardrobe export");

  const after = await storedImages(page);
  expect(after.map((i) => i.sha256).sort()).toEqual(before);
  for (const i of after) expect(i.sha256).toBe(i.declaredSha256);
  await gotoTab(page, "Wardrobe");
  await expectThumbnails(page, 3);
  await expect(page.getByRole("button", { name: /Exported name/ })).toBeVisible();
});

test("a running import can be cancelled; nothing half-stored, and the next import works", async ({ page }) => {
  await openApp(page);
  // The 50 MP photo keeps the worker busy long enough to press Cancel mid-file.
  await page.getByTestId("photo-input").setInputFiles([fixture("huge-50mp.png"), fixture("tshirt-navy.jpg"), fixture("dress-red.jpg")]);
  await expect(page.getByText("Adding huge-50mp.png")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("region", { name: "Import results" })).toContainText("Import cancelled. Added 0 items.");
  expect(await storedImages(page)).toHaveLength(0);

  await addPhotos(page, ["tshirt-navy.jpg"]);
  await expect(page.getByRole("region", { name: "Import results" })).toContainText("Added 1 item.");
  await expectThumbnails(page, 1);
});
