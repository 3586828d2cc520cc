import { expect, test, type Page } from "@playwright/test";

// A model file that fails its sha256 check is refused (issue 20): the worker downloads the
// file, hashes it and compares it with the registry before ONNX Runtime ever sees it. The
// file is served with one byte changed; the same file served intact then loads (the failed
// load is not memoized). No service worker, so every model request reaches the route.
test.use({ serviceWorkers: "block" });

async function loadModels(page: Page) {
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Load models now" }).click();
}

test("a model file with one byte changed is refused with a clear message; the intact file then loads", async ({ page }) => {
  const served: string[] = [];
  await page.route("**/models/garment-classifier-*.onnx", async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(await res.body());
    const mid = body.length >> 1;
    body[mid] = (body[mid] ?? 0) ^ 0x01; // one bit, in the middle of the weights
    served.push(route.request().url());
    await route.fulfill({ response: res, body });
  });
  await page.goto("/");
  await loadModels(page);

  const alert = page.getByRole("alert").filter({ hasText: "integrity" });
  await expect(alert).toContainText(
    /Model garment-classifier v[\d.]+ failed its integrity check \(sha256 [0-9a-f]{12}… ≠ registry [0-9a-f]{12}…\)\. It was not used\./,
    {
      timeout: 120_000,
    },
  );
  expect(served.length).toBeGreaterThan(0);
  await expect(page.getByTestId("model-backend")).toHaveText("Models load when you first add a photo.");

  // The same file, intact: the failed load was dropped, so a retry downloads and starts it.
  await page.unroute("**/models/garment-classifier-*.onnx");
  await page.getByRole("button", { name: "Load models now" }).click();
  await expect(page.getByTestId("model-backend")).toContainText("Running on:", { timeout: 120_000 });
});
