// Mutation testing (issue 20): StrykerJS with the Vitest runner, one folder per run
// (a whole run over every folder takes hours on a 2-core machine). Run through
// `npm run mutation -- <folder>` (tools/mutation.mjs), which sets CURATOR_MUTATE.
//
// Each folder (or a module inside one, e.g. src/domain/face) is mutated and judged by its
// own unit tests (vitest.mutation.config.ts); the score is per folder, as the issue asks.
// perTest coverage runs only the tests that reach a mutant.
const FOLDERS = ["src/domain", "src/data", "src/sync", "api"];

const folder = (process.env.CURATOR_MUTATE ?? "src/domain").replace(/\/+$/, "");
if (!FOLDERS.some((f) => folder === f || folder.startsWith(`${f}/`)))
  throw new Error(`CURATOR_MUTATE must be one of ${FOLDERS.join(", ")} or a folder inside one`);
// A part of a folder (tools/mutation.mjs --part=NAME --files=...): its own report and temp dir.
const part = process.env.CURATOR_MUTATE_PART;
if (part !== undefined && !/^[a-z0-9]+$/.test(part)) throw new Error(`CURATOR_MUTATE_PART must be lower-case letters and digits: ${part}`);
const slug = folder.replace(/\//g, "-") + (part ? `-${part}` : "");

/** Files under a folder that are not mutated: tests, their helpers, type declarations, build configuration. */
export const NOT_MUTATED = [
  "**/*.test.ts",
  "**/*[Tt]estkit*.ts",
  "**/testkit/**",
  "**/testing.ts",
  "**/testing/**",
  "**/fixtures/**",
  "**/*.d.ts",
  // Test-only helpers that live beside the code.
  "src/sync/testRelay.ts",
  "src/sync/fuzzReport.ts", // the sync fuzzer's report (only fuzzTestkit.ts uses it)
  // The e2e and bench seeding hook (?curator-debug, compiled out of production builds).
  "src/data/debug.ts",
  "src/domain/face/synthetic-*.ts",
  "api/requestArbitraries.ts",
  // Build configuration, not behaviour.
  "api/vite.config.ts",
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [`${folder}/**/*.ts`, ...NOT_MUTATED.map((g) => `!${g}`)],
  // The sandbox is a copy of the project: leave out builds, browsers' output and the model
  // pipeline's data (node_modules is linked, not copied).
  ignorePatterns: ["dist", "dist-*", "test-results", "playwright-report", "models/training", "bench/results", "*.tsbuildinfo"],
  concurrency: Number(process.env.CURATOR_MUTATE_CONCURRENCY ?? 1),
  // A mutant that makes a test hang (an infinite loop) is "timed out", i.e. detected, after
  // 15 s plus twice its covering tests' time in the initial run: long enough for a loaded
  // 2-core machine, short enough that hot loops do not eat the run.
  timeoutMS: 15_000,
  // The initial (unmutated, instrumented) run: Stryker's default 5 minutes is too short for
  // src/domain/colour on a machine that is also training (its dry run timed out at 5 min).
  dryRunTimeoutMinutes: Number(process.env.CURATOR_MUTATE_DRY_RUN_MINUTES ?? 30),
  timeoutFactor: 2,
  thresholds: { high: 80, low: 70, break: null },
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: `test-results/mutation/${slug}.html` },
  jsonReporter: { fileName: `test-results/mutation/${slug}.json` },
  tempDirName: `test-results/stryker-tmp/${slug}`,
  incremental: process.env.CURATOR_MUTATE_INCREMENTAL === "1",
  // CURATOR_MUTATE_IGNORE_STATIC=1 leaves out static mutants (module-level code: tables,
  // constants), each of which reloads every module and runs all the folder's tests: in
  // src/data 15 % of the mutants and an estimated 41 % of the time. They are reported as
  // "ignored" and count neither way, so such a score is over the other mutants only.
  ignoreStatic: process.env.CURATOR_MUTATE_IGNORE_STATIC === "1",
  incrementalFile: `test-results/mutation/${slug}.incremental.json`,
  cleanTempDir: "always",
};
