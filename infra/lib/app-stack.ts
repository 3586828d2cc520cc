// Curator in one stack: the PWA (Hosting) and the catalog endpoint (CatalogApi) it
// reaches under its own origin's /api, so the CSP's 'self' covers it and the page stays
// cross-origin isolated.
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { PriceClass } from "aws-cdk-lib/aws-cloudfront";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { CatalogApi } from "./catalog-api.ts";
import { Hosting } from "./hosting.ts";
import { cspForBuild, requireDir } from "./paths.ts";
import { precompressedFor } from "./precompressed.ts";
import { defaultOutDir } from "../../tools/precompress.mjs";

export interface CuratorAppProps extends StackProps {
  appDir: string;
  /** The Brotli copies of appDir's files CloudFront would send raw (tools/precompress.mjs); default `<appDir>-br`. */
  precompressedDir?: string;
  apiDir: string;
  catalogDir: string;
  datasetDir?: string;
  /** Default 5: a new account has only 10 concurrent executions and must keep 10 unreserved, so raise its quota first. */
  reservedConcurrency?: number;
  /** Default 20 requests/s, bursts of 40 (a batch of 32 queries is one request). */
  throttle?: { rateLimit: number; burstLimit: number };
  logRetention?: RetentionDays;
  alarmEmail?: string;
  latencyAlarmMs?: number;
  priceClass?: PriceClass;
}

export class CuratorAppStack extends Stack {
  readonly hosting: Hosting;
  readonly catalog: CatalogApi;

  constructor(scope: Construct, id: string, props: CuratorAppProps) {
    super(scope, id, props);
    const build = "Build it first: npm run build && npm run api:build (in the repository root).";
    const appDir = requireDir(props.appDir, "The app build", "index.html", build);
    const apiDir = requireDir(props.apiDir, "The API build", "lambda.mjs", build);
    const precompressedDir = props.precompressedDir ?? defaultOutDir(appDir);
    const precompressed = { manifest: precompressedFor(appDir, precompressedDir), outDir: precompressedDir };
    const catalogDir = requireDir(props.catalogDir, "The catalog", "catalog.json", "See api/README.md 'The catalog'.");

    this.catalog = new CatalogApi(this, "Catalog", {
      apiDir,
      catalogDir,
      ...(props.datasetDir ? { datasetDir: props.datasetDir } : {}),
      reservedConcurrency: props.reservedConcurrency ?? 5,
      throttle: props.throttle ?? { rateLimit: 20, burstLimit: 40 },
      logRetention: props.logRetention ?? RetentionDays.ONE_MONTH,
      latencyAlarmMs: props.latencyAlarmMs ?? 2000,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });
    this.hosting = new Hosting(this, "Hosting", {
      appDir,
      csp: cspForBuild(appDir),
      apiDomainName: this.catalog.domainName,
      precompressed,
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_100,
    });

    new CfnOutput(this, "AppUrl", { description: "The app", value: `https://${this.hosting.distribution.distributionDomainName}` });
    new CfnOutput(this, "CatalogEndpoint", {
      description: "Shop the look: the app's own /api",
      value: `https://${this.hosting.distribution.distributionDomainName}/api`,
    });
    new CfnOutput(this, "CatalogBucketName", { description: "Where the catalog's files are", value: this.catalog.bucket.bucketName });
  }
}
