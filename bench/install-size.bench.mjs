#!/usr/bin/env node
// What a first visit downloads (issue 17), measured on a production build (CURATOR_DIST or
// dist/; run `npx vite build` first), before and after the light install, in one process:
//  - to interactive: what the page itself requests until the Wardrobe is on screen, in real
//    Chromium (service worker blocked, so only the page's own requests count);
//  - install (the service worker's precache): "before" is the old policy (every script,
//    style, model and WASM precached: globs "**/*.{js,mjs,css,html,...,wasm,onnx,json,bin}"
//    minus ORT's WebGPU build and the manifest screenshots) applied to the same build; "after"
//    is the precache list the build's sw.js really holds;
//  - per capability, on first need (src/ml/packs.ts rules on the build's files) and to fully
//    offline (install + every capability).
// Sizes are gzip -9 and Brotli (quality 9) of each file, what a server with compression sends,
// and "as deployed": what the CloudFront deployment (infra/) sends a browser. CloudFront
// compresses (Brotli; quality 9 here, its own level is not documented) only 1,000-10,000,000
// byte files of a type on its list; the rest go out as uploaded: the Brotli q11 copies
// tools/precompress.mjs makes of the big and octet-stream files (ORT's WASM, the models),
// or raw (files under 1 kB, PNGs). The q11 copies come from the store in dist-infra/brotli
// (made once per content; `npm run precompress --prefix infra` fills it, else this bench does).
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { findChromium, HEADLESS_ARGS, NO_BROWSER_MESSAGE } from "../tools/browser.mjs";
import { cloudFrontCompresses, defaultStore, plan } from "../tools/precompress.mjs";
import { bundleDomain, root } from "./bundle-domain.mjs";

const dist = resolve(root, process.env.CURATOR_DIST ?? "dist");
if (!existsSync(join(dist, "sw.js"))) {
  console.error(`No build with a service worker in ${dist}: run \`npx vite build\` first (CURATOR_DIST picks another folder).`);
  process.exit(1);
}
const { LAZY_RULES, PACKS } = await bundleDomain("packs", { "src/ml/packs.ts": ["LAZY_RULES", "PACKS"] });

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [relative(dist, p).split("\\").join("/")];
  });
}
const files = walk(dist);
// The deployment's Brotli copies (q11), by key: what CloudFront sends for the files it would not compress.
const t0Copies = Date.now();
const copies = new Map((await plan(dist, { store: defaultStore(root), log: (m) => console.error(m) })).map((e) => [e.key, e.brotli ? e.brotli.bytes : null]));
const copiesMs = Date.now() - t0Copies;
const sizeCache = new Map();
function sizes(path) {
  let s = sizeCache.get(path);
  if (!s) {
    const data = readFileSync(join(dist, path));
    const brotli = brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength },
    }).byteLength;
    const raw = data.byteLength;
    // CloudFront alone (no Brotli copies), and the deployment (with them).
    const edge = cloudFrontCompresses(path, raw) ? brotli : raw;
    s = { raw, gzip: gzipSync(data, { level: 9 }).byteLength, brotli, edge, deployed: copies.get(path) ?? edge };
    sizeCache.set(path, s);
  }
  return s;
}
const KINDS = ["raw", "gzip", "brotli", "edge", "deployed"];
const ZERO = Object.fromEntries(KINDS.map((k) => [k, 0]));
const add = (a, b) => Object.fromEntries(KINDS.map((k) => [k, a[k] + b[k]]));
const total = (paths) => paths.reduce((t, p) => add(t, sizes(p)), ZERO);

// Before: the precache policy up to issue 17 (vite.config.ts at b1b2bcc), on this build's files.
const OLD_EXT = new Set([".js", ".mjs", ".css", ".html", ".svg", ".png", ".ico", ".webmanifest", ".wasm", ".onnx", ".json", ".bin"]);
const before = files.filter(
  (f) =>
    OLD_EXT.has(extname(f)) && !/\.asyncify-[\w-]+\.(wasm|mjs)$/.test(f) && !f.startsWith("screenshots/") && f !== "sw.js" && !/^workbox-[\w-]+\.js$/.test(f),
);
// After: what sw.js precaches.
const sw = readFileSync(join(dist, "sw.js"), "utf8");
const after = [...new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]))].filter((u) => files.includes(u));

// Per capability: the build's files its service-worker rules fetch on first need. tfjs
// fetches one of its two WASM builds (SIMD everywhere current); ORT's WebGPU build only
// where WebGPU is used (listed apart).
const inCache = (name) => files.filter((f) => LAZY_RULES.some((r) => r.cacheName === name && r.pattern.test("/" + f)));
const vision = inCache("curator-vision");
const webgpu = inCache("curator-ort-webgpu");
const face = inCache("curator-face").filter((f) => !f.endsWith("/tfjs-backend-wasm.wasm"));

