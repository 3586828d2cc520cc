import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import prettier from "eslint-config-prettier";
import globals from "globals";

// ---------------------------------------------------------------------------------------
// Layers (DESIGN.md "Layout"). Imports that leave a layer go through its alias
// (@domain/…, @data/…: tsconfig.base.json), so the rules below can read the layer off the
// import. Two rules work together:
//  - no-restricted-imports (core) forbids relative imports that climb out of their layer;
//  - @typescript-eslint/no-restricted-imports says which layers and packages each layer
//    may import (type-only imports are allowed where they are erased and harmless).
// ---------------------------------------------------------------------------------------

/** `@name` and everything under it, for a gitignore-style pattern group. */
const layer = (...names) => names.flatMap((n) => [`@${n}`, `@${n}/**`]);

const TESTS = ["**/*.test.ts", "**/*Testkit.ts", "src/data/testing.ts", "src/data/testkit/**", "src/sync/testRelay.ts", "src/shop/testServer.ts"];

const RENDERING = { group: ["react", "react-dom", "react-dom/**", "react/**", "workbox-window", "virtual:pwa-register*"], message: "Only src/app renders." };
const DATABASE = { group: ["dexie", "dexie-*", "dexie/**"], message: "IndexedDB is reached only through src/data (e.g. useLiveQuery → @data/live)." };

const layerRules = [
  {
    name: "layers/app",
    files: ["src/app/**/*.{ts,tsx}", "src/main.tsx"],
    ignores: TESTS,
    patterns: [
      DATABASE,
      {
        group: ["@data/db", "@data/schema/tables", "@data/schema/tables/**"],
        message: "The UI reads and writes through the repositories in src/data, never the Dexie database or its tables.",
      },
      {
        group: layer("workers"),
        allowTypeImports: true,
        message: "The UI talks to workers through the typed clients in src/ml (a value import would bundle the worker into the page).",
      },
      { regex: "^@api(/(?!contract$).*)?$", message: "Only the endpoint's contract (api/contract.ts) is shared with the app." },
      {
        group: ["onnxruntime-web", "onnxruntime-web/**", "@tensorflow/**", "@tensorflow-models/**", "@aws-sdk/**"],
        message: "Models run in workers (src/ml clients) and sync in src/sync, not in the UI.",
      },
    ],
  },
  {
    name: "layers/domain",
    files: ["src/domain/**/*.ts"],
    ignores: TESTS,
    patterns: [
      {
        group: layer("app", "data", "ml", "sync", "shop", "workers", "api", "models"),
        message: "src/domain is pure: it imports nothing from the other layers.",
      },
      DATABASE,
      RENDERING,
      {
        group: ["comlink", "onnxruntime-web", "onnxruntime-web/**", "@tensorflow/**", "@tensorflow-models/**", "@aws-sdk/**", "node:*"],
        message: "src/domain is pure TypeScript shared by the page and the workers: no runtimes, no Node modules.",
      },
    ],
    globals: ["window", "document", "navigator", "localStorage", "sessionStorage", "indexedDB", "fetch", "XMLHttpRequest", "caches"],
  },
  {
    name: "layers/services",
    files: ["src/data/**/*.ts", "src/sync/**/*.ts", "src/shop/**/*.ts", "src/ml/**/*.ts"],
    patterns: [{ group: layer("app"), message: "Services never import from src/app: the UI depends on them, not the reverse." }, RENDERING],
  },
  {
    name: "layers/services-not-ml",
    files: ["src/data/**/*.ts", "src/sync/**/*.ts", "src/shop/**/*.ts"],
    patterns: [
      { group: layer("app"), message: "Services never import from src/app: the UI depends on them, not the reverse." },
      RENDERING,
      { group: layer("workers"), allowTypeImports: true, message: "Only src/ml starts and talks to workers." },
    ],
  },
  {
    name: "layers/workers",
    files: ["workers/**/*.ts"],
    ignores: TESTS,
    patterns: [
      {
        // What a worker may import besides src/domain and its own files: types from
        // anywhere (erased), and the worker-safe modules that still live in service
        // folders (capability detection, the face model file list, the lazily fetched
        // packs and their "download once" message, sha256; the share
        // inbox, raw IndexedDB that the service worker writes for the page).
        regex: "^@(?!ml/capabilities$|ml/face/model-files$|ml/packs$|data/hash$|data/shareInbox$|data/shareTarget$)(app|data|ml|sync|shop|api|models)(/.*)?$",
        allowTypeImports: true,
        message: "A worker imports only src/domain, its own files and worker-safe modules.",
      },
      DATABASE,
      RENDERING,
      { group: ["@aws-sdk/**"], message: "Sync runs on the page (src/sync), not in a worker." },
    ],
  },
];

/**
 * In flat config a later object that sets the same rule replaces its options (they do
 * not merge), so the layer objects must not overlap, except services-not-ml, which
 * replaces services for data, sync and shop on purpose.
 */
function layerConfigs() {
  const out = [];
  for (const l of layerRules) {
    out.push({
      name: l.name,
      files: l.files,
      ...(l.ignores ? { ignores: l.ignores } : {}),
      rules: {
        "@typescript-eslint/no-restricted-imports": ["error", { patterns: l.patterns }],
        ...(l.globals
          ? { "no-restricted-globals": ["error", ...l.globals.map((name) => ({ name, message: "src/domain has no DOM, storage or network." }))] }
          : {}),
      },
    });
  }
  return out;
}

/**
 * Relative imports stay inside their layer: a file `depth` folders below its layer's
 * root (src/<layer>/ or workers/) may climb at most `depth` times. Anything further is
 * another layer, reached by its alias.
 */
function relativeClimbConfigs() {
  return [0, 1, 2, 3, 4].map((depth) => ({
    name: `layers/relative-depth-${depth}`,
    files: [`src/*/${"*/".repeat(depth)}*.{ts,tsx}`, `workers/${"*/".repeat(depth)}*.ts`],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth + 1},}`,
              message: "This relative import leaves its layer: import the other layer through its alias (@domain/…, @data/…, @ml/…).",
            },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ["dist", "dist-*", "node_modules", "test-results", "playwright-report", "models/training", "models/datasets", "public"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Realms (the same split as the tsconfig-*.json files): which globals exist where.
  { name: "realm/app", files: ["src/**/*.{ts,tsx}", "bench/face/**"], languageOptions: { globals: { ...globals.browser } } },
  { name: "realm/worker", files: ["workers/**/*.ts"], languageOptions: { globals: { ...globals.worker } } },
  {
    name: "realm/node",
    files: [
      "api/**",
      "tools/**",
      "bench/**",
      "models/**",
      "e2e/**",
      "*.config.{ts,js,mjs}",
      "**/*.test.ts",
      "src/**/*Testkit.ts",
      "src/data/testing.ts",
      "src/sync/testRelay.ts",
      "src/shop/testServer.ts",
    ],
    ignores: ["bench/face/**"],
    languageOptions: { globals: { ...globals.node } },
  },
  // e2e specs, fixture generators and benchmarks also run callbacks in the page (page.evaluate).
  { name: "realm/page-callbacks", files: ["e2e/**", "bench/**"], languageOptions: { globals: { ...globals.browser } } },
  ...layerConfigs(),
  ...relativeClimbConfigs(),
  // Formatting is prettier's job (npm run format); turn off any stylistic rule that would fight it.
  prettier,
);
