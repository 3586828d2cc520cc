// Compiles domain modules with Vite (minified, as the app's build does) into a temporary
// library and imports it, for the benches that time pure domain code in Node.
// `modules` maps a path under the repo root to the names it exports for the bench.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "vite";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export async function bundleDomain(name, modules) {
  const out = mkdtempSync(join(tmpdir(), `curator-${name}-bench-`));
  const entry = join(out, "entry.ts");
  writeFileSync(
    entry,
    Object.entries(modules)
      .map(([path, names]) => `export { ${names.join(", ")} } from ${JSON.stringify(join(root, path))};`)
      .join("\n"),
  );
  try {
    await build({
      configFile: false,
      root,
      logLevel: "warn",
      build: { outDir: join(out, "dist"), emptyOutDir: true, minify: true, lib: { entry, formats: ["es"], fileName: name } },
    });
    return await import(pathToFileURL(join(out, "dist", `${name}.js`)).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
