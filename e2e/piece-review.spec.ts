import { expect, test, type Locator, type Page } from "@playwright/test";
import { debugHook } from "./debug-hook";
import { flatLayPhoto } from "./fixtures/flatlay.mjs";

// "Found 4 pieces" (issue 16) in the test build: the review screen opened in the running app
// through the ?curator-debug hook (curatorDebug.reviewPieces, the same function the import
// calls) on a flat-lay fixture with a hand-made Detection (the fixture's true boxes and
// masks). Keep, drop, drag, resize, keyboard, add, draw, Esc, and what the import receives.
const SHOTS = "test-results";
const flat = flatLayPhoto();
const STEP = Math.round(0.01 * Math.max(flat.width, flat.height)); // one arrow key, in photo pixels

type Outcome =
  | { kind: "whole" }
  | {
      kind: "pieces";
      pieces: { box: { x: number; y: number; width: number; height: number }; score: number; added: boolean; adjusted: boolean; maskSum: number | null }[];
    };

/** Opens the review on the flat-lay (pieces `withMask` get their mask) and leaves its promise on window.reviewed. */
async function openReview(page: Page) {
  const detection = {
    photoWidth: flat.width,
    photoHeight: flat.height,
    pieces: flat.pieces.map((p, i) => ({ box: p.box, score: 0.9 - i * 0.1, mask: i === 3 ? null : p.mask })),
    model: { name: "garment-detector", version: 1 },
  };
  await page.evaluate(
    ({ png, detection }) => {
      const w = window as unknown as { curatorDebug: { reviewPieces: (b: Blob, d: unknown) => Promise<unknown> }; reviewed: Promise<unknown> };
      w.reviewed = w.curatorDebug.reviewPieces(new Blob([new Uint8Array(png)], { type: "image/png" }), detection);
    },
    { png: [...flat.png], detection },
  );
  const dialog = page.getByRole("dialog", { name: "Found 4 pieces" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(".piece-photo")).toHaveJSProperty("complete", true);
  return dialog;
}

const outcome = (page: Page) => page.evaluate(() => (window as unknown as { reviewed: Promise<Outcome> }).reviewed);
const box = (dialog: Locator, n: number) => dialog.locator(`.piece-box[data-piece="${n}"]`);
const maskSum = (i: number) => flat.pieces[i]!.mask.alpha.reduce((a, b) => a + b, 0);

/** Photo pixels per CSS pixel of the photo as drawn. */
async function scaleOf(dialog: Locator) {
  const r = (await dialog.getByTestId("piece-stage").boundingBox())!;
  return { k: flat.width / r.width, r };
}

async function dragBy(page: Page, from: { x: number; y: number }, dx: number, dy: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 4 });
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 4 });
  await page.mouse.up();
}

async function setup(page: Page, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.goto("/?curator-debug");
  await debugHook(page);
  await page.getByRole("button", { name: "Add photos" }).focus();
}

