import { statSync } from "node:fs";
import { relative } from "node:path";
import { BaseSequencer, type Reporter, type TestSpecification, type Vitest } from "vitest/node";
import { defineConfig } from "vitest/config";
import { layerAliases } from "./tools/aliases";

// Vitest as StrykerJS runs it (stryker.config.mjs): only the tests of the folder being
// mutated (CURATOR_MUTATE, a folder or a module inside one), so each score says how well
// that code's own tests guard it. The sync fuzzer (minutes per run) is a soak, not a guard;
// so is the 1,010-item paging sync (half a minute; remote.test.ts pages five keys two at a time).
const folder = (process.env.CURATOR_MUTATE ?? "src/domain").replace(/\/+$/, "");
// Code whose tests live beside the code that re-exports it: src/domain/image/sniff.ts is the
// image worker's sniff (workers/image/sniff.ts re-exports it), tested there.
const GUARDED_FROM_ELSEWHERE: Record<string, string[]> = {
  "src/domain/image": ["workers/image/sniff.test.ts", "workers/image/pixelLimit.test.ts"],
};
const elsewhere = Object.entries(GUARDED_FROM_ELSEWHERE)
  .filter(([code]) => code === folder || code.startsWith(`${folder}/`))
  .flatMap(([, files]) => files);
// The statistical tests (*.accuracy.test.ts: a hundred-odd synthetic cases) take minutes per
// mutant under instrumentation (3 of the 3.5 minutes of colour's initial run) and would make a
// run last hours; they are left out unless CURATOR_MUTATE_ACCURACY=1, so a score without them
// is a lower bound (a mutant only they catch counts as surviving).
const accuracy = process.env.CURATOR_MUTATE_ACCURACY === "1" ? [] : ["**/*.accuracy.test.ts"];
const tests = { include: [`${folder}/**/*.test.ts`, ...elsewhere], exclude: ["src/sync/syncFuzz.test.ts", "src/sync/sync.paging.test.ts", ...accuracy] };

/**
 * The order a mutant's covering tests run in. Stryker stops at the first failing test (bail),
 * so quick tests go first: by the duration Vitest recorded for the file (its results cache),
 * or by size for a file it has not timed. The statistical ones (*.accuracy.test.ts: many
 * synthetic cases, minutes under instrumentation) always run last; a mutant reaches them
 * only when nothing quicker kills it. (Vitest's own order is the opposite: slowest first.)
 */
class QuickFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const key = (f: TestSpecification) => {
      const name = `${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`;
      return { last: f.moduleId.endsWith(".accuracy.test.ts") ? 1 : 0, ms: cache.getFileTestResults(name)?.duration, size: statSync(f.moduleId).size };
    };
    const keys = new Map(files.map((f) => [f, key(f)]));
    return Promise.resolve(
      [...files].sort((a, b) => {
        const [ka, kb] = [keys.get(a)!, keys.get(b)!];
        return ka.last - kb.last || (ka.ms !== undefined && kb.ms !== undefined ? ka.ms - kb.ms : ka.size - kb.size);
      }),
    );
  }
}

/**
 * Stryker's Vitest runner scores a mutant from the tests it collects, and a test file that
 * fails to import collects none: a mutant that stops a module from loading (a static one in
 * a module-level table, e.g. a palette entry emptied) would count as surviving although every
 * test of that file fails (stryker-js#6150, open for 9.6.1 and 10.0). After each run, a file
 * that failed with no test gets one failed test carrying its load error, so such a mutant is killed.
 */
class LoadFailuresAsFailedTests implements Reporter {
  private vitest: Vitest | undefined;
  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }
  onTestRunEnd() {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== "fail" || file.tasks.length > 0) continue;
      const error = file.result.errors?.[0] ?? { message: "the test file failed to load" };
      file.tasks.push({
        type: "test",
        name: "the test file loads",
        id: `${file.id}_loads`,
        mode: "run",
        file,
        suite: file,
        meta: {},
        result: { state: "fail", errors: [error], duration: 0 },
      } as never);
    }
  }
}

export default defineConfig({
  resolve: { alias: layerAliases() },
  test: {
    include: tests.include,
    exclude: ["**/node_modules/**", ...tests.exclude],
    environment: "node",
    // Coverage instrumentation and a loaded machine slow some tests several times over
    // (a 60 s limit failed the initial run on a colour test).
    testTimeout: 300_000,
    sequence: { sequencer: QuickFirst },
    // The property tests (fast-check; FC_RUNS scales their runs) at a quarter of their runs:
    // a mutant that survives costs every run of every test that reaches it, and the runs
    // that catch a mutant are nearly always among the first (CURATOR_MUTATE_FC_RUNS to change).
    env: { FC_RUNS: process.env.CURATOR_MUTATE_FC_RUNS ?? "0.25" },
    reporters: ["default", new LoadFailuresAsFailedTests()],
  },
});
