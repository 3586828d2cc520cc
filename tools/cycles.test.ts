import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compilerOptions, findCycles, importGraph, sourceFiles } from "./cycles.mjs";

let root = "";
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = "";
});

/** A tiny repo: tsconfig.base.json with one alias, and the given files. */
function repo(files: Record<string, string>): string[][] {
  root = mkdtempSync(join(tmpdir(), "curator-cycles-"));
  writeFileSync(
    join(root, "tsconfig.base.json"),
    JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "bundler", paths: { "@lib/*": ["./src/lib/*"] } } }),
  );
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const graph = importGraph(sourceFiles([join(root, "src")]), compilerOptions(root), root);
  return findCycles(graph).map((c) => c.map((f) => relative(root, f)));
}

describe("import cycles", () => {
  it("finds none in a graph whose imports point one way", () => {
    expect(
      repo({
        "src/a.ts": 'import { b } from "./b";\nimport type { T } from "@lib/types";\nexport const a: T = b;',
        "src/b.ts": 'import type { T } from "@lib/types";\nexport const b: T = 1;',
        "src/lib/types.ts": "export type T = number;",
      }),
    ).toEqual([]);
  });

  it("finds a type-only cycle between two files, through an alias", () => {
    // The shape the last two cycles had: a type defined in one of the two modules that need it.
    const cycles = repo({
      "src/lib/shape.ts": 'import { RULES } from "./rules";\nexport type Shape = "oval" | "round";\nexport const rules = RULES;',
      "src/lib/rules.ts": 'import type { Shape } from "@lib/shape";\nexport const RULES: Shape[] = ["oval"];',
    });
    expect(cycles).toEqual([["src/lib/rules.ts", "src/lib/shape.ts", "src/lib/rules.ts"]]);
  });

  it("names the shortest loop of a longer cycle, and counts re-exports and self-imports", () => {
    const cycles = repo({
      "src/a.ts": 'export * from "./b";',
      "src/b.ts": 'import "./c";\nexport const b = 1;',
      "src/c.ts": 'export { a } from "./d";\nimport "./a";',
      "src/d.ts": 'import "./d";\nexport const a = 1;',
    });
    expect(cycles).toHaveLength(2);
    expect(cycles).toContainEqual(["src/a.ts", "src/b.ts", "src/c.ts", "src/a.ts"]);
    expect(cycles).toContainEqual(["src/d.ts", "src/d.ts"]);
  });

  it("leaves out dynamic import() and packages", () => {
    expect(
      repo({
        "src/a.ts": 'import { b } from "./b";\nimport ts from "typescript";\nexport const a = () => b + String(ts);',
        "src/b.ts": 'export const b = 1;\nexport const later = () => import("./a");',
      }),
    ).toEqual([]);
  });
});