test("keep, drop, drag, resize, keyboard, add and draw; onDone receives the kept pieces", async ({ page }) => {
  await setup(page, 1280, 900);
  const dialog = await openReview(page);
  const said = dialog.getByTestId("piece-said");

  // Four numbered boxes, each a focusable element saying what it is; the list has the same four.
  await expect(dialog.locator(".piece-box")).toHaveCount(4);
  const share = (i: number) => Math.round(((flat.pieces[i]!.box.width * flat.pieces[i]!.box.height) / (flat.width * flat.height)) * 100);
  await expect(box(dialog, 1)).toHaveAttribute("aria-label", `Piece 1 of 4, kept, ${share(0)} % of the photo`);
  await expect(dialog.getByRole("listitem")).toHaveCount(4);
  await expect(dialog.locator(".piece-tint")).toHaveCount(3); // piece 4 came without a mask
  await expect(dialog.getByRole("button", { name: "Add 4 items" })).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/piece-review-1280.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/piece-review-1280-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });

  // Drop piece 3 from the list, keep it again from its box (Enter): announced both times.
  await dialog.getByRole("checkbox", { name: "Keep piece 3" }).uncheck();
  await expect(dialog.getByTestId("piece-count")).toHaveText("3 of 4 kept");
  await expect(box(dialog, 3)).toHaveAttribute("aria-label", /^Piece 3 of 4, dropped,/);
  await expect(said).toHaveText("Piece 3 dropped. 3 of 4 kept.");
  await expect(dialog.getByRole("button", { name: "Add 3 items" })).toBeVisible();
  await box(dialog, 3).focus();
  await page.keyboard.press("Enter");
  await expect(said).toHaveText("Piece 3 kept. 4 of 4 kept.");
  await expect(dialog.locator(".piece-tint")).toHaveCount(3);

  // Drag piece 1 by its middle; drag piece 2's bottom-right corner.
  const { k } = await scaleOf(dialog);
  const b1 = (await box(dialog, 1).boundingBox())!;
  await dragBy(page, { x: b1.x + b1.width / 2, y: b1.y + b1.height / 2 }, 60, 40);
  await expect(said).toHaveText(/^Piece 1 moved, \d+ % of the photo\.$/);
  await expect(dialog.locator(".piece-tint")).toHaveCount(2); // a moved box drops its mask
  await expect(dialog.getByRole("listitem").nth(0)).toContainText("adjusted");
  const h2 = (await box(dialog, 2).locator('[data-handle="se"]').boundingBox())!;
  await dragBy(page, { x: h2.x + h2.width / 2, y: h2.y + h2.height / 2 }, 40, 30);

  // Keyboard on piece 2: two steps left, one Shift+Down (taller); piece 4: Delete drops it.
  await box(dialog, 2).focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(said).toHaveText(/^Piece 2 resized, \d+ % of the photo\.$/);
  await box(dialog, 4).focus();
  await page.keyboard.press("Delete");
  await expect(said).toHaveText("Piece 4 dropped. 3 of 4 kept.");
  await expect(dialog.getByRole("checkbox", { name: "Keep piece 4" })).not.toBeChecked();

  // Add a piece: a box in the middle, focused, moved one step right with the keyboard.
  await dialog.getByRole("button", { name: "Add a piece" }).click();
  await expect(box(dialog, 5)).toBeFocused();
  await expect(box(dialog, 5)).toHaveAttribute("aria-label", /^Piece 5 of 5, kept, added by you, 11 % of the photo$/);
  await page.keyboard.press("ArrowRight");
  // Draw one on an empty part of the photo (right of the trousers); a tap draws nothing.
  const { r } = await scaleOf(dialog);
  const at = (x: number, y: number) => ({ x: r.x + x / k, y: r.y + y / k });
  await page.mouse.click(at(900, 300).x, at(900, 300).y);
  await expect(dialog.locator(".piece-box")).toHaveCount(5);
  await dragBy(page, at(860, 60), 80 / k, 140 / k);
  await expect(dialog.locator(".piece-box")).toHaveCount(6);
  await expect(box(dialog, 6)).toBeFocused();
  await expect(dialog.getByTestId("piece-count")).toHaveText("5 of 6 kept");
  await expect(dialog.getByRole("heading", { name: "Found 4 pieces" })).toBeVisible();

  await dialog.getByRole("button", { name: "Add 5 items" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Add photos" })).toBeFocused(); // focus given back
  const out = await outcome(page);
  expect(out.kind).toBe("pieces");
  if (out.kind !== "pieces") return;
  const [p1, p2, p3, p5, p6] = out.pieces;
  expect(out.pieces).toHaveLength(5);
  const near = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(2);
  const o = flat.pieces.map((p) => p.box);
  // Piece 1: moved 60 × 40 CSS px, same size, no mask, its score kept.
  near(p1!.box.x, o[0]!.x + 60 * k);
  near(p1!.box.y, o[0]!.y + 40 * k);
  expect([p1!.box.width, p1!.box.height, p1!.score, p1!.adjusted, p1!.added, p1!.maskSum]).toEqual([o[0]!.width, o[0]!.height, 0.9, true, false, null]);
  // Piece 2: corner dragged 40 × 30 CSS px, then two steps left and one step taller.
  near(p2!.box.x, o[1]!.x - 2 * STEP);
  near(p2!.box.width, o[1]!.width + 40 * k);
  near(p2!.box.height, o[1]!.height + 30 * k + STEP);
  expect(p2!.adjusted).toBe(true);
  // Piece 3: untouched, so the detector's own box and mask.
  expect(p3).toEqual({ box: o[2], score: 0.7, added: false, adjusted: false, maskSum: maskSum(2) });
  // Piece 5: the middle third of the photo, one step right; piece 6: as drawn.
  expect(p5).toEqual({ box: { x: 320 + STEP, y: 240, width: 320, height: 240 }, score: 1, added: true, adjusted: false, maskSum: null });
  near(p6!.box.x, 860);
  near(p6!.box.y, 60);
  near(p6!.box.width, 80);
  near(p6!.box.height, 140);
  expect(p6!.added).toBe(true);
});

