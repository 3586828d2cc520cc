import { type BrowserContext, type Page } from "@playwright/test";
import { garmentPhoto } from "./fixtures/garments.mjs";
import { downloadAllThenGoOffline, importResults } from "./offline-helpers";

export interface RawItem {
  id: string;
  createdAt: number;
  category: string | null;
  subtype: string | null;
  colours: { hex: string; name: string; share: number }[];
  embedding: number[] | null;
  silhouette?: string | null;
  imageId: string | null;
  deletedAt: number | null;
  recognition: {
    modelVersion: { name: string; version: number } | string;
    top: { category: string; subtype: string; confidence: number }[];
    needsReview?: boolean;
    confirmedByUser: boolean;
  } | null;
}

/** Reads a table with the raw IndexedDB API (not the app's code), so the checks do not trust the layer they test. */
export async function rawTable<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open("curator");
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    try {
      return await new Promise<T[]>((res, rej) => {
        const req = db.transaction(name, "readonly").objectStore(name).getAll();
        req.onsuccess = () => res(req.result as T[]);
        req.onerror = () => rej(req.error);
      });
    } finally {
      db.close();
    }
  }, table);
}

export const rawItems = async (page: Page) => (await rawTable<RawItem>(page, "items")).sort((a, b) => a.createdAt - b.createdAt);

export const png = (name: string, buffer: Buffer) => ({ name, mimeType: "image/png", buffer });

/** Adds files through the real file input and waits until the import report appears. */
/** Imports photos through the real file input; returns how many single-garment photos the detector split (imported as one item). */
export async function importFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[], timeout = 180_000): Promise<number> {
  await page.getByTestId("photo-input").setInputFiles(files);
  return importResults(page, timeout);
}

export async function dismissReport(page: Page) {
  const dismiss = page.getByRole("button", { name: "Dismiss import results" });
  if (await dismiss.isVisible()) await dismiss.click();
}

/** Fixture photos for the accuracy check: spread over the committed test subset. */
export function accuracyFixtures(n: number) {
  return Array.from({ length: n }, (_, k) => garmentPhoto(k * 31 + 7, 1000 + k));
}

/**
 * After one online visit the service worker has precached the app shell; the models are
 * fetched on first need (issue 17), so the user's "Make Curator work fully offline now"
 * downloads them before the network goes off.
 */
export async function goOffline(page: Page, context: BrowserContext) {
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.reload();
  await downloadAllThenGoOffline(page, context);
}
