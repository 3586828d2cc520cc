#!/usr/bin/env node
// Import cycles: `npm run lint` fails on any. A cycle makes two modules one unit in
// disguise (neither can be read, tested or moved alone) and, between value imports,
// lets a module run before what it imports is initialised. Type-only imports count
// too: they are how the last cycles crept in (a shared type defined in one of the two
// modules that need it; the fix is to move it to a module both import).
//
// The graph is the one tsc sees: static `import`/`export … from` (type-only included)
// and `import x = require()`, resolved with tsconfig.base.json's paths (@domain/…,
// @data/…). Dynamic `import()` is left out: it loads later, on purpose, and cannot
// tangle initialisation. Packages in node_modules are leaves.
//
// Usage: node tools/cycles.mjs [folder…]   (default: every source folder of the repo)
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const repo = resolve(fileURLToPath(import.meta.url), "../..");
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set(["node_modules", "dist", "test-results", "playwright-report", ".git", "training", "datasets"]);

/** Every source file below `dirs` (declaration files are not modules anyone runs). */
export function sourceFiles(dirs) {
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith("dist-")) walk(p);
      } else if (SOURCE.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) out.push(p);
    }
  };
  for (const d of dirs) walk(d);
  return out.sort();
}

/** Compiler options that resolve imports the way tsc and Vite do here (paths from tsconfig.base.json). */
export function compilerOptions(root = repo) {
  const file = join(root, "tsconfig.base.json");
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(error.messageText, "\n")}`);
  const parsed = ts.parseJsonConfigFileContent({ ...config, files: [], include: [] }, ts.sys, root);
  return { ...parsed.options, allowJs: true, baseUrl: root };
}

/** The static module specifiers of one file (type-only imports included, `import()` not). */
export function importsOf(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const specs = [];
  for (const s of sf.statements) {
    if ((ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
      specs.push(s.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference) && ts.isStringLiteral(s.moduleReference.expression)) {
      specs.push(s.moduleReference.expression.text);
    }
  }
  return specs;
}

/** file → the repo files it imports (resolved; packages and unresolvable specifiers dropped). */
export function importGraph(files, options, root = repo) {
  const host = ts.createCompilerHost(options);
  const known = new Set(files);
  const graph = new Map();
  for (const f of files) {
    const deps = new Set();
    for (const spec of importsOf(f, readFileSync(f, "utf8"))) {
      // Vite's suffixes (?url, ?worker, ?raw) name the same file.
      const r = ts.resolveModuleName(spec.replace(/\?.*$/, ""), f, options, host).resolvedModule;
      if (!r || r.isExternalLibraryImport) continue;
      const target = resolve(r.resolvedFileName);
      if (target.startsWith(root) && known.has(target)) deps.add(target);
    }
    graph.set(f, [...deps].sort());
  }
  return graph;
}

/**
 * The cycles of a graph: one per strongly connected component of two or more files (or a
 * file importing itself), each given as one shortest loop through the component's first
 * file, so the message names a path a reader can follow.
 */
export function findCycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  // Iterative Tarjan: the import graph is deep enough to make recursion a risk.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const deps = graph.get(v) ?? [];
      if (i < deps.length) {
        frame[1]++;
        const w = deps[i];
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(v)));
      }
      if (low.get(v) === index.get(v)) {
        const comp = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(comp.sort());
      }
    }
  }
  return components.map((comp) => loopThrough(comp[0], new Set(comp), graph));
}

/** Shortest path from `start` back to itself inside one component (breadth-first). */
function loopThrough(start, members, graph) {
  const from = new Map();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(from.get(path[0]));
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

const DEFAULT_DIRS = ["src", "workers", "api", "tools", "bench", "e2e", "infra", "models"];

function main(args) {
  const dirs = (args.length ? args : DEFAULT_DIRS).map((d) => resolve(repo, d));
  const files = sourceFiles(dirs);
  const cycles = findCycles(importGraph(files, compilerOptions()));
  if (cycles.length === 0) {
    console.log(`cycles: none among ${files.length} files`);
    return 0;
  }
  console.error(`cycles: ${cycles.length} import cycle${cycles.length > 1 ? "s" : ""} among ${files.length} files`);
  for (const c of cycles) console.error("  " + c.map((f) => relative(repo, f)).join(" → "));
  console.error("Move what both sides need (usually a type) to a module both import, so the imports point one way.");
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
