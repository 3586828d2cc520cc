// Finds a Chromium for Playwright without downloading one (there is no network here):
// $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own browser if
// `npx playwright install chromium` was run on this machine.
import { existsSync } from "node:fs";

export const HEADLESS_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const { chromium } = await import("playwright-core");
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* playwright-core missing or no bundled browser */
  }
  return undefined;
}

export const NO_BROWSER_MESSAGE =
  "No Chromium found. Install one with `sudo apt-get install chromium` (Debian/Ubuntu), " +
  "or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium/Chrome binary.";
