import { expect, test, type Page } from "@playwright/test";
import { debugHook } from "./debug-hook";
import { flatLayPhoto } from "./fixtures/flatlay.mjs";

// Pieces of one photo shown as cut-outs or "as photographed" (issue 16, Settings →
// Appearance → Photos of pieces), in real Chromium. The flat-lay fixture (four garments on
// cream) goes through the app's own import with the fixture's true boxes and masks as the
// detector's answer (curatorDebug.importPieces: the image worker cuts each piece out, all
// are stored with the one shared photo). The grid's thumbnails are then read back pixel by
// pixel: cut-outs are transparent in the corner; as photographed they are opaque crops of
// the photo around each piece (its box plus 8 %, grown to the grid's 4:5), and back again.
const SHOTS = "test-results";
const flat = flatLayPhoto();

async function importFlatLay(page: Page) {
  const detection = {
    photoWidth: flat.width,
    photoHeight: flat.height,
    model: { name: "fixture", version: 1 },
    pieces: flat.pieces.map((p) => ({ box: p.box, score: 0.9, mask: p.mask })),
  };
  return page.evaluate(
    async ({ bytes, detection }) => {
      const debug = (window as unknown as { curatorDebug: Record<string, (...a: unknown[]) => Promise<unknown>> }).curatorDebug;
      await debug.clear!();
      const file = new File([Uint8Array.from(bytes)], "flat-lay.png", { type: "image/png" });
      return debug.importPieces!(file, detection, { analyse: false }) as Promise<{ results: { ok: boolean; itemIds?: string[] }[] }>;
    },
    { bytes: [...flat.png], detection },
  );
}

/** The stored images' sourceBox by item id (read from IndexedDB in the page). */
async function storedBoxes(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open("curator");
      r.onsuccess = () => res(r.result);
    });
    const all = await new Promise<{ itemId: string; sourceBox?: unknown }[]>((res) => {
      const r = db.transaction("images").objectStore("images").getAll();
      r.onsuccess = () => res(r.result as { itemId: string; sourceBox?: unknown }[]);
    });
    db.close();
    return Object.fromEntries(all.map((i) => [i.itemId, i.sourceBox ?? null]));
  });
}

type Thumb = { itemId: string; cutout: boolean; width: number; height: number; corner: number[]; centre: number[]; garment: number };

/**
 * Each grid card's thumbnail as decoded pixels: its size, the RGBA of its top-left corner
 * pixel and of its centre, and the share of its pixels that are opaque and not the
 * fixture's cream background (the garment).
 */
async function gridThumbs(page: Page): Promise<Thumb[]> {
  return page.evaluate(async () => {
    const cards = [...document.querySelectorAll<HTMLElement>(".item-card")];
    return Promise.all(
      cards.map(async (card) => {
        const img = card.querySelector<HTMLImageElement>(".item-thumb img")!;
        // The image as the page decoded it (the page's CSP does not let a script fetch blob: URLs).
        await img.decode();
        const bmp = await createImageBitmap(img);
        const canvas = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = canvas.getContext("2d")!;
        ctx.drawImage(bmp, 0, 0);
        const px = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data];
        return {
          itemId: card.dataset.itemId!,
          cutout: img.classList.contains("is-cutout"),
          width: bmp.width,
          height: bmp.height,
          corner: px(1, 1),
          centre: px(bmp.width >> 1, bmp.height >> 1),
          garment: (() => {
            const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4)
              if (d[i + 3]! > 128 && Math.abs(d[i]! - 240) + Math.abs(d[i + 1]! - 232) + Math.abs(d[i + 2]! - 212) > 60) n++;
            return n / (d.length / 4);
          })(),
        };
      }),
    );
  });
}

async function choosePiecePhotos(page: Page, label: "Cut-out (default)" | "As photographed") {
  await page.getByRole("tab", { name: "Settings" }).click();
  const group = page.getByRole("group", { name: "Photos of pieces" });
  await group.scrollIntoViewIfNeeded();
  // Keyboard, as a screen-reader user would: focus the choice and select it with Space.
  const radio = group.getByRole("radio", { name: label });
  await radio.focus();
  await page.keyboard.press("Space");
  await expect(radio).toBeChecked();
  return group;
}

async function shots(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/piece-originals-${name}-390.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/piece-originals-${name}-390-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });
}

