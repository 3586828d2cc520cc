#!/usr/bin/env node
// Runs npm scripts side by side and fails if any fails: `npm test` starts the typecheck and
// the lint together (each is one busy thread; on two cores they take the longer one's time
// instead of the sum). Each script's output is printed whole when it ends, in the order
// given, so the log reads as if they ran one after the other; then its time.
//
//   node tools/parallel.mjs typecheck lint
import { spawn } from "node:child_process";

const scripts = process.argv.slice(2);
if (!scripts.length) {
  console.error("usage: node tools/parallel.mjs <npm script> [<npm script> ...]");
  process.exit(2);
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const started = performance.now();
const runs = scripts.map(
  (name) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const chunks = [];
      const child = spawn(npm, ["run", name], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" },
      });
      child.stdout.on("data", (c) => chunks.push(c));
      child.stderr.on("data", (c) => chunks.push(c));
      child.on("error", (e) => chunks.push(Buffer.from(`${e.message}\n`)));
      child.on("close", (code, signal) =>
        resolve({ name, code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks), seconds: (performance.now() - t0) / 1000 }),
      );
    }),
);

let failed = 0;
// Printed in the order given, each as soon as it and the ones before it have ended.
for (const run of runs) {
  const r = await run;
  process.stdout.write(r.output);
  console.log(`${r.code === 0 ? "ok" : `FAILED (exit ${r.code})`}: npm run ${r.name} in ${r.seconds.toFixed(1)} s`);
  if (r.code !== 0) failed++;
}
console.log(`${scripts.join(" + ")}: ${((performance.now() - started) / 1000).toFixed(1)} s side by side${failed ? `, ${failed} failed` : ""}`);
process.exit(failed ? 1 : 0);
