#!/usr/bin/env node
// Draws Curator's app icon as SVG and renders the PNG sizes the web manifest
// needs (192, 512, maskable 512) with headless Chromium, so icons are made from
// source, not hand-exported. Usage: node tools/make-icons.mjs
import { chromium } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findChromium, HEADLESS_ARGS } from "./browser.mjs";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "public", "icons");

// A coat hanger over a folded garment. `inset` shrinks the artwork into the
// maskable safe zone (the inner 80 %) while the background stays full-bleed.
function svg({ rounded, inset }) {
  const s = 1 - inset * 2;
  const t = 512 * inset;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" rx="${rounded ? 112 : 0}" fill="#1f2a44"/>
  <g transform="translate(${t} ${t}) scale(${s})" fill="none" stroke-linecap="round" stroke-linejoin="round">
    <path d="M256 150c0-26 20-44 44-44s42 18 42 40c0 22-16 34-36 44l-50 26" stroke="#f7f5f2" stroke-width="26"/>
    <path d="M256 216 82 318c-18 11-11 38 10 38h328c21 0 28-27 10-38L256 216Z" stroke="#f7f5f2" stroke-width="26"/>
    <path d="M150 356v44c0 12 10 22 22 22h168c12 0 22-10 22-22v-44" stroke="#e07a5f" stroke-width="26"/>
  </g>
</svg>
`;
}

mkdirSync(out, { recursive: true });
const icon = svg({ rounded: true, inset: 0.04 });
writeFileSync(join(out, "icon.svg"), icon);

const browser = await chromium.launch({ executablePath: await findChromium(), args: HEADLESS_ARGS });
const page = await browser.newPage({ deviceScaleFactor: 1 });
async function render(markup, size, file) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${markup.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`,
  );
  await page.screenshot({ path: join(out, file), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
await render(icon, 192, "icon-192.png");
await render(icon, 512, "icon-512.png");
await render(svg({ rounded: false, inset: 0.14 }), 512, "icon-maskable-512.png");
await browser.close();
console.log(`icons written to ${out}`);
