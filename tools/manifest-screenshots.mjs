#!/usr/bin/env node
// The manifest's screenshots (the richer install sheet), taken from the real app: a
// production build under `vite preview`, this machine's Chromium, a wardrobe filled
// through the real import (garment photos made from the committed Fashion-MNIST test
// subset, e2e/fixtures/garments.mjs). Writes public/screenshots/*.png at the sizes
// tools/manifest.ts declares; e2e/pwa.spec.ts checks they exist at those sizes.
//
//   node tools/manifest-screenshots.mjs                  # builds into dist-screenshots/
//   node tools/manifest-screenshots.mjs --no-build --dist dist
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { findChromium, HEADLESS_ARGS, NO_BROWSER_MESSAGE } from "./browser.mjs";
import { servePreview } from "./preview.mjs";
import { fmnistSubset, garmentPhoto } from "../e2e/fixtures/garments.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    dist: { type: "string", default: "dist-screenshots" },
    "no-build": { type: "boolean", default: false },
    port: { type: "string", default: "4198" },
    out: { type: "string", default: join(root, "public/screenshots") },
  },
});

const executablePath = await findChromium();
if (!executablePath) {
  console.error(NO_BROWSER_MESSAGE);
  process.exit(1);
}
const { url: base, stop: stopServer } = await servePreview({ dist: args.dist, port: args.port, build: !args["no-build"] });

/** One garment of each Fashion-MNIST class (then a few more), as a wardrobe would hold. */
function wardrobePhotos(count = 14) {
  const { labels } = fmnistSubset();
  const firstOf = new Map();
  for (let i = 0; i < labels.length && firstOf.size < 10; i++) if (!firstOf.has(labels[i])) firstOf.set(labels[i], i);
  const picks = [...firstOf.values()];
  for (let i = 0; picks.length < count; i++) if (!picks.includes(i) && labels[i] !== 5) picks.push(i); // no more sandals
  return picks.map((index) => garmentPhoto(index, index, { width: 480, height: 600, scale: 0.8 }));
}

const browser = await chromium.launch({ executablePath, args: HEADLESS_ARGS });
try {
  mkdirSync(args.out, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, colorScheme: "light" });
  const page = await context.newPage();
  await page.goto(base);
  await page.getByRole("heading", { name: "Wardrobe" }).waitFor();
  const photos = wardrobePhotos();
  await page.getByTestId("photo-input").setInputFiles(photos.map((p) => ({ name: p.name, mimeType: "image/png", buffer: p.png })));
  await page.getByRole("region", { name: "Import results" }).waitFor({ timeout: 180_000 });
  await page.getByRole("button", { name: "Dismiss import results" }).click();
  // Kinds the model was unsure of wait for a tap: confirm its first guess, as a person would.
  for (let i = 0; i < photos.length; i++) {
    const confirm = page.getByRole("button", { name: /^(Confirm|Yes|Keep)/ }).first();
    if (!(await confirm.count())) break;
    await confirm.click();
  }
  const settle = async () => {
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(800);
    await page.evaluate(() => globalThis.scrollTo(0, 0));
  };
  const shoot = async (name, size) => {
    await page.setViewportSize(size);
    await settle();
    await page.screenshot({ path: join(args.out, name) });
    console.log(`${name} ${size.width}x${size.height}`);
  };
  await shoot("phone-wardrobe.png", { width: 390, height: 844 });
  await page.getByRole("tab", { name: "Outfits", exact: true }).click();
  await page.getByRole("heading", { name: "Outfits" }).waitFor();
  await shoot("phone-outfits.png", { width: 390, height: 844 });
  await page.getByRole("tab", { name: "Wardrobe", exact: true }).click();
  await page.getByRole("heading", { name: "Wardrobe" }).waitFor();
  await shoot("desktop-wardrobe.png", { width: 1280, height: 800 });
  await context.close();
} finally {
  await browser.close();
  stopServer();
}