test("pieces show as cut-outs, or as photographed (cropped from the shared photo) when Settings says so, and back", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/?curator-debug");
  await debugHook(page);
  const report = await importFlatLay(page);
  expect(report.results).toHaveLength(1);
  expect(report.results[0]!.ok).toBe(true);
  const ids = report.results[0]!.itemIds!;
  expect(ids).toHaveLength(4);

  // Where each piece lay in the photo is stored: the kept box as [x0, y0, x1, y1].
  const boxes = await storedBoxes(page);
  expect(ids.map((id) => boxes[id])).toEqual(flat.pieces.map(({ box: b }) => [b.x, b.y, b.x + b.width, b.y + b.height]));

  const grid = page.locator(".item-card");
  await expect(grid).toHaveCount(4);
  await expect(page.locator(".item-thumb img")).toHaveCount(4);

  // Cut-outs (the default): transparent around the garment, marked so the card gives them a backdrop.
  let thumbs = await gridThumbs(page);
  expect(thumbs.map((t) => t.cutout)).toEqual([true, true, true, true]);
  for (const t of thumbs) expect(t.corner[3], `${t.itemId} corner alpha`).toBe(0);
  await shots(page, "cutout");

  const group = await choosePiecePhotos(page, "As photographed");
  await page.screenshot({ path: `${SHOTS}/piece-originals-setting-390.png` });
  await expect(group).toBeVisible();
  const t0 = Date.now();
  await page.getByRole("tab", { name: "Wardrobe" }).click();
  await expect(page.locator(".item-thumb img.is-cutout")).toHaveCount(0);
  await expect(page.locator(".item-thumb img")).toHaveCount(4);
  // A figure, not a bound: the grid back with four crops made from one decode of the 960 × 720 photo (cold worker).
  console.log(`piece-originals: grid with 4 crops shown ${Date.now() - t0} ms after opening the Wardrobe`);

  // As photographed: opaque crops of the shared photo around each piece (box + 8 % of each
  // side, grown to 4:5, clamped to the photo), so the corner is the cream background, not
  // transparency, and the garment is in the middle.
  thumbs = await gridThumbs(page);
  const byId = new Map(thumbs.map((t) => [t.itemId, t]));
  for (const [k, id] of ids.entries()) {
    const t = byId.get(id)!;
    const { box } = flat.pieces[k]!;
    expect(t.cutout).toBe(false);
    expect(t.corner[3], `${id} corner alpha`).toBe(255);
    expect(t.centre[3]).toBe(255);
    // The fixture's cream background (tolerance for WebP).
    const [r, g, b] = t.corner;
    expect(Math.abs(r! - 240) + Math.abs(g! - 232) + Math.abs(b! - 212), `${id} corner colour ${t.corner}`).toBeLessThan(40);
    // The crop holds the garment: a good part of it is the garment, not the background.
    expect(t.garment, `${id} garment share`).toBeGreaterThan(0.1);
    // Grown to the grid's 4:5 around the piece (the fixture's photo has room for each), so the cell's cover-fit cuts nothing off.
    expect(t.width / t.height, `${id} proportions`).toBeCloseTo(0.8, 1);
    // Not the whole photo scaled down: the crop is the piece's surroundings (box + 8 % grown to 4:5).
    const side = Math.max(box.width * 1.16, box.height * 1.16 * 0.8);
    expect(t.width, `${id} crop width`).toBeLessThanOrEqual(Math.ceil(side) + 2);
    expect(Math.max(t.width, t.height)).toBeLessThanOrEqual(384);
  }
  await shots(page, "original");

  // And back to cut-outs.
  await choosePiecePhotos(page, "Cut-out (default)");
  await page.getByRole("tab", { name: "Wardrobe" }).click();
  await expect(page.locator(".item-thumb img.is-cutout")).toHaveCount(4);
  thumbs = await gridThumbs(page);
  for (const t of thumbs) expect(t.corner[3]).toBe(0);

  // The item editor's big photo offers both: the cut-out first (the setting), then the whole photo with the piece outlined.
  await page.locator(`.item-card[data-item-id="${ids[0]}"]`).click();
  const show = page.getByRole("group", { name: "Show" });
  await expect(show.getByRole("button", { name: "Cut-out" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".editor-piece img.is-cutout")).toBeVisible();
  await show.getByRole("button", { name: "Original" }).click();
  await expect(show.getByRole("button", { name: "Original" })).toHaveAttribute("aria-pressed", "true");
  const whole = page.getByRole("img", { name: /was cut out of/ });
  await expect(whole).toBeVisible();
  expect(await whole.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([flat.width, flat.height]);
  await expect(page.locator(".editor-piece-box")).toBeVisible();
  await shots(page, "editor");
});
