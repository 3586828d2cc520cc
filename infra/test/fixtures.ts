// A small stand-in for each build the app stack deploys (the real ones are tens of MB
// and need a full build): the same layout and file names, in a fresh temp folder.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { defaultOutDir, precompress } from "../../tools/precompress.mjs";
import { CuratorAppStack, type CuratorAppProps } from "../lib/app-stack.ts";
import { SyncBucketStack } from "../lib/sync-bucket-stack.ts";

export const FIRST_PAINT_CSS = "body{margin:0;background:#faf7f2}";

/** 'sha256-…' of the fixture's inline style, computed here rather than by tools/csp.ts. */
export const FIRST_PAINT_HASH = `'sha256-${createHash("sha256").update(FIRST_PAINT_CSS).digest("base64")}'`;

/** One temp folder per test process for the stand-in builds and every synth's output, removed when the process ends. */
const ROOT = mkdtempSync(join(tmpdir(), "curator-infra-"));
process.on("exit", () => rmSync(ROOT, { recursive: true, force: true }));

/**
 * Every synth in a process writes to one cloud assembly folder: CDK copies an asset into it
 * only when it is not there yet, so BucketDeployment's 21 MB AWS CLI layer is copied once per
 * process, not once per synth (each synth reads its template back at once, before the next).
 */
export const testApp = (context: Record<string, unknown> = {}): App => new App({ outdir: join(ROOT, "cdk.out"), context });

let builds = 0;

/** The stand-in for ORT's WASM: over CloudFront's 10,000,000-byte compression limit (a repeated block, so Brotli 11 takes seconds). */
export const LARGE_WASM = "assets/ort-wasm-simd-threaded-Xy12Zw34.wasm";
export const LARGE_WASM_BYTES = 10_000_001;
/** A model: octet-stream, which CloudFront never compresses, and compressible. */
export const MODEL = "models/garment-classifier-v6.int8.onnx";
function largeWasm(): Buffer {
  const block = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  const out = Buffer.alloc(LARGE_WASM_BYTES);
  for (let i = 0; i < out.length; i += block.length) block.copy(out, i);
  return out;
}
export const ICON = "icons/icon-512.png";
/** The store of Brotli copies shared by every fixture of the process (each content is compressed once). */
export const BROTLI_STORE = join(ROOT, "brotli");

function files(root: string, entries: Record<string, string | Buffer>): string {
  for (const [path, text] of Object.entries(entries)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// The app build and its Brotli copies (tools/precompress.mjs, the deploy's build step) are
// made once; each fixture copies both.
export const FIXTURE_APP = files(join(ROOT, "app", "dist"), {
  "index.html": `<!doctype html><html><head><style>${FIRST_PAINT_CSS}</style><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body></body></html>`,
  "assets/index-Ab12Cd34.js": "export {};",
  "sw.js": "self.addEventListener('install', () => {});",
  "workbox-2ff6bd68.js": "",
  "manifest.webmanifest": "{}",
  "models/garment-embedder-v3.onnx": "onnx",
  [MODEL]: "onnx-int8 ".repeat(400),
  [LARGE_WASM]: largeWasm(),
  // Already compressed (as PNGs are): Brotli saves too little, so it goes up as it is.
  [ICON]: Buffer.concat(Array.from({ length: 64 }, (_, i) => createHash("sha256").update(String(i)).digest())),
  _headers: "/*\n",
});
await precompress(FIXTURE_APP, { store: BROTLI_STORE });

export function fixtureBuilds(): Pick<CuratorAppProps, "appDir" | "apiDir" | "catalogDir" | "datasetDir"> {
  const root = join(ROOT, `builds-${++builds}`);
  const appDir = join(root, "dist");
  cpSync(FIXTURE_APP, appDir, { recursive: true });
  cpSync(defaultOutDir(FIXTURE_APP), defaultOutDir(appDir), { recursive: true });
  return {
    appDir,
    apiDir: files(join(root, "dist-api"), { "lambda.mjs": "export const handler = async () => ({ statusCode: 200 });", "node.mjs": "" }),
    catalogDir: files(join(root, "catalog"), { "catalog.json": "{}", "catalog-train-60000-embedder-v3.cri8": "x", "build.mjs": "" }),
    datasetDir: files(join(root, "fashion-mnist"), { "train-images-idx3-ubyte.gz": "x", "train-labels-idx1-ubyte.gz": "x" }),
  };
}

export function appTemplate(props: Partial<CuratorAppProps> = {}): { template: Template; stack: CuratorAppStack } {
  const stack = new CuratorAppStack(testApp(), "CuratorApp", { ...fixtureBuilds(), ...props });
  return { template: Template.fromStack(stack), stack };
}

export function syncTemplate(): Template {
  return Template.fromStack(new SyncBucketStack(testApp(), "CuratorSync"));
}

type Json = Record<string, unknown>;

/** Every IAM statement in a template: bucket policies, role and user policies. */
export function statements(template: Template): { resource: string; statement: Json }[] {
  const out: { resource: string; statement: Json }[] = [];
  for (const [id, r] of Object.entries(template.toJSON().Resources as Record<string, Json>)) {
    const props = (r.Properties ?? {}) as Json;
    const docs = [props.PolicyDocument, ...(((props.Policies as Json[] | undefined) ?? []).map((p) => p.PolicyDocument) as unknown[])];
    for (const doc of docs) for (const statement of ((doc as Json | undefined)?.Statement as Json[] | undefined) ?? []) out.push({ resource: id, statement });
  }
  return out;
}

export const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
