import { expect, type Page } from "@playwright/test";
import { createServer } from "node:net";
import { join } from "node:path";
import { writeFixtures } from "./fixtures/make-fixtures.mjs";
import { importResults } from "./offline-helpers";

/** Generates the fixtures once per worker (deterministic, pure Node) and returns their paths. */
let dir: string | null = null;
export function fixture(name: string): string {
  dir ??= writeFixtures().dir;
  return join(dir, name);
}
export function fixtureManifest(): Record<string, string> {
  return writeFixtures().manifest;
}

export const GOOD = ["tshirt-navy.jpg", "trousers-olive.jpg", "dress-red.jpg"];

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, "127.0.0.1", ok));
  const port = (s.address() as { port: number }).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

export async function openApp(page: Page, url = "/") {
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Wardrobe" })).toBeVisible();
}

/** Adds photos through the real file input and waits for the per-file report. */
export async function addPhotos(page: Page, names: string[]): Promise<number> {
  await page.getByTestId("photo-input").setInputFiles(names.map(fixture));
  return importResults(page, 60_000);
}

export const cards = (page: Page) => page.locator(".item-card");

/** Waits until every visible card shows a decoded thumbnail. */
export async function expectThumbnails(page: Page, count: number) {
  await expect(cards(page)).toHaveCount(count);
  await expect
    .poll(() =>
      page
        .locator(".item-card img")
        .evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length),
    )
    .toBe(count);
}

/**
 * Waits until the virtualised grid has settled (the same number of cards rendered
 * twice in a row, 250 ms apart: it re-measures after content above it changes) and
 * every rendered card shows its thumbnail. Returns that number.
 */
export async function expectRenderedThumbnails(page: Page): Promise<number> {
  let last = -1;
  await expect
    .poll(
      async () => {
        const now = await cards(page).count();
        const settled = now > 0 && now === last;
        last = now;
        return settled;
      },
      { intervals: [250] },
    )
    .toBe(true);
  await expectThumbnails(page, last);
  return last;
}

export interface StoredImageFacts {
  itemId: string;
  sha256: string; // recomputed from the stored bytes
  declaredSha256: string;
  width: number;
  height: number;
  mimeType: string;
  hasExif: boolean;
  mentionsCamera: boolean;
  hasGpsTag: boolean;
  size: number;
}

/**
 * Reads the images table with the raw IndexedDB API (not the app's code), so the
 * checks do not trust the layer they test.
 */
export async function storedImages(page: Page): Promise<StoredImageFacts[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open("curator");
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = await new Promise<Record<string, unknown>[]>((res, rej) => {
      const r = db.transaction("images").objectStore("images").getAll();
      r.onsuccess = () => res(r.result as Record<string, unknown>[]);
      r.onerror = () => rej(r.error);
    });
    db.close();
    const out = [];
    for (const img of all) {
      const bytes = new Uint8Array(await (img.original as Blob).arrayBuffer());
      const hex = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
      // Byte-level search (TextDecoder's "latin1" is windows-1252 and would remap 0x80–0x9F).
      const has = (pattern: number[]) => {
        outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
          for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
          return true;
        }
        return false;
      };
      const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
      // GPS IFD pointer tag 0x8825 (type LONG) in either byte order
      const hasGpsTag = has([0x88, 0x25, 0x00, 0x04]) || has([0x25, 0x88, 0x04, 0x00]);
      out.push({
        itemId: img.itemId as string,
        sha256: hex,
        declaredSha256: img.sha256 as string,
        width: img.width as number,
        height: img.height as number,
        mimeType: img.mimeType as string,
        hasExif: has(ascii("Exif\0\0")),
        mentionsCamera: has(ascii("CuratorTestCam")),
        hasGpsTag,
        size: bytes.length,
      });
    }
    return out;
  });
}

/** RGB of a stored original at fractional position (fx, fy), decoded in the page. */
export async function pixelOf(page: Page, itemId: string, fx: number, fy: number): Promise<number[]> {
  return page.evaluate(
    async ({ itemId, fx, fy }) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open("curator");
        r.onsuccess = () => res(r.result);
      });
      const all = await new Promise<Record<string, unknown>[]>((res) => {
        const r = db.transaction("images").objectStore("images").getAll();
        r.onsuccess = () => res(r.result as Record<string, unknown>[]);
      });
      db.close();
      const img = all.find((i) => i.itemId === itemId);
      if (!img) throw new Error("no image for " + itemId);
      // imageOrientation "none": the stored pixels must already be upright.
      const bmp = await createImageBitmap(img.original as Blob, { imageOrientation: "none" });
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext("2d")!;
      ctx.drawImage(bmp, 0, 0);
      return [...ctx.getImageData(Math.floor(bmp.width * fx), Math.floor(bmp.height * fy), 1, 1).data].slice(0, 3);
    },
    { itemId, fx, fy },
  );
}

export async function gotoTab(page: Page, name: "Wardrobe" | "Settings" | "Style") {
  const tab = page.getByRole("tab", { name });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name })).toBeVisible();
}
