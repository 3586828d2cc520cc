#!/usr/bin/env node
// `npm run bench [-- name ... [--option value ...]]`: runs every bench/*.bench.mjs (and
// *.bench.ts where this Node can strip types), or only those whose names contain a given
// name; everything from the first --option on is passed to each bench run
// (`npm run bench -- vision --wardrobe 2000`). Benches print figures; none of them pass
// or fail on a timing.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const firstOption = argv.findIndex((a) => a.startsWith("--"));
const wanted = firstOption < 0 ? argv : argv.slice(0, firstOption);
const options = firstOption < 0 ? [] : argv.slice(firstOption);
const [major, minor] = process.versions.node.split(".").map(Number);
const canStripTypes = major > 22 || (major === 22 && minor >= 6);

const benches = readdirSync(here)
  .filter((f) => /\.bench\.(mjs|ts)$/.test(f))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
if (benches.length === 0) {
  console.error(`no bench matches ${wanted.join(", ") || "bench/*.bench.{mjs,ts}"}`);
  process.exit(1);
}
let failed = 0;
for (const f of benches) {
  const ts = f.endsWith(".ts");
  if (ts && !canStripTypes) {
    console.log(`\n== ${f}: skipped (needs Node >= 22.6 to run TypeScript directly)`);
    continue;
  }
  console.log(`\n== ${f}`);
  const args = ts ? ["--experimental-strip-types", join(here, f), ...options] : [join(here, f), ...options];
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`${f} exited with ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
