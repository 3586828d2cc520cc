// A production build under `vite preview`, for the tools that drive the real app in
// Chromium (Lighthouse, the manifest's screenshots): builds into `dist` unless told not
// to, starts the preview server in its own process group and waits until it answers.
import { spawn, spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Resolves to `{ url, stop }` once the server answers; `stop` is also called when the process exits. */
export async function servePreview({ dist, port, build = true }) {
  const env = { ...process.env, CURATOR_DIST: dist };
  if (build) {
    console.log(`building into ${dist}/ …`);
    const r = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: root, env, stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  // Its own process group, so that stopping it stops npx and the vite process it started.
  const server = spawn("npx", ["vite", "preview", "--port", String(port), "--strictPort", "--outDir", dist], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  };
  process.on("exit", stop);
  const url = `http://localhost:${port}/`;
  for (let i = 0; ; i++) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 120) {
      stop();
      throw new Error(`vite preview did not answer on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, stop };
}
