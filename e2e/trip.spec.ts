import { expect, test } from "@playwright/test";
import { buildWardrobe, field, noHorizontalScroll, openView } from "./outfits-helpers";

// Outfits → Trip in the production build: a wardrobe imported through the UI, a 7-day trip
// with two occasions and no laundry, the checklist ticked, kept across an offline reload,
// shared as text.
const SHOTS = "test-results";

test("plan a trip → checklist → reload offline → still there; share as text", async ({ page, context }) => {
  test.setTimeout(600_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/?curator-debug");
  const items = await buildWardrobe(page);
  const byId = new Map(items.map((i) => [i.id, i]));

  await page.getByRole("tab", { name: "Outfits" }).click();
  await openView(page, "Trip");
  const form = page.getByRole("form", { name: "Plan a trip" });
  await field(form, "First day").fill("2026-05-11");
  await field(form, "Days").fill("7");
  // A bad temperature is refused with a clear message, nothing saved.
  await field(form, "Expected temperature (°C)").fill("");
  await form.getByRole("button", { name: "Plan the trip" }).click();
  await expect(form.getByRole("alert")).toContainText("expected temperature");
  await field(form, "Expected temperature (°C)").fill("16");
  const days = form.getByRole("group", { name: "Occasion each day" });
  await expect(days.getByRole("combobox")).toHaveCount(7);
  for (const k of [1, 3]) await days.getByRole("combobox").nth(k).selectOption("work");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/trip-form-390.png`, fullPage: true });
  await noHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await form.getByRole("button", { name: "Plan the trip" }).click();

  const list = page.getByRole("list", { name: "Packing list" });
  await expect(list).toBeVisible();
  const packedIds = await list.locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-item-id")!));
  const dayRows = page.locator(".trip-days-list > li");
  await expect(dayRows).toHaveCount(7);
  // Every day dressed from the packed pieces only, and nothing packed that no day wears.
  const worn = new Set<string>();
  for (let k = 0; k < 7; k++) {
    const names = await dayRows.nth(k).locator(".trip-piece").allTextContents();
    expect(names.length, `day ${k + 1}`).toBeGreaterThanOrEqual(3);
    for (const n of names) {
      const item = items.find((i) => i.name === n.trim());
      expect(item, n).toBeTruthy();
      expect(packedIds).toContain(item!.id);
      worn.add(item!.id);
    }
  }
  expect([...worn].sort()).toEqual([...packedIds].sort());
  // The work days got nothing casual-only: no tee, no jeans.
  for (const k of [1, 3]) {
    const names = await dayRows.nth(k).locator(".trip-piece").allTextContents();
    expect(names.map((n) => n.trim())).not.toContain("White tee");
    expect(names.map((n) => n.trim())).not.toContain("Jeans");
  }
  console.log(`trip: ${packedIds.length} pieces for 7 days (${packedIds.map((id) => byId.get(id)!.name).join(", ")})`);
  expect(packedIds.length).toBeLessThan(items.length);

  // Tick two pieces.
  await expect(page.getByTestId("trip-progress")).toContainText(`0 of ${packedIds.length} packed`);
  for (const id of packedIds.slice(0, 2)) await list.locator(`[data-item-id="${id}"]`).getByRole("checkbox").check();
  await expect(page.getByTestId("trip-progress")).toContainText(`2 of ${packedIds.length} packed`);

  // Share as text (the clipboard where the system share sheet is missing).
  const hasShare = await page.evaluate(() => typeof navigator.share === "function");
  if (!hasShare) {
    await page.getByRole("button", { name: "Share as text" }).click();
    await expect(page.getByText("Packing list copied as text.")).toBeVisible();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain(`${packedIds.length} pieces to pack`);
    expect(text).toContain(`[x] ${byId.get(packedIds[0]!)!.name}`);
    expect(text).toContain(`[ ] ${byId.get(packedIds[2]!)!.name}`);
    expect(text.split("\n").filter((l) => /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/.test(l))).toHaveLength(7);
  }

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/trip-checklist-390.png`, fullPage: true });
  await noHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SHOTS}/trip-checklist-1280.png`, fullPage: true });

  // Offline: the service worker serves the app, IndexedDB the trip.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole("tab", { name: "Outfits" }).click();
  await openView(page, "Trip");
  await expect(page.getByTestId("trip-progress")).toContainText(`2 of ${packedIds.length} packed`);
  for (const [k, id] of packedIds.entries()) {
    const box = list.locator(`[data-item-id="${id}"]`).getByRole("checkbox");
    if (k < 2) await expect(box).toBeChecked();
    else await expect(box).not.toBeChecked();
  }
  // Still works offline: tick one more, change the trip back to the form and cancel.
  await list.locator(`[data-item-id="${packedIds[2]}"]`).getByRole("checkbox").check();
  await expect(page.getByTestId("trip-progress")).toContainText(`3 of ${packedIds.length} packed`);
  await page.getByRole("button", { name: "Change the trip" }).click();
  await expect(field(page.getByRole("form", { name: "Plan a trip" }), "Days")).toHaveValue("7");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(list).toBeVisible();
  await context.setOffline(false);
});
