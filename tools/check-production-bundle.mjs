#!/usr/bin/env node
// The production build must not carry the bench/test hook (`?curator-debug` → window.curatorDebug,
// src/data/debug.ts: seeding, clearing and patching the wardrobe from the page). Vite folds
// `import.meta.env.MODE !== "production"` to false in `vite build`, so the import, its chunk and
// both marker strings vanish; the e2e and bench builds (`vite build --mode e2e`) keep them.
//
//   node tools/check-production-bundle.mjs [dist]     (default: $CURATOR_DIST or dist)
//
// Exits 1 naming each file that still holds a marker, or when there is no build to check.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const DEBUG_HOOK_MARKERS = ["curator-debug", "curatorDebug"];

/** Every script the browser can load from a build: the shell, its chunks, the workers, the service worker. */
function scripts(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...scripts(path));
    else if (/\.(m?js|html)$/.test(name)) out.push(path);
  }
  return out;
}

/** [{ file, marker }] for each marker found in the build at `dir`. */
export function debugHookTraces(dir) {
  const found = [];
  for (const file of scripts(dir)) {
    const text = readFileSync(file, "utf8");
    for (const marker of DEBUG_HOOK_MARKERS) if (text.includes(marker)) found.push({ file: relative(dir, file), marker });
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? process.env.CURATOR_DIST ?? "dist";
  if (!existsSync(join(dir, "index.html"))) {
    console.error(`check-production-bundle: no build in ${dir}/ (run \`npx vite build\` first)`);
    process.exit(1);
  }
  const files = scripts(dir);
  const traces = debugHookTraces(dir);
  if (traces.length > 0) {
    for (const { file, marker } of traces) console.error(`check-production-bundle: ${dir}/${file} contains "${marker}"`);
    console.error("The ?curator-debug hook is in this build: a production build (`vite build`, mode production) must compile it out.");
    process.exit(1);
  }
  console.log(`check-production-bundle: ${files.length} scripts in ${dir}/, no trace of the ?curator-debug hook`);
}
