#!/usr/bin/env node
// Mutation testing, one folder at a time (StrykerJS + Vitest; stryker.config.mjs):
//
//   npm run mutation                      every folder: src/domain, src/data, src/sync, api
//   npm run mutation -- src/domain api    some of them
//   npm run mutation -- src/domain/face   one module, judged by its own tests
//   npm run mutation -- --survivors src/domain/colour
//                                         list a run's surviving and uncovered mutants
//   npm run mutation -- api --part=light --files=api/handler.ts,api/routes/search.ts
//                                         a part of a folder: those files only, reported as
//                                         api-light (for code whose tests are slow under
//                                         instrumentation when its hot loops are mutated too)
//   npm run mutation -- api --part=light  a part named in PARTS below (its files preset)
//   npm run mutation -- --report          only print the scores of the last runs (a folder not
//                                         run whole is scored over the modules and parts run
//                                         inside it; the files not yet run are named)
//
// Not part of `npm test` or CI: on a 2-core machine one folder takes from tens of minutes
// (src/domain) to hours. Runs at low priority (nice 15). CURATOR_MUTATE_CONCURRENCY sets
// Stryker's test-runner processes (default 1); CURATOR_MUTATE_INCREMENTAL=1 reuses the
// previous run's results for unchanged code and tests. Reports: test-results/mutation/<folder>.html.
// CURATOR_MUTATE_DRY_RUN_MINUTES bounds the initial unmutated run (default 30).
// CURATOR_MUTATE_IGNORE_STATIC=1 leaves out static mutants (reported as ignored; see
// stryker.config.mjs). CURATOR_MUTATE_ACCURACY=1 also runs the statistical *.accuracy.test.ts files (slow; see
// vitest.mutation.config.ts): without them a score is a lower bound.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { NOT_MUTATED } from "../stryker.config.mjs";

const FOLDERS = ["src/domain", "src/data", "src/sync", "api"];
const GOALS = { "src/domain": 80, api: 80, "src/data": 70, "src/sync": 70 };

const args = process.argv.slice(2);
const reportOnly = args.includes("--report") || args.includes("--survivors");
const listSurvivors = args.includes("--survivors");
const chosen = args.filter((a) => !a.startsWith("--"));
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/**
 * The parts run so far, by name, so that a part can be re-run as `-- api --part=light`.
 * api: "light" is all but the server's request loop (node, handler, service: every server
 * test, the deliberately slow abuse tests among them, covers their mutants) and the search,
 * catalog and Lance engines (their instrumented loops make each catalog load take minutes).
 */
const PARTS = {
  api: {
    light: [
      ...["config", "contract", "errors", "http", "lambda", "limits", "metrics", "png", "random", "s3Catalog", "validate"].map((f) => `api/${f}.ts`),
      ...["context", "products", "search", "status", "textSearch"].map((f) => `api/routes/${f}.ts`),
      ...["understand", "validate", "query"].map((f) => `api/text/${f}.ts`),
    ],
    server: ["api/handler.ts", "api/node.ts", "api/service.ts"],
  },
  // src/sync: "light" is the files with tests of their own; "engine" is the sync itself
  // (sync, bucket, auto), whose mutants only the s3rver syncs (seconds each) reach.
  "src/sync": {
    light: ["config", "connection", "cors", "crypto", "errors", "limits", "passphrase", "photos", "records", "remote", "scheduler", "snapshot", "trust"].map(
      (f) => `src/sync/${f}.ts`,
    ),
    engine: ["auto", "bucket", "sync"].map((f) => `src/sync/${f}.ts`),
  },
  "src/domain/outfits": {
    light: [
      "occasion",
      "tripSaved",
      "infer",
      "day",
      "laundry",
      "distinct",
      "versatility",
      "fit",
      "slots",
      "rotation",
      "palette-fit",
      "stats",
      "explain",
      "weather",
      "harmony",
    ].map((f) => `src/domain/outfits/${f}.ts`),
  },
};
const part = option("part");
const partFiles = option("files") ?? (part !== undefined && chosen.length === 1 ? PARTS[chosen[0].replace(/\/+$/, "")]?.[part]?.join(",") : undefined);
if ((part === undefined) !== (partFiles === undefined) || (part !== undefined && chosen.length !== 1))
  throw new Error(
    `--part=NAME goes with one folder and --files=a.ts,b.ts, or with a part named in tools/mutation.mjs (${JSON.stringify(Object.fromEntries(Object.entries(PARTS).map(([f, p]) => [f, Object.keys(p)])))})`,
  );
/** The folder of the four that holds `path` (its goal applies). */
const topOf = (path) => FOLDERS.find((f) => path === f || path.startsWith(`${f}/`));
for (const f of chosen) if (!topOf(f)) throw new Error(`unknown folder ${f}: one of ${FOLDERS.join(", ")} or a folder inside one`);
const folders = (chosen.length ? chosen : FOLDERS).map((f) => f.replace(/\/+$/, ""));

const reportFile = (folder) => `test-results/mutation/${folder.replace(/\//g, "-")}${part ? `-${part}` : ""}.json`;

