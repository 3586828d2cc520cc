import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { addPhotos, cards, expectThumbnails, fixture, fixtureManifest, openApp, pixelOf, storedImages } from "./foundation-helpers";

test("bad-input corpus: one clear message per refused file, good files imported, exact count, existing items untouched", async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await addPhotos(page, ["tshirt-navy.jpg"]);
  await expect(cards(page)).toHaveCount(1);
  const existing = await storedImages(page);

  const manifest = fixtureManifest();
  const corpus = Object.keys(manifest).filter((n) => !["tshirt-navy.jpg", "trousers-olive.jpg", "dress-red.jpg", "gps-shirt.jpg"].includes(n));
  const good = corpus.filter((n) => manifest[n] === "ok");
  const bad = corpus.filter((n) => manifest[n] !== "ok");
  expect(good.sort()).toEqual(["animated.gif", "cmyk-shirt.jpg", "deep-16bit.png", "grey.png", "huge-50mp.png", "rotated-exif6.jpg"]);
  expect(bad).toHaveLength(6);

  await addPhotos(page, corpus);
  const report = page.getByRole("region", { name: "Import results" });
  await expect(report).toContainText(`Added ${good.length} items; ${bad.length} files were not imported.`);
  for (const name of bad) {
    const line = report.locator(`li.import-error[data-file="${name}"]`);
    await expect(line, name).toHaveCount(1);
    await expect(line, name).toContainText(manifest[name]!);
  }
  await expect(report.locator("li.import-error")).toHaveCount(bad.length);
  await expect(report.locator('li.import-note[data-file="huge-50mp.png"]')).toContainText("Downscaled from 8000 × 6250 to 4096 × 3200");
  await expect(report.locator('li.import-note[data-file="animated.gif"]')).toContainText("first frame");
  await expectThumbnails(page, 1 + good.length);

  const images = await storedImages(page);
  expect(images).toHaveLength(1 + good.length);
  // The item that was there before is byte-for-byte unchanged.
  expect(images.find((i) => i.itemId === existing[0]!.itemId)?.sha256).toBe(existing[0]!.sha256);
  for (const i of images) expect(i.sha256, "stored checksum matches bytes").toBe(i.declaredSha256);

  const huge = images.find((i) => i.width === 4096);
  expect(huge, "50 MP image downscaled to 4096 px").toMatchObject({ width: 4096, height: 3200 });

  // EXIF orientation 6: stored 256×128 landscape (red left, blue right) → upright 128×256, red on top.
  const rotated = images.find((i) => i.width === 128 && i.height === 256);
  expect(rotated, "rotated JPEG stored upright (portrait)").toBeTruthy();
  const top = await pixelOf(page, rotated!.itemId, 0.5, 0.2);
  const bottom = await pixelOf(page, rotated!.itemId, 0.5, 0.8);
  expect(top[0]!).toBeGreaterThan(180);
  expect(top[2]!).toBeLessThan(80);
  expect(bottom[2]!).toBeGreaterThan(180);
  expect(bottom[0]!).toBeLessThan(80);

  // CMYK (Adobe, inverted) red shirt on white comes out red, not cyan.
  const cmyk = images.filter((i) => i.width === 320 && i.height === 400 && i.itemId !== existing[0]!.itemId);
  expect(cmyk).toHaveLength(1);
  const shirt = await pixelOf(page, cmyk[0]!.itemId, 0.5, 0.5);
  expect(shirt[0]!).toBeGreaterThan(180);
  expect(shirt[1]!).toBeLessThan(80);

  await page.reload();
  await expectThumbnails(page, 1 + good.length);
});

test("GPS EXIF in a photo never reaches storage", async ({ page }) => {
  const source = readFileSync(fixture("gps-shirt.jpg")).toString("latin1");
  // The fixture really carries the metadata (so this test can fail).
  expect(source).toContain("Exif\0\0");
  expect(source).toContain("CuratorTestCam");
  expect(source).toContain("\x88\x25\x00\x04"); // GPS IFD pointer tag, big-endian

  await openApp(page);
  await addPhotos(page, ["gps-shirt.jpg"]);
  const [img] = await storedImages(page);
  expect(img).toBeTruthy();
  expect(img!.hasExif).toBe(false);
  expect(img!.hasGpsTag).toBe(false);
  expect(img!.mentionsCamera).toBe(false);
  expect(img!.mimeType).toBe("image/jpeg");
  // Stripping the metadata kept the picture: the middle of the photo is still the green
  // shirt (46, 125, 79), within JPEG re-encoding error.
  const [r = NaN, g = NaN, b = NaN] = await pixelOf(page, img!.itemId, 0.5, 0.5);
  for (const [got, want] of [
    [r, 46],
    [g, 125],
    [b, 79],
  ] as const)
    expect(Math.abs(got - want), `pixel ${[r, g, b].join(", ")}`).toBeLessThanOrEqual(16);
});
