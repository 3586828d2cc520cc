import { expect, test, type Page } from "@playwright/test";
import { accuracyFixtures, importFiles, png, rawTable } from "./vision-helpers";

// (project `webgpu`: --enable-unsafe-webgpu gives a software adapter.) WebGPU failing to
// start falls over to WebAssembly (issue 20): the browser reports an adapter, but the
// WebGPU build of ONNX Runtime cannot be loaded (its WASM file fails to download), so
// the worker moves on to the next backend, and photos are still recognised. Control:
// the same steps with nothing blocked run on WebGPU, so the check cannot pass by accident.
test.use({ serviceWorkers: "block" });

async function preferWebGpu(page: Page) {
  await page.goto("/");
  expect(
    await page.evaluate(async () => (await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()) != null),
  ).toBe(true);
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByLabel("Run the models on").selectOption({ label: "WebGPU" });
  await page.getByRole("button", { name: "Load models now" }).click();
}

test("control: with nothing blocked the models run on WebGPU", async ({ page }) => {
  test.setTimeout(300_000);
  await preferWebGpu(page);
  await expect(page.getByTestId("model-backend")).toContainText("Running on: WebGPU", { timeout: 240_000 });
});

test("WebGPU that cannot start falls over to WebAssembly, and photos are still recognised", async ({ page }) => {
  test.setTimeout(300_000);
  const blocked: string[] = [];
  await page.route(/ort-wasm-simd-threaded\.asyncify[^/]*\.wasm$/, (route) => {
    blocked.push(route.request().url());
    return route.fulfill({ status: 503, body: "unavailable" });
  });
  const warnings: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "warning") warnings.push(m.text());
  });
  await preferWebGpu(page);
  await expect(page.getByTestId("model-backend")).toContainText("Running on: WebAssembly", { timeout: 240_000 });
  expect(blocked.length).toBeGreaterThan(0);
  expect(warnings.some((w) => /could not start on webgpu, trying the next backend/.test(w))).toBe(true);

  // A photo goes through the fallback backend and is logged with it.
  await page.getByRole("tab", { name: "Wardrobe" }).click();
  await importFiles(
    page,
    accuracyFixtures(1).map((f) => png(f.name, f.png)),
  );
  const logs = await rawTable<{ backend: string }>(page, "predictions");
  expect(logs.map((l) => l.backend)).toEqual([expect.stringMatching(/^wasm/)]);
});
