import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { buildWardrobe, field, noHorizontalScroll, openView } from "./outfits-helpers";

// Outfits → Capsule in the production build: the wardrobe imported through the UI, a bad size
// refused, a 6-piece casual capsule whose count matches the outfits it lists (each made from
// capsule pieces only), the one piece to add named from outside the capsule, a formal capsule
// with nothing athletic, keyboard only, axe in both themes, 390 px (light and dark) and 1280 px screenshots.
const SHOTS = "test-results";

/** axe-core (every default rule, colour contrast included) on the page as it is. */
async function axe(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("build a capsule: pieces, the outfits they make, the one piece that would add the most", async ({ page }) => {
  test.setTimeout(900_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/?curator-debug");
  const items = await buildWardrobe(page);
  const byName = new Map(items.map((i) => [i.name, i]));

  await page.getByRole("tab", { name: "Outfits" }).click();
  // Keyboard: from the Trip tab, the arrow key reaches Capsule and opens it.
  const views = page.getByRole("tablist", { name: "Outfit views" });
  await openView(page, "Trip");
  await views.getByRole("tab", { name: "Trip" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(views.getByRole("tab", { name: "Capsule" })).toHaveAttribute("aria-selected", "true");
  const form = page.getByRole("form", { name: "Build a capsule" });

  // A size out of range is refused with a message; nothing is built.
  await field(form, "Pieces").fill("2");
  await form.getByRole("button", { name: "Build the capsule" }).click();
  await expect(form.getByRole("alert")).toContainText("4 to 30 pieces");
  await expect(page.getByTestId("capsule-summary")).toHaveCount(0);

  // Six casual pieces, built from the keyboard (Enter in the form).
  await field(form, "Pieces").fill("6");
  await field(form, "Occasion").selectOption("casual");
  await field(form, "Pieces").press("Enter");
  const summary = page.getByTestId("capsule-summary");
  await expect(summary).toHaveText(/^6 pieces make \d+ outfits?$/);
  // Focus moves to the result so a screen reader reads it.
  await expect(summary).toBeFocused();
  const count = Number((await summary.textContent())!.match(/make (\d+)/)![1]);
  expect(count).toBeGreaterThan(0);
  const pieces = page.getByRole("list", { name: "Capsule pieces" }).locator("li");
  await expect(pieces).toHaveCount(6);
  const capsuleIds = await pieces.evaluateAll((els) => els.map((e) => e.getAttribute("data-item-id")!));
  expect(new Set(capsuleIds).size).toBe(6);

  // The outfits listed are exactly the count, each from capsule pieces only, none twice.
  const showAll = page.getByRole("button", { name: /^Show all/ });
  if (count > 6) await showAll.click();
  const outfits = page.getByRole("list", { name: "The outfits it makes" }).locator(":scope > li");
  await expect(outfits).toHaveCount(count);
  const seen = new Set<string>();
  for (let k = 0; k < count; k++) {
    const names = (await outfits.nth(k).locator(".capsule-outfit-piece").allTextContents()).map((n) => n.trim());
    expect(names.length, `outfit ${k + 1}`).toBeGreaterThanOrEqual(2);
    const ids = names.map((n) => byName.get(n)?.id);
    for (const [j, id] of ids.entries()) expect(capsuleIds, names[j]).toContain(id);
    seen.add([...ids].sort().join("+"));
  }
  expect(seen.size).toBe(count);

  // The one piece that would add the most comes from outside the capsule.
  const addition = page.getByTestId("capsule-addition");
  await expect(addition.getByRole("heading", { name: "The one piece that would add the most" })).toBeVisible();
  const added = addition.locator("[data-item-id]");
  if ((await added.count()) > 0) {
    const addedId = await added.getAttribute("data-item-id");
    expect(capsuleIds).not.toContain(addedId);
    await expect(added).toContainText(/from your wardrobe: \d+ more outfits?/);
  } else {
    await expect(addition).toContainText("No other piece");
  }

  console.log(
    `capsule: 6 casual pieces (${capsuleIds.map((id) => items.find((i) => i.id === id)!.name).join(", ")}) make ${count} outfits; add: ${(await addition.textContent())?.replace(/\s+/g, " ")}`,
  );

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/capsule-390.png`, fullPage: true });
  await noHorizontalScroll(page);
  await axe(page, "light 390 px");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/capsule-390-dark.png`, fullPage: true });
  await axe(page, "dark 390 px");
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SHOTS}/capsule-1280.png`, fullPage: true });

  // Formal: nothing athletic or casual-only (no tee, jeans or sneakers) in the capsule.
  await field(form, "Occasion").selectOption("formal");
  await form.getByRole("button", { name: "Build again" }).click();
  await expect(page.getByText("For formal.")).toBeVisible();
  const formal = (await page.getByRole("list", { name: "Capsule pieces" }).locator("li").allTextContents()).map((n) => n.trim());
  for (const casual of ["White tee", "Jeans", "White sneakers"]) expect(formal).not.toContain(casual);
  console.log(`formal capsule: ${formal.join(", ")} → ${await summary.textContent()}`);
});
