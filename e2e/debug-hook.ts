import type { Page } from "@playwright/test";

/**
 * Waits for the bench/test hook (`?curator-debug` → window.curatorDebug, src/data/debug.ts).
 * Only the test build has it (`npx vite build --mode e2e`, what `npm run test:e2e` builds): a
 * production build compiles it out, and then this says so instead of timing out in silence.
 */
export async function debugHook(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => "curatorDebug" in window, null, { timeout: 30_000 });
  } catch {
    throw new Error(
      "No ?curator-debug hook on the page: this spec needs the test build (`npx vite build --mode e2e`); a production build compiles the hook out",
    );
  }
}
