import { expect, test, type Browser, type Page } from "@playwright/test";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { startRelay, type Relay } from "../src/sync/testRelay";
import { addPhotos, cards, expectThumbnails, GOOD, gotoTab, openApp, storedImages } from "./foundation-helpers";

/**
 * Settings → Sync in real Chromium against a real s3rver on localhost (another
 * origin than the app, which is served with COOP/COEP): the bucket allows the app's
 * origin by CORS, as a real provider would have to.
 */

test.describe.configure({ mode: "serial" });

const BUCKET = "curator-e2e";
const PASSPHRASE = "correct horse battery staple";
let s3: S3rver | null = null;
let relay: Relay | null = null;
let endpoint = "";
let directory = "";

// eslint-disable-next-line no-empty-pattern -- Playwright needs the fixtures pattern to reach testInfo
test.beforeAll(async ({}, testInfo) => {
  const origin = new URL(String(testInfo.project.use.baseURL)).origin;
  const cors = `<CORSConfiguration><CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    ${["GET", "PUT", "HEAD", "POST", "DELETE"].map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join("")}
    <AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule></CORSConfiguration>`;
  directory = await mkdtemp(join(tmpdir(), "curator-e2e-s3-"));
  // configureBuckets is not in the local s3rver typings (src/sync/s3rver.d.ts): pass a wider object.
  const options = { address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET, configs: [cors] }] };
  s3 = new S3rver(options);
  const { port } = await s3.run();
  relay = await startRelay(port);
  endpoint = `http://127.0.0.1:${relay.port}`;
});

test.afterAll(async () => {
  relay?.cut();
  await s3?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

async function openSync(page: Page) {
  await gotoTab(page, "Settings");
  const section = page.getByRole("region", { name: "Sync", exact: true });
  try {
    await expect(section.getByTestId("sync-state")).toBeVisible();
  } catch (e) {
    // Say what the screen showed instead (the sync section still loading, or no section at all).
    const shown = await page
      .getByRole("tabpanel")
      .innerText()
      .catch(() => "(no tab panel)");
    throw new Error(`${(e as Error).message}\nThe screen showed: ${shown.slice(0, 600)}`);
  }
  return section;
}

async function turnOn(page: Page, passphrase = PASSPHRASE, remember = false) {
  const section = await openSync(page);
  await expect(section.getByTestId("sync-state")).toContainText("Sync is off");
  await section.getByLabel("Endpoint URL").fill(endpoint);
  await section.getByLabel("Bucket", { exact: true }).fill(BUCKET);
  await expect(section.getByLabel("Region")).toHaveValue("us-east-1");
  await section.getByLabel("Access key ID").fill("S3RVER");
  await section.getByLabel("Secret access key").fill("S3RVER");
  await section.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await section.getByLabel("Confirm passphrase").fill(passphrase);
  if (remember) await section.getByLabel("Remember passphrase on this device").check();
  await section.getByRole("button", { name: "Turn on sync" }).click();
  return section;
}

/** The stored connection (a device-only setting), read with the raw IndexedDB API: what it holds, with any CryptoKey described. */
const storedConnection = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open("curator");
      r.onsuccess = () => res(r.result);
    });
    const rec = await new Promise<{ value: Record<string, unknown> } | undefined>((res) => {
      const r = db.transaction("settings").objectStore("settings").get("device:sync");
      r.onsuccess = () => res(r.result as { value: Record<string, unknown> } | undefined);
    });
    db.close();
    const strings: string[] = [];
    const walk = (v: unknown): unknown => {
      if (v instanceof CryptoKey) return { cryptoKey: true, extractable: v.extractable, algorithm: v.algorithm.name };
      if (typeof v === "string") strings.push(v);
      if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return { value: walk(rec?.value) as Record<string, unknown> | undefined, strings };
  });

async function syncNow(page: Page) {
  const section = await openSync(page);
  await section.getByRole("button", { name: "Sync now" }).click();
  await expect(section.getByTestId("sync-status")).toContainText("Synced.", { timeout: 60_000 });
  return section;
}

