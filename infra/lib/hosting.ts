// The PWA on S3 + CloudFront: a private bucket read through Origin Access Control, the
// app's security headers on every response, caching by path (lib/caching.ts), the SPA
// fallback on the default behaviour only, and /api/* sent to the catalog endpoint.
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import type { Manifest } from "../../tools/precompress.mjs";
import { ISOLATION } from "../../tools/csp.ts";
import { IMMUTABLE, IMMUTABLE_PATHS, NO_CACHE, NO_CACHE_PATHS, immutableKeyGlobs } from "./caching.ts";
import { DEPLOYMENT_MEMORY_MB, deploymentRole } from "./deployment-role.ts";
import { PrecompressedFiles, brotliKeys, literalGlob } from "./precompressed.ts";
import { SPA_FALLBACK_CODE } from "./spa-fallback.ts";

export interface HostingProps {
  /** dist/ (npm run build). */
  appDir: string;
  /** The app's Content-Security-Policy for this build (lib/paths.ts cspForBuild). */
  csp: string;
  /** The catalog endpoint's host name (HTTP API), reached under /api/*. */
  apiDomainName: string;
  priceClass: PriceClass;
  /** The Brotli copies of the files CloudFront would send raw (lib/precompressed.ts). */
  precompressed: { manifest: Manifest; outDir: string };
}

export class Hosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: HostingProps) {
    super(scope, id);
    this.bucket = new Bucket(this, "SiteBucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // One headers policy per caching rule: CloudFront sets Cache-Control itself, so what
    // the browser sees does not depend on how each object was uploaded.
    const headers = (name: string, cacheControl?: string) =>
      new ResponseHeadersPolicy(this, name, {
        comment: `Curator: COOP/COEP, CSP, nosniff, referrer policy${cacheControl ? `; Cache-Control: ${cacheControl}` : ""}`,
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: props.csp, override: true },
          contentTypeOptions: { override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: false, override: true },
        },
        customHeadersBehavior: {
          customHeaders: [
            ...Object.entries(ISOLATION).map(([header, value]) => ({ header, value, override: true })),
            ...(cacheControl ? [{ header: "Cache-Control", value: cacheControl, override: true }] : []),
          ],
        },
      });
    const noCacheHeaders = headers("NoCacheHeaders", NO_CACHE);
    const immutableHeaders = headers("ImmutableHeaders", IMMUTABLE);
    // The endpoint sets its own Cache-Control (no-store for searches, a year for pictures).
    const apiHeaders = headers("ApiHeaders");

    const site = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const spaFallback = new CloudFrontFunction(this, "SpaFallback", {
      comment: "App paths without a file extension get index.html; /api is never rewritten",
      code: FunctionCode.fromInline(SPA_FALLBACK_CODE),
      runtime: FunctionRuntime.JS_2_0,
    });
    const fresh: BehaviorOptions = {
      origin: site,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      // Not cached at the edge either: a release is live the moment it is uploaded.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy: noCacheHeaders,
      compress: true,
    };
    const immutable: BehaviorOptions = {
      origin: site,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: immutableHeaders,
      compress: true,
    };
    const api: BehaviorOptions = {
      origin: new HttpOrigin(props.apiDomainName, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Searches are POSTs (never cached); products and pictures say how long they keep.
      cachePolicy: CachePolicy.USE_ORIGIN_CACHE_CONTROL_HEADERS_QUERY_STRINGS,
      // API Gateway routes by its own Host header: forward everything else.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
      compress: true,
    };

    const behaviors: Record<string, BehaviorOptions> = { "/api/*": api };
    for (const path of NO_CACHE_PATHS) behaviors[path] = fresh;
    for (const path of IMMUTABLE_PATHS) behaviors[path] = immutable;

    this.distribution = new Distribution(this, "Distribution", {
      comment: "Curator PWA",
      defaultRootObject: "index.html",
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass,
      defaultBehavior: { ...fresh, functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }] },
      additionalBehaviors: behaviors,
    });

    // Hashed files first, then the files that point at them, so no index.html or sw.js is
    // ever live before its assets. No pruning: users still on the previous release (an
    // open tab, a service worker not yet updated) keep loading its hashed files.
    // The files uploaded as Brotli (next) are not in the main source at all: aws s3 sync's
    // include filters come after its excludes, so a filter could not keep them out.
    const app = Source.asset(props.appDir, { exclude: brotliKeys(props.precompressed.manifest).map(literalGlob) });
    const brotli = new PrecompressedFiles(this, "Brotli", { ...props.precompressed, bucket: this.bucket, role: deploymentRole(this, this.bucket) });
    const assets = new BucketDeployment(this, "Assets", {
      sources: [app],
      destinationBucket: this.bucket,
      // aws s3 sync filters, where * also matches "/": the immutable paths only.
      exclude: ["*"],
      include: immutableKeyGlobs(),
      cacheControl: [CacheControl.fromString(IMMUTABLE)],
      prune: false,
      memoryLimit: DEPLOYMENT_MEMORY_MB,
      role: deploymentRole(this, this.bucket),
    });
    const shell = new BucketDeployment(this, "Shell", {
      sources: [app],
      destinationBucket: this.bucket,
      // Everything else; _headers is the static-host copy of what CloudFront sends itself.
      exclude: [...immutableKeyGlobs(), "_headers"],
      cacheControl: [CacheControl.fromString(NO_CACHE)],
      prune: false,
      memoryLimit: DEPLOYMENT_MEMORY_MB,
      role: deploymentRole(this, this.bucket),
    });
    shell.node.addDependency(assets, ...brotli.deployments);
  }
}
