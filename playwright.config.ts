import { defineConfig } from "@playwright/test";
import { findChromium, HEADLESS_ARGS } from "./tools/browser.mjs";
import { CSP_REPORT_LOG } from "./e2e/csp-report-log";

const executablePath = await findChromium();
// E2E_PORT and CURATOR_DIST let parallel runs use their own server and build.
const PORT = Number(process.env.E2E_PORT ?? 4173);
// The shop service (api/, built by `npm run api:build`), reached through the preview
// server's /api proxy, which is given the same port.
const API_PORT = Number(process.env.E2E_API_PORT ?? 8787);

export default defineConfig({
  testDir: "e2e",
  // The e2e realm: Node + the DOM for page.evaluate callbacks, and the layer aliases.
  tsconfig: "./tsconfig.e2e.json",
  testMatch: /.*\.spec\.ts/,
  outputDir: `test-results/artifacts${process.env.E2E_PORT ? "-" + process.env.E2E_PORT : ""}`,
  // Spec files run two at a time (each file's tests in order, each test in its own browser
  // context): the suite took 13.8 min with two workers on a 2-core machine that was also
  // building a data set, against 15.9 min with one. E2E_WORKERS=1 runs them one by one.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: "chromium",
    launchOptions: { executablePath, args: HEADLESS_ARGS },
    trace: "off",
  },
  projects: [
    { name: "chromium", testIgnore: /webgpu\.spec\.ts/ },
    {
      // A software WebGPU adapter (SwiftShader): checks the WebGPU path gives the same
      // outputs as WASM. Useless for timing.
      name: "webgpu",
      testMatch: /webgpu\.spec\.ts/,
      use: { launchOptions: { executablePath, args: [...HEADLESS_ARGS, "--enable-unsafe-webgpu"] } },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --port ${PORT} --strictPort`,
      url: `http://localhost:${PORT}`,
      env: {
        CURATOR_API_PORT: String(API_PORT),
        // The production CSP, plus plain-http loopback for the specs' local S3 server, and a
        // report-uri whose reports e2e/csp.spec.ts reads (tools/csp.ts).
        CURATOR_CSP_EXTRA: "http://127.0.0.1:* http://localhost:*",
        CURATOR_CSP_REPORT_LOG: CSP_REPORT_LOG,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Liveness only: specs that search wait for /readyz themselves, so the others do
      // not depend on the catalog being built.
      command: "node dist-api/node.mjs",
      url: `http://127.0.0.1:${API_PORT}/healthz`,
      env: { CURATOR_API_PORT: String(API_PORT), CURATOR_API_HOST: "127.0.0.1" },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
