// The CDK app (cdk.json "app"): `npx cdk synth` / `npx cdk deploy CuratorApp` in infra/.
// Paths and settings come from -c key=value (or cdk.json's context), see infra/README.md.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { App } from "aws-cdk-lib";
import { CuratorAppStack } from "../lib/app-stack.ts";
import { MissingBuildError, REPO } from "../lib/paths.ts";
import { SyncBucketStack } from "../lib/sync-bucket-stack.ts";

const app = new App();
const ctx = (key: string): string | undefined => {
  const v: unknown = app.node.tryGetContext(key);
  return v === undefined || v === null || v === "" ? undefined : String(v);
};
const num = (key: string): number | undefined => {
  const raw = ctx(key);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`-c ${key} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
};
const fromRepo = (key: string, fallback: string) => resolve(REPO, ctx(key) ?? fallback);

const defaultDataset = "/usr/share/datasets/fashion-mnist";
const datasetDir = ctx("datasetDir") ?? (existsSync(join(defaultDataset, "train-images-idx3-ubyte.gz")) ? defaultDataset : undefined);
const rate = num("throttleRate");
const burst = num("throttleBurst");
const reservedConcurrency = num("reservedConcurrency");
const latencyAlarmMs = num("latencyAlarmMs");
const alarmEmail = ctx("alarmEmail");

const appProps = {
  description: "Curator: the PWA on S3 + CloudFront and the catalog search under /api",
  appDir: fromRepo("appDir", "dist"),
  // The Brotli copies of the build's big and octet-stream files: `npm run precompress` (default <appDir>-br).
  ...(ctx("precompressedDir") ? { precompressedDir: fromRepo("precompressedDir", "") } : {}),
  apiDir: fromRepo("apiDir", "dist-api"),
  catalogDir: fromRepo("catalogDir", "api/catalog"),
  ...(datasetDir ? { datasetDir: resolve(REPO, datasetDir) } : {}),
  ...(reservedConcurrency ? { reservedConcurrency } : {}),
  ...(rate || burst ? { throttle: { rateLimit: rate ?? 20, burstLimit: burst ?? 40 } } : {}),
  ...(latencyAlarmMs ? { latencyAlarmMs } : {}),
  ...(alarmEmail ? { alarmEmail } : {}),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
};
// The sync stack needs no build: without one, say what CuratorApp needs instead of failing both.
try {
  new CuratorAppStack(app, "CuratorApp", appProps);
} catch (e) {
  if (!(e instanceof MissingBuildError)) throw e;
  console.error(`CuratorApp left out: ${e.message}`);
}

new SyncBucketStack(app, "CuratorSync");