// To interactive: real Chromium on the build, service worker blocked.
const executablePath = await findChromium();
if (!executablePath) {
  console.error(NO_BROWSER_MESSAGE);
  process.exit(1);
}
const TYPES = {
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".html": "text/html",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "") || "index.html";
  const file = files.includes(path) ? path : "index.html";
  res.setHeader("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
  res.end(readFileSync(join(dist, file)));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath, args: HEADLESS_ARGS });
const runs = [];
try {
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const requested = new Set();
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.origin === origin) requested.add(decodeURIComponent(u.pathname).replace(/^\/+/, "") || "index.html");
    });
    const t0 = Date.now();
    await page.goto(origin + "/");
    await page.getByRole("heading", { name: "Wardrobe" }).waitFor({ timeout: 60_000 });
    await page.getByTestId("photo-input").waitFor({ state: "attached", timeout: 60_000 });
    const ms = Date.now() - t0;
    runs.push({ paths: [...requested].filter((p) => files.includes(p)), ms });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const interactive = runs[0].paths;

const mb = (n) => (n / 1e6).toFixed(2);
const row = (label, b, a) =>
  console.log(
    `${label.padEnd(34)} ${b ? mb(b.gzip).padStart(7) : "      -"} ${mb(a.gzip).padStart(7)} ${b && b.gzip ? (a.gzip / b.gzip).toFixed(2).padStart(6) : "     -"}   ${b ? mb(b.brotli).padStart(7) : "      -"} ${mb(a.brotli).padStart(7)}   ${b ? mb(b.deployed).padStart(8) : "       -"} ${mb(a.deployed).padStart(8)}   ${mb(a.raw).padStart(7)}`,
  );
const zero = ZERO;
const sum = (...xs) => xs.reduce(add, zero);
const tInteractive = total(interactive);
const tBefore = total(before);
const tAfter = total(after);
const tVision = total(vision);
const tFace = total(face);
// Before, the capabilities came with the install: nothing more on first use.
const beforeFull = total([...new Set([...before, ...interactive])]);
const afterShell = total([...new Set([...after, ...interactive])]);
const afterFull = sum(afterShell, tVision, tFace);

console.log(`build: ${relative(root, dist) || "."}  (${files.length} files; MB = 10^6 bytes)`);
console.log(
  `${"".padEnd(34)} ${"gzip".padStart(7)} ${"".padStart(7)} ${"ratio".padStart(6)}   ${"brotli".padStart(7)} ${"".padStart(7)}   ${"as deployed".padStart(17)}   ${"raw".padStart(7)}`,
);
console.log(
  `${"".padEnd(34)} ${"before".padStart(7)} ${"after".padStart(7)} ${"a/b".padStart(6)}   ${"before".padStart(7)} ${"after".padStart(7)}   ${"before".padStart(8)} ${"after".padStart(8)}   ${"after".padStart(7)}`,
);
row("to interactive (page requests)", tInteractive, tInteractive);
row("install: service-worker precache", tBefore, tAfter);
row("wardrobe offline-capable (union)", beforeFull, afterShell);
row(`first photo: ${PACKS.vision.title.toLowerCase()}`, zero, tVision);
row(`first selfie: ${PACKS.face.title.toLowerCase()}`, zero, tFace);
row("fully offline (install + both)", beforeFull, afterFull);
row("  (WebGPU devices: + ORT WebGPU)", null, total(webgpu));
const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
console.log(
  `to interactive: ${interactive.length} files; Wardrobe on screen in ${ms[1]} ms median of ${ms.length} (local server, no throttling; not a phone figure)`,
);
console.log(`precache: ${before.length} files before, ${after.length} after; vision ${vision.length} files, face ${face.length} files`);
const raws = [...copies.values()].filter((v) => v === null).length;
console.log(
  `as deployed: CloudFront's own Brotli for 1 kB-10 MB files of its types; the q11 copies for the ${copies.size - raws} files it would send raw (${raws} more gain < 5 %: raw) (copies ready in ${(copiesMs / 1000).toFixed(1)} s)`,
);
console.log(
  `  fully offline with CloudFront alone (no Brotli copies): ${mb(afterFull.edge)} MB; with them ${mb(afterFull.deployed)} MB (${((1 - afterFull.deployed / afterFull.edge) * 100).toFixed(0)} % less)`,
);
console.log(
  `goal (issue 17): <= 1 MB to interactive: ${mb(tInteractive.gzip)} MB gzip, ${mb(tInteractive.deployed)} MB as deployed; <= 6 MB to fully offline: ${mb(afterFull.gzip)} MB gzip (${mb(afterFull.brotli)} MB brotli), ${mb(afterFull.deployed)} MB as deployed`,
);
if (process.env.INSTALL_SIZE_VERBOSE)
  for (const [n, l] of Object.entries({ interactive, after, vision, face }))
    console.log(n, l.map((p) => `${p} gzip ${sizes(p).gzip} deployed ${sizes(p).deployed}`).join("\n  "));
