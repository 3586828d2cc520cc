import { expect, test, type Page } from "@playwright/test";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import S3rver from "s3rver";
import { addPhotos, cards, expectThumbnails, GOOD, gotoTab, openApp } from "./foundation-helpers";
import { CSP_REPORT_LOG } from "./csp-report-log";

// The production build under its Content-Security-Policy (tools/csp.ts), used the way a
// person uses it: every tab, a photo import (vision worker: onnxruntime-web, WASM
// threads), face analysis (face worker: tfjs WASM) and a sync against a real
// S3-protocol server. Any violation fails: the page's securitypolicyviolation events,
// console errors of the page and of every worker, and the reports the browser posts
// to the preview server (report-uri, the only place violations inside workers surface).

const here = dirname(fileURLToPath(import.meta.url));
const BUCKET = "curator-csp";

interface Violation {
  source: string;
  text: string;
}

/** Starts listening before the app's first byte runs. */
async function watchViolations(page: Page): Promise<Violation[]> {
  const seen: Violation[] = [];
  await page.exposeBinding("__cspViolation", (_src, text: string) => void seen.push({ source: "page event", text }));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation(t: string): void }).__cspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  const isCsp = (t: string) => /Content Security Policy|Refused to|CSP/i.test(t);
  page.on("console", (m) => {
    if (m.type() === "error" && isCsp(m.text())) seen.push({ source: "page console", text: m.text() });
  });
  page.on("worker", (w) =>
    w.on("console", (m) => {
      if (isCsp(m.text())) seen.push({ source: `worker console ${w.url()}`, text: m.text() });
    }),
  );
  return seen;
}

/** Reports the browser posted (page and workers); waits a moment, as reports are sent asynchronously. */
async function reported(): Promise<Violation[]> {
  await new Promise((r) => setTimeout(r, 1500));
  const text = await readFile(CSP_REPORT_LOG, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => ({ source: "report-uri", text: line }));
}

test.describe.configure({ mode: "serial" });

let s3: S3rver | null = null;
let endpoint = "";
let directory = "";

// eslint-disable-next-line no-empty-pattern -- Playwright needs the fixtures pattern to reach testInfo
test.beforeAll(async ({}, testInfo) => {
  const origin = new URL(String(testInfo.project.use.baseURL)).origin;
  const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>${origin}</AllowedOrigin>
    ${["GET", "PUT", "HEAD", "POST", "DELETE"].map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join("")}
    <AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;
  directory = await mkdtemp(join(tmpdir(), "curator-csp-s3-"));
  s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET, configs: [cors] }] } as ConstructorParameters<
    typeof S3rver
  >[0]);
  endpoint = `http://127.0.0.1:${(await s3.run()).port}`;
});

test.afterAll(async () => {
  await s3?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

test.beforeEach(async () => {
  await writeFile(CSP_REPORT_LOG, "");
});

// Whatever a test ends with (a blocked worker usually shows as a step that never
// finishes), say which violations the browser reported.
// eslint-disable-next-line no-empty-pattern -- Playwright needs the fixtures pattern to reach testInfo
test.afterEach(async ({}, testInfo) => {
  const reports = await reported();
  if (reports.length) await testInfo.attach("csp-reports", { body: reports.map((r) => r.text).join("\n"), contentType: "text/plain" });
  if (testInfo.status !== testInfo.expectedStatus) console.log(`CSP reports: ${reports.length}\n${reports.map((r) => r.text.slice(0, 300)).join("\n")}`);
});

test("the app is served with a strict CSP and cross-origin isolation", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const directive = (name: string) =>
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .find(([n]) => n === name)
      ?.slice(1) ?? null;
  expect(directive("script-src"), csp).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directive("default-src"), csp).toEqual(["'self'"]);
  expect(directive("object-src"), csp).toEqual(["'none'"]);
  expect(directive("base-uri"), csp).toEqual(["'self'"]);
  expect(directive("frame-ancestors"), csp).toEqual(["'none'"]);
  expect(directive("worker-src"), csp).toEqual(["'self'"]);
  for (const d of ["style-src", "img-src", "connect-src"]) {
    expect(directive(d), d).not.toContain("*"); // no wildcard source
    expect(directive(d)?.join(" "), d).not.toMatch(/unsafe-inline|unsafe-eval/);
  }
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["cross-origin-embedder-policy"]).toBe("require-corp");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test("an injected inline script is blocked and the violation is seen (this spec can fail)", async ({ page }) => {
  const seen = await watchViolations(page);
  await openApp(page);
  const ran = await page.evaluate(async () => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => seen.filter((v) => v.source === "page event").length).toBeGreaterThan(0);
  await expect.poll(async () => (await reported()).length, { timeout: 10_000 }).toBeGreaterThan(0);
});

test("every tab, a photo import, face analysis and a sync run with no CSP violation", async ({ page }) => {
  test.setTimeout(300_000);
  const seen = await watchViolations(page);
  await openApp(page);

  // The vision worker: onnxruntime-web on multi-threaded WASM (its thread workers too).
  await addPhotos(page, GOOD.slice(0, 2));
  await page.getByRole("button", { name: "Dismiss import results" }).click();
  await expectThumbnails(page, 2);
  await gotoTab(page, "Settings");
  await expect(page.getByTestId("model-backend")).toContainText("Running on: WebAssembly, multi-threaded", { timeout: 120_000 });

  // The item editor (blob: photo) and the similar items.
  await gotoTab(page, "Wardrobe");
  await cards(page).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");

  // Outfits and each of its views.
  await page.getByRole("tab", { name: "Outfits", exact: true }).click();
  for (const view of ["Today", "Build", "Calendar", "Stats"]) {
    const tab = page.getByRole("tab", { name: view, exact: true });
    await tab.click();
    await expect(tab).toHaveAttribute("aria-selected", "true");
  }

  // The face worker: tfjs on WASM with the face mesh models.
  await gotoTab(page, "Style");
  await page.getByTestId("face-file-input").setInputFiles(join(here, "fixtures/faces/astronaut.png"));
  await expect(page.getByTestId("face-landmark-count")).toHaveText("468", { timeout: 120_000 });

  // Sync against s3rver (another origin, plain http on loopback: CURATOR_CSP_EXTRA in playwright.config.ts).
  await gotoTab(page, "Settings");
  const section = page.getByRole("region", { name: "Sync", exact: true });
  await section.getByLabel("Endpoint URL").fill(endpoint);
  await section.getByLabel("Bucket", { exact: true }).fill(BUCKET);
  await section.getByLabel("Access key ID").fill("S3RVER");
  await section.getByLabel("Secret access key").fill("S3RVER");
  await section.getByLabel("Passphrase", { exact: true }).fill("correct horse battery staple");
  const confirm = section.getByLabel(/Confirm passphrase|Repeat passphrase/i);
  if (await confirm.count()) await confirm.fill("correct horse battery staple");
  await section.getByRole("button", { name: "Turn on sync" }).click();
  await section.getByRole("button", { name: "Sync now" }).click();
  await expect(section.getByTestId("sync-status")).toContainText("Synced.", { timeout: 60_000 });

  const all = [...seen, ...(await reported())];
  console.log(`CSP violations: ${all.length}`);
  expect(all, JSON.stringify(all, null, 2)).toEqual([]);
});