/** Ids of the items not deleted, read with the raw IndexedDB API. */
const liveItemIds = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open("curator");
      r.onsuccess = () => res(r.result);
    });
    const all = await new Promise<{ id: string; deletedAt: number | null }[]>((res) => {
      const r = db.transaction("items").objectStore("items").getAll();
      r.onsuccess = () => res(r.result as { id: string; deletedAt: number | null }[]);
    });
    db.close();
    return all
      .filter((i) => i.deletedAt === null)
      .map((i) => i.id)
      .sort();
  });

const shas = async (page: Page) => (await storedImages(page)).map((i) => i.sha256).sort();

async function device(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openApp(page);
  return { context, page };
}

let a: Awaited<ReturnType<typeof device>>;

test("two devices converge through the bucket: photos go A → B, a delete on B reaches A", async ({ browser }) => {
  a = await device(browser);
  await addPhotos(a.page, GOOD.slice(0, 2));
  await expectThumbnails(a.page, 2);
  const aShas = await shas(a.page);
  expect(aShas).toHaveLength(2);

  // Test connection before turning on: the empty bucket is reachable, nothing saved yet.
  let section = await openSync(a.page);
  await section.getByLabel("Endpoint URL").fill(endpoint);
  await section.getByLabel("Bucket", { exact: true }).fill(BUCKET);
  await section.getByLabel("Access key ID").fill("S3RVER");
  await section.getByLabel("Secret access key").fill("S3RVER");
  await section.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
  await section.getByRole("button", { name: "Test connection" }).click();
  await expect(section.getByTestId("sync-status")).toContainText("The bucket is empty");
  await expect(section.getByTestId("sync-state")).toContainText("Sync is off");
  // The CORS rule the screen asks for includes DELETE (clean-up removes unused photos).
  await expect(section.getByTestId("sync-cors")).toContainText("methods GET, PUT, HEAD and DELETE");
  // Setting a bucket up: the passphrase is typed twice, and a weak one is refused (nothing written).
  await section.getByLabel("Confirm passphrase").fill("correct horse battery stapel");
  await section.getByRole("button", { name: "Turn on sync" }).click();
  await expect(section.getByRole("alert")).toContainText("The two passphrases are not the same");
  for (const weak of ["hunter2", "password1234"]) {
    await section.getByLabel("Passphrase", { exact: true }).fill(weak);
    await expect(section.getByTestId("sync-pass-strength")).toContainText("For a new bucket:");
    await section.getByLabel("Confirm passphrase").fill(weak);
    await section.getByRole("button", { name: "Turn on sync" }).click();
    await expect(section.getByRole("alert")).toContainText("too weak to set up a bucket");
    await expect(section.getByTestId("sync-state")).toContainText("Sync is off");
  }
  await a.page.reload();

  section = await turnOn(a.page);
  await expect(section.getByTestId("sync-state")).toContainText("Sync is on");
  await expect(section.getByText("Not synced yet on this device.")).toBeVisible();
  section = await syncNow(a.page);
  await expect(section.getByTestId("sync-last")).toContainText("Last synced");
  await expect(section.getByTestId("sync-last")).toContainText(/\d+ photos uploaded/);

  // The stored connection: no passphrase and no keys (not remembered), and nothing of it goes into the synced records.
  const storedSetting = await storedConnection(a.page);
  expect(storedSetting.value).toMatchObject({ endpoint, bucket: BUCKET, region: "us-east-1", accessKeyId: "S3RVER" });
  expect(storedSetting.value).not.toHaveProperty("passphrase");
  expect(storedSetting.value).not.toHaveProperty("keys");

  // Device B: a fresh browser profile, same settings and passphrase (remembered this time).
  const b = await device(browser);
  await expect(b.page.getByText("Add your first clothes")).toBeVisible();
  await turnOn(b.page, PASSPHRASE, true);
  await expect(b.page.getByTestId("sync-status")).toContainText("Sync is on");
  section = await syncNow(b.page);
  await expect(section.getByTestId("sync-last")).toContainText("2 items added");
  await gotoTab(b.page, "Wardrobe");
  await expectThumbnails(b.page, 2);
  expect(await shas(b.page)).toEqual(aShas);

  // Remembered on B: the bucket's keys, as CryptoKeys no script can read, and never the passphrase.
  const onB = await storedConnection(b.page);
  expect(onB.strings.some((s) => s.includes(PASSPHRASE))).toBe(false);
  expect(onB.value?.keys).toMatchObject({
    content: { cryptoKey: true, extractable: false, algorithm: "AES-GCM" },
    names: { cryptoKey: true, extractable: false, algorithm: "HMAC" },
  });
  // After a reload, Sync now works without typing the passphrase.
  await b.page.reload();
  section = await openSync(b.page);
  await expect(section.getByText("The bucket's keys are remembered on this device (not the passphrase)")).toBeVisible();

  // Delete one on B, sync B then A: A loses it too.
  await gotoTab(b.page, "Wardrobe");
  await cards(b.page).first().click();
  await b.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(cards(b.page)).toHaveCount(1);
  const bLive = await liveItemIds(b.page);
  expect(bLive).toHaveLength(1);
  await syncNow(b.page);

  // A: not remembered, so the passphrase is asked again after a reload.
  await a.page.reload();
  section = await openSync(a.page);
  await expect(section.getByRole("button", { name: "Sync now" })).toBeDisabled();
  await section.getByLabel(/^Passphrase \(not stored/).fill(PASSPHRASE);
  await syncNow(a.page);
  await gotoTab(a.page, "Wardrobe");
  await expectThumbnails(a.page, 1);
  expect(await liveItemIds(a.page)).toEqual(bLive);
  await b.context.close();
});

test("a wrong passphrase is refused: sync stays off and nothing is imported", async ({ browser }) => {
  const c = await device(browser);
  const section = await turnOn(c.page, "not the passphrase");
  await expect(section.getByRole("alert")).toContainText("Wrong passphrase");
  await expect(section.getByRole("alert")).toContainText("Nothing on this device was changed or lost.");
  await expect(section.getByTestId("sync-state")).toContainText("Sync is off");
  await expect(section.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  await gotoTab(c.page, "Wardrobe");
  await expect(c.page.getByText("Add your first clothes")).toBeVisible();
  expect(await storedImages(c.page)).toHaveLength(0);
  await c.context.close();
});

test("at 390 px the form fits without sideways scrolling (screenshot)", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await openApp(page);
  const section = await openSync(page);
  await section.getByLabel("Endpoint URL").fill(endpoint);
  await section.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await section.screenshot({ path: "test-results/sync-390.png" });
  await context.close();
});

test("no bucket yet: the CloudFormation template link serves the template, and the deploy command names this origin, copyable (390 px screenshot)", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await openApp(page);
  const section = await openSync(page);
  const block = section.getByRole("region", { name: "Don't have a bucket?" });
  const link = block.getByRole("link", { name: "CloudFormation template" });

  // The link resolves, on the app's own server, to the template infra/ writes: JSON with the bucket, its policy and the scoped user.
  const url = new URL((await link.getAttribute("href"))!, page.url()).href;
  const served = await page.request.get(url);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toMatch(/^application\/json/);
  const template = (await served.json()) as { Parameters: Record<string, unknown>; Resources: Record<string, { Type: string }> };
  expect(Object.values(template.Resources).map((r) => r.Type)).toEqual(
    expect.arrayContaining(["AWS::S3::Bucket", "AWS::S3::BucketPolicy", "AWS::IAM::User", "AWS::IAM::Policy"]),
  );
  expect(Object.keys(template.Parameters)).toContain("AppOrigin");
  // Following the link saves that same file under the name the command uses.
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("sync-bucket.template.json");
  expect(JSON.parse(await readFile((await download.path())!, "utf8"))).toEqual(template);

  const origin = new URL(page.url()).origin;
  const command = `aws cloudformation deploy --template-file sync-bucket.template.json --stack-name curator-sync --capabilities CAPABILITY_IAM --parameter-overrides AppOrigin=${origin}`;
  await expect(block.locator("pre")).toHaveText(command);
  const copy = block.getByRole("button", { name: "Copy command" });
  await expect(copy).toHaveAccessibleDescription(command);
  await copy.focus();
  await page.keyboard.press("Enter");
  await expect(block.getByRole("status")).toHaveText("Copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);

  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await block.scrollIntoViewIfNeeded();
  await section.screenshot({ path: "test-results/sync-template-390.png" });
  await context.close();
});

/** How many photo objects the S3 server holds (its files on disk: what reached it, whatever the page saw). */
async function blobsInBucket(): Promise<number> {
  const files = await readdir(join(directory, BUCKET), { recursive: true });
  return files.filter((f) => f.includes("blobs/") && f.endsWith("._S3rver_object")).length;
}

test("a slow sync shows its progress and Cancel stops it; the next sync finishes", async () => {
  // No automatic sync on A here, so the upload on screen is the one Sync now starts: after a
  // reload A's passphrase (not remembered) is gone, which pauses automatic sync, and typing it
  // for Sync now below does not start one by itself.
  await a.page.reload();
  await gotoTab(a.page, "Wardrobe");
  await addPhotos(a.page, [GOOD[2]!]);
  await expectThumbnails(a.page, 2);
  // Hold every photo upload for a while, so the progress is on screen long enough to cancel.
  await a.page.route(`${endpoint}/**`, async (route) => {
    if (route.request().method() === "PUT" && route.request().url().includes("/blobs/")) await new Promise((r) => setTimeout(r, 4000));
    await route.continue().catch(() => {});
  });
  const section = await openSync(a.page);
  const before = await blobsInBucket();
  await section.getByLabel(/^Passphrase \(not stored/).fill(PASSPHRASE);
  await section.getByRole("button", { name: "Sync now" }).click();
  const progress = section.getByRole("group", { name: "Uploading photos" });
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/Uploading photos — \d+ of 2/);
  await progress.getByRole("button", { name: "Cancel" }).click();
  await expect(section.getByRole("alert")).toContainText("Sync was cancelled. Your wardrobe on this device is kept: nothing was lost.");
  await expect(progress).toHaveCount(0);
  await a.page.unrouteAll({ behavior: "ignoreErrors" });
  // A held upload may still reach the server as Cancel lands (the request was already sent):
  // the next sync uploads exactly what is still missing, and Cancel stopped at least one.
  await new Promise((r) => setTimeout(r, 4500));
  const landed = (await blobsInBucket()) - before;
  expect(landed, "Cancel stopped the upload before its end").toBeLessThan(2);
  await section.getByRole("button", { name: "Sync now" }).click();
  await expect(section.getByTestId("sync-status")).toContainText("Synced.");
  await expect(section.getByTestId("sync-last")).toContainText(`${2 - landed} photo${2 - landed === 1 ? "" : "s"} uploaded`);
  expect(await blobsInBucket()).toBe(before + 2);
  await gotoTab(a.page, "Wardrobe");
  await expectThumbnails(a.page, 2);
});

test("sync on with the passphrase remembered: a photo added on one device reaches another without pressing Sync now", async ({ browser }) => {
  const d = await device(browser);
  const e = await device(browser);
  let section = await turnOn(d.page, PASSPHRASE, true);
  await expect(section.getByTestId("sync-auto")).toContainText("Syncs automatically");
  section = await turnOn(e.page, PASSPHRASE, true);
  await expect(section.getByTestId("sync-last")).toHaveText("Not synced yet on this device.");

  // D adds a photo; no one presses Sync now.
  await gotoTab(d.page, "Wardrobe");
  await addPhotos(d.page, [GOOD[1]!]);
  await expectThumbnails(d.page, 1);
  const added = await liveItemIds(d.page);
  expect(added).toHaveLength(1);
  section = await openSync(d.page);
  await expect(section.getByTestId("sync-last")).toContainText("Last synced", { timeout: 30_000 });
  await expect(section.getByTestId("sync-auto")).toContainText("Syncs automatically; last synced at");
  await expect(section.getByRole("button", { name: "Sync now" })).toBeEnabled();
  // The header says so on every screen, and its badge leads back to the sync settings.
  await gotoTab(d.page, "Wardrobe");
  const badge = d.page.getByTestId("sync-badge");
  await expect(badge).toHaveAccessibleName(/^Synced (just now|\d+ min ago)\. Open sync settings\.$/);
  await badge.click();
  await expect(d.page.getByRole("heading", { name: "Sync", exact: true, level: 3 })).toBeFocused();
  await expect(d.page.getByRole("heading", { name: "Sync", exact: true, level: 3 })).toBeInViewport();
  await d.page.setViewportSize({ width: 390, height: 844 });
  await d.page.evaluate(() => window.scrollTo(0, 0));
  expect(await d.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await d.page.screenshot({ path: "test-results/sync-badge-390.png" });
  await d.page.setViewportSize({ width: 1280, height: 800 });
  await d.page.evaluate(() => window.scrollTo(0, 0));
  await d.page.screenshot({ path: "test-results/sync-badge-1280.png" });

  // E has not synced yet (it held nothing to send): after a reload it syncs by itself and gets D's item and photo.
  expect(await liveItemIds(e.page)).toEqual([]);
  await e.page.reload();
  await expect.poll(() => liveItemIds(e.page), { timeout: 30_000 }).toContain(added[0]);
  await gotoTab(e.page, "Wardrobe");
  // E holds exactly D's photo, byte for byte (not merely "some" photo).
  const photosOf = async (p: Page) => (await storedImages(p)).map((i) => `${i.itemId} ${i.sha256} ${i.declaredSha256}`).sort();
  const dPhotos = await photosOf(d.page);
  // D also holds what earlier tests left in the bucket (it pulled them when it turned sync on); the photo it added is among them, once.
  expect(dPhotos.filter((p) => p.startsWith(`${added[0]} `))).toHaveLength(1);
  for (const p of dPhotos) expect(p.split(" ")[1], "recomputed and declared sha256 agree").toBe(p.split(" ")[2]);
  expect(await photosOf(e.page)).toEqual(dPhotos);
  section = await openSync(e.page);
  await expect(section.getByTestId("sync-last")).toContainText("Last synced");
  await d.context.close();
  await e.context.close();
});

test("the server is gone: a network error, local items kept", async () => {
  relay!.cut();
  await a.page.setViewportSize({ width: 390, height: 844 });
  const section = await openSync(a.page);
  await section.getByRole("button", { name: "Sync now" }).click();
  await expect(section.getByRole("alert")).toContainText("Could not reach the sync server", { timeout: 60_000 });
  await expect(section.getByRole("alert")).toContainText("nothing was lost");
  await expect(section.getByRole("button", { name: "Sync now" })).toBeEnabled();
  await section.scrollIntoViewIfNeeded();
  expect(await a.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await section.screenshot({ path: "test-results/sync-390-on.png" });
  await gotoTab(a.page, "Wardrobe");
  await expectThumbnails(a.page, 2);

  // Turn off: the connection is forgotten.
  const again = await openSync(a.page);
  await again.getByRole("button", { name: "Turn off sync" }).click();
  await expect(again.getByTestId("sync-state")).toContainText("Sync is off");
  await a.page.reload();
  await expect((await openSync(a.page)).getByTestId("sync-state")).toContainText("Sync is off");
  await expect((await openSync(a.page)).getByLabel("Endpoint URL")).toHaveValue("");
  await a.context.close();
});
