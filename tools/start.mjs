// `npm start`: builds the app and the catalog-search endpoint, then serves both on
// this machine — the app on http://localhost:4173 and the endpoint on
// 127.0.0.1:8787, reached by the app through the preview server's /api proxy.
// The product images come from Debian's Fashion-MNIST package: as root on
// Debian/Ubuntu it is installed with apt when missing; elsewhere search still
// works and the product pictures are missing (the endpoint's /readyz says so).
// Ctrl+C stops both servers.
import { execSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";

const DATASET = process.env.FASHION_MNIST_DIR ?? "/usr/share/datasets/fashion-mnist";
const APP_PORT = process.env.PORT ?? "4173";
const API_PORT = process.env.CURATOR_API_PORT ?? "8787";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!existsSync(DATASET)) {
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("Installing the product catalog's images (Debian's dataset-fashion-mnist) …");
    try {
      execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist", { stdio: "inherit" });
    } catch {
      console.warn("Could not install dataset-fashion-mnist: shop-the-look results will have no pictures.");
    }
  } else {
    console.warn(`${DATASET} is missing (apt-get install dataset-fashion-mnist): shop-the-look results will have no pictures.`);
  }
}

execSync("npx vite build && npm run api:build", { stdio: "inherit" });

const env = { ...process.env, CURATOR_API_PORT: API_PORT };
const children = [
  spawn(process.execPath, ["dist-api/node.mjs"], { stdio: "inherit", env }),
  // Node runs Vite's own entry (not through npx), so stopping this child stops the server.
  spawn(process.execPath, ["node_modules/vite/bin/vite.js", "preview", "--port", APP_PORT, "--strictPort"], { stdio: "inherit", env }),
];
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exitCode = code;
};
for (const c of children) c.on("exit", (code) => stop(code ?? 0));
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
