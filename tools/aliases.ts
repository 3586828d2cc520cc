// The layer aliases (@domain/…, @data/…, …) are declared once, as `paths` in
// tsconfig.base.json; Vite and Vitest read them from there so tsc, the bundler and
// the tests can never disagree about what `@data/db` is.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

export interface Alias {
  find: RegExp;
  replacement: string;
}

export function layerAliases(): Alias[] {
  const base = JSON.parse(readFileSync(resolve(root, "tsconfig.base.json"), "utf8")) as { compilerOptions: { paths: Record<string, string[]> } };
  return Object.entries(base.compilerOptions.paths).map(([key, [target]]) => {
    if (!target) throw new Error(`tsconfig.base.json: paths["${key}"] is empty`);
    const wildcard = key.endsWith("/*");
    const name = wildcard ? key.slice(0, -2) : key;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // "@data/*" → /^@data\/(.*)$/ → <root>/src/data/$1 ; "@sync" → exactly "@sync".
    return wildcard
      ? { find: new RegExp(`^${escaped}/(.*)$`), replacement: resolve(root, target.slice(0, -2)) + "/$1" }
      : { find: new RegExp(`^${escaped}$`), replacement: resolve(root, target) };
  });
}
