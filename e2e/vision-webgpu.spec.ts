import { expect, test, type Page } from "@playwright/test";
import { accuracyFixtures, dismissReport, importFiles, png, rawItems, rawTable } from "./vision-helpers";

// The WebGPU execution provider (forced, on Chromium's software adapter) must give the
// same predictions and embeddings as WASM for the same photos. Speed is not measured: the
// software adapter compiles every kernel on the CPU, ~1 min here alone but over 2 min while
// another spec file runs beside it (a CI run timed out at 120 s), so the waits are a hang
// guard, not a speed bar. Each photo costs ~16 s on that adapter (the first ~43 s, its
// kernels compiled), so three photos: the spec took 3.2 min of a CI run with six.
const PHOTOS = 3;
const LOAD_WAIT = 360_000;
async function useBackend(page: Page, label: string) {
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByLabel("Run the models on").selectOption({ label });
  await page.getByRole("button", { name: "Load models now" }).click();
  await expect(page.getByTestId("model-backend")).toContainText(`Running on: ${label}`, { timeout: LOAD_WAIT });
  await page.getByRole("tab", { name: "Wardrobe" }).click();
}

test("WebGPU and WASM give the same outputs within tolerance", async ({ page }) => {
  test.setTimeout(2 * LOAD_WAIT + 180_000);
  await page.goto("/");
  expect(
    await page.evaluate(async () => (await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()) != null),
  ).toBe(true);
  const photos = accuracyFixtures(PHOTOS).map((f) => png(f.name, f.png));

  await useBackend(page, "WebGPU");
  await importFiles(page, photos);
  await dismissReport(page);
  await useBackend(page, "WebAssembly, single thread");
  await importFiles(page, photos);

  const items = await rawItems(page);
  expect(items).toHaveLength(2 * PHOTOS);
  const logs = await rawTable<{ itemId: string; backend: string }>(page, "predictions");
  const backendOf = new Map(logs.map((l) => [l.itemId, l.backend]));
  let maxEmb = 0;
  let maxConf = 0;
  for (let i = 0; i < PHOTOS; i++) {
    const gpu = items[i]!;
    const cpu = items[i + PHOTOS]!;
    expect(backendOf.get(gpu.id)).toBe("webgpu");
    expect(backendOf.get(cpu.id)).toBe("wasm");
    expect(gpu.recognition!.top.map((t) => t.subtype)).toEqual(cpu.recognition!.top.map((t) => t.subtype));
    gpu.recognition!.top.forEach((t, k) => (maxConf = Math.max(maxConf, Math.abs(t.confidence - cpu.recognition!.top[k]!.confidence))));
    gpu.embedding!.forEach((v, k) => (maxEmb = Math.max(maxEmb, Math.abs(v - cpu.embedding![k]!))));
  }
  console.log(`WebGPU vs WASM: max |Δ confidence| = ${maxConf.toExponential(2)}, max |Δ embedding| = ${maxEmb.toExponential(2)}`);
  expect(maxConf).toBeLessThan(1e-4);
  expect(maxEmb).toBeLessThan(1e-4);
});