test("Esc imports the photo as one item and gives the focus back; the focus stays in the review", async ({ page }) => {
  await setup(page, 1280, 900);
  const dialog = await openReview(page);
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await outcome(page)).toEqual({ kind: "whole" });
  await expect(page.getByRole("button", { name: "Add photos" })).toBeFocused();
  // "Import as one item" says the same.
  await page.getByRole("button", { name: "Add photos" }).focus();
  const again = await openReview(page);
  await again.getByRole("button", { name: "Import as one item" }).click();
  expect(await outcome(page)).toEqual({ kind: "whole" });
  // "Stop the import" (the modal hides the import's own Cancel) rejects as cancelled.
  const third = await openReview(page);
  await third.getByRole("button", { name: "Stop the import" }).click();
  await expect(third).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { reviewed: Promise<unknown> }).reviewed.then(String, (e: Error) => e.name))).toBe("AbortError");
});

test("on a 390 px phone: the photo fits, a finger drags a box and a corner; light and dark", async ({ page, context }) => {
  await setup(page, 390, 844);
  const dialog = await openReview(page);
  const stage = (await dialog.getByTestId("piece-stage").boundingBox())!;
  expect(stage.x).toBeGreaterThanOrEqual(0);
  expect(stage.x + stage.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/piece-review-390.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/piece-review-390-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });

  // Real touch input (CDP touch events → pointer events of type "touch").
  const cdp = await context.newCDPSession(page);
  const touch = async (x0: number, y0: number, dx: number, dy: number) => {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: x0, y: y0 }] });
    for (let s = 1; s <= 5; s++)
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: x0 + (dx * s) / 5, y: y0 + (dy * s) / 5 }] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  };
  const k = flat.width / stage.width;
  const b4 = (await box(dialog, 4).boundingBox())!;
  await touch(b4.x + b4.width / 2, b4.y + b4.height / 2, -20, -10);
  await expect(dialog.getByTestId("piece-said")).toHaveText(/^Piece 4 moved/);
  const h1 = (await box(dialog, 1).locator('[data-handle="se"]').boundingBox())!;
  await touch(h1.x + h1.width / 2, h1.y + h1.height / 2, 15, 10);
  await expect(dialog.getByTestId("piece-said")).toHaveText(/^Piece 1 resized/);
  await dialog.getByRole("button", { name: "Add 4 items" }).click();
  const out = await outcome(page);
  if (out.kind !== "pieces") throw new Error("expected pieces");
  const o = flat.pieces.map((p) => p.box);
  const near = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(3);
  near(out.pieces[3]!.box.x, o[3]!.x - 20 * k);
  near(out.pieces[3]!.box.y, o[3]!.y - 10 * k);
  near(out.pieces[0]!.box.width, o[0]!.width + 15 * k);
  near(out.pieces[0]!.box.height, o[0]!.height + 10 * k);
  expect(out.pieces[2]).toEqual({ box: o[2], score: 0.7, added: false, adjusted: false, maskSum: maskSum(2) });
});
