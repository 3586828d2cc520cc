// Writes the user's sync-bucket stack as one CloudFormation template the app serves
// (public/sync-bucket.template.json, linked from Settings → Sync). `npm test` fails when
// the committed file differs from a fresh synth: run `npm run sync-template` after a change.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { App } from "aws-cdk-lib";
import { REPO } from "../lib/paths.ts";
import { SyncBucketStack } from "../lib/sync-bucket-stack.ts";

export const SYNC_TEMPLATE_PATH = join(REPO, "public", "sync-bucket.template.json");

/** The template as a file: no construct paths (CDK's own bookkeeping), stable key order. */
export function syncTemplateText(): string {
  const outdir = mkdtempSync(join(tmpdir(), "curator-sync-"));
  try {
    const app = new App({ outdir, context: { "aws:cdk:enable-path-metadata": false } });
    const stack = new SyncBucketStack(app, "CuratorSync");
    const template = app.synth().getStackByName(stack.stackName).template as unknown;
    return `${JSON.stringify(template, null, 2)}\n`;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SYNC_TEMPLATE_PATH, syncTemplateText());
  console.log(`wrote ${relative(process.cwd(), SYNC_TEMPLATE_PATH)}`);
}