/** A glob of stryker.config.mjs as a regular expression over a path relative to the project. */
const globRegExp = (glob) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|\\]/g, "\\$&")
      .replace(/\/\*\*$/, "/<ALL>")
      .replace(/\*\*\//g, "<ANY>")
      .replace(/\*/g, "[^/]*")
      .replace(/<ANY>/g, "(?:.*/)?")
      .replace("<ALL>", ".*")}$`,
  );
const notMutated = NOT_MUTATED.map(globRegExp);

/** The files of `folder` that a run of the whole folder would mutate. */
export function mutatedFiles(folder) {
  const out = [];
  for (const d of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, d.name);
    if (d.isDirectory() && d.name !== "node_modules") out.push(...mutatedFiles(path));
    else if (d.isFile() && path.endsWith(".ts") && !notMutated.some((r) => r.test(path))) out.push(path);
  }
  return out;
}

/** Stryker's own definition: detected (killed, timed out) over valid mutants (those plus survived and uncovered). */
export function score(report) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  for (const file of Object.values(report.files)) for (const m of file.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return {
    ...counts,
    score: valid ? (100 * detected) / valid : NaN,
    covered: detected + counts.Survived ? (100 * detected) / (detected + counts.Survived) : NaN,
  };
}

/** Each surviving or uncovered mutant of a report: where it is, what it changed, and the code it replaced. */
function printSurvivors(folder, report) {
  for (const [path, file] of Object.entries(report.files)) {
    const lines = (file.source ?? "").split("\n");
    const left = file.mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage");
    if (!left.length) continue;
    console.log(`\n${path}: ${left.length} left`);
    for (const m of left.sort((a, b) => a.location.start.line - b.location.start.line)) {
      const { start, end } = m.location;
      const text =
        start.line === end.line
          ? (lines[start.line - 1] ?? "").slice(start.column - 1, end.column - 1)
          : `${(lines[start.line - 1] ?? "").slice(start.column - 1)}…`;
      const original = text.length > 60 ? `${text.slice(0, 57)}...` : text;
      console.log(
        `  ${String(start.line).padStart(4)}:${String(start.column).padEnd(3)} ${m.status === "NoCoverage" ? "no test reaches" : m.mutatorName.padEnd(22)} ${original.trim()}  →  ${(m.replacement ?? "").replace(/\s+/g, " ").slice(0, 60)}`,
      );
    }
  }
  if (!Object.keys(report.files).length) console.log(`${folder}: no files in the report`);
}

let failed = false;
if (!reportOnly) {
  for (const folder of folders) {
    console.log(`\n=== mutation testing ${folder} ===`);
    const run = spawnSync("nice", ["-n", "15", "npx", "stryker", "run", "stryker.config.mjs", ...(part ? ["--mutate", partFiles] : [])], {
      stdio: "inherit",
      env: { ...process.env, CURATOR_MUTATE: folder, ...(part ? { CURATOR_MUTATE_PART: part } : {}) },
    });
    if (run.status !== 0) {
      console.error(`stryker failed on ${folder} (exit ${run.status})`);
      failed = true;
    }
  }
}

/** A module run's report (e.g. src-domain-face.json) for each module inside `folder` that has one. */
function moduleReports(folder) {
  const dir = "test-results/mutation";
  if (!existsSync(dir)) return [];
  const prefix = `${folder.replace(/\//g, "-")}-`;
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith(".json") && !f.endsWith(".incremental.json"))
    .map((f) => ({ name: `${folder}/${f.slice(prefix.length, -".json".length).replace(/-/g, "/")}`, report: JSON.parse(readFileSync(`${dir}/${f}`, "utf8")) }));
}

/** Module reports joined into one: each source file once (a later report of the same file wins). */
export function merged(reports) {
  return { files: Object.assign({}, ...reports.map((r) => r.files)) };
}

const row = (label, s, goal) =>
  `${label.padEnd(26)} ${s.score.toFixed(1).padStart(5)} %  (${s.covered.toFixed(1).padStart(5)} %) ${String(s.Killed).padStart(7)} ${String(s.Timeout).padStart(7)} ${String(s.Survived).padStart(8)} ${String(s.NoCoverage).padStart(6)}  ${goal === undefined ? "" : `≥ ${goal} % ${s.score >= goal ? "met" : "not met"}`}`;

if (listSurvivors) {
  for (const folder of folders) {
    const file = reportFile(folder);
    if (!existsSync(file)) throw new Error(`no report for ${folder} (${file}): run it first`);
    printSurvivors(folder, JSON.parse(readFileSync(file, "utf8")));
  }
  process.exit(0);
}

console.log("\nfolder                      score   (covered)  killed timeout survived no-cov  goal");
for (const folder of folders) {
  const file = reportFile(folder);
  const goal = GOALS[topOf(folder)];
  if (existsSync(file)) {
    console.log(row(folder, score(JSON.parse(readFileSync(file, "utf8"))), goal));
    continue;
  }
  // No run of the whole folder: add up the runs of the modules inside it, and say which are missing.
  const modules = moduleReports(folder);
  if (!modules.length) {
    console.log(`${folder.padEnd(26)} no report yet (${file})`);
    continue;
  }
  for (const m of modules) console.log(row(`  ${m.name.slice(folder.length + 1)}`, score(m.report)));
  const all = merged(modules.map((m) => m.report));
  console.log(row(`${folder} (modules run)`, score(all), goal));
  // A module run covers its whole folder (a file with nothing to mutate, e.g. only types or
  // re-exports, is never in a report); elsewhere a file is run when a report has it.
  const covered = (f) => f in all.files || modules.some((m) => existsSync(m.name) && f.startsWith(`${m.name}/`));
  const missing = mutatedFiles(folder).filter((f) => !covered(f));
  if (missing.length) {
    const where = [...new Set(missing.map((f) => f.slice(0, f.lastIndexOf("/"))))];
    console.log(`${"".padEnd(27)} not yet run: ${missing.length} file(s), in ${where.join(", ")}`);
  }
}
process.exit(failed ? 1 : 0);
