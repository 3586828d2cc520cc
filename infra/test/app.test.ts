// The app stack, synthesised offline from small stand-in builds and checked resource by
// resource (aws-cdk-lib/assertions). Each test names what a deployment would get wrong.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runInNewContext } from "node:vm";
import { brotliDecompressSync } from "node:zlib";
import type { App } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { contentSecurityPolicy } from "../../tools/csp.ts";
import { CuratorAppStack } from "../lib/app-stack.ts";
import { IMMUTABLE, immutableKeyGlobs } from "../lib/caching.ts";
import { MissingBuildError } from "../lib/paths.ts";
import { SPA_FALLBACK_CODE } from "../lib/spa-fallback.ts";
import { FIRST_PAINT_HASH, FIXTURE_APP, ICON, LARGE_WASM, LARGE_WASM_BYTES, MODEL, appTemplate, fixtureBuilds, list, statements, testApp } from "./fixtures.ts";

const { template, stack } = appTemplate();
const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }> };
const resources = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);
const idOf = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

// CloudFront's managed cache policies (documented ids).
const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId: string;
  ResponseHeadersPolicyId: { Ref: string };
  AllowedMethods?: string[];
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
  OriginRequestPolicyId?: string;
}
const [[, distribution]] = resources("AWS::CloudFront::Distribution") as unknown as [[string, { Properties: { DistributionConfig: Record<string, unknown> } }]];
const config = distribution.Properties.DistributionConfig as {
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  Origins: { Id: string; DomainName: unknown; S3OriginConfig?: unknown }[];
  CustomErrorResponses?: unknown;
  DefaultRootObject: string;
};
const behavior = (path: string): Behavior => {
  const b = config.CacheBehaviors.find((x) => x.PathPattern === path);
  assert.ok(b, `no CloudFront behaviour for ${path}`);
  return b;
};
const headersOf = (b: Behavior) =>
  json.Resources[b.ResponseHeadersPolicyId.Ref]!.Properties.ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    CustomHeadersConfig: { Items: { Header: string; Value: string; Override: boolean }[] };
  };
const customHeader = (b: Behavior, name: string) => headersOf(b).CustomHeadersConfig.Items.find((h) => h.Header.toLowerCase() === name.toLowerCase());

describe("app hosting: headers", () => {
  const all = [config.DefaultCacheBehavior, ...config.CacheBehaviors];

  it("every behaviour sends COOP same-origin and COEP require-corp (cross-origin isolation for threaded WASM)", () => {
    for (const b of all) {
      assert.equal(customHeader(b, "Cross-Origin-Opener-Policy")?.Value, "same-origin", `${b.PathPattern ?? "default"}: COOP`);
      assert.equal(customHeader(b, "Cross-Origin-Embedder-Policy")?.Value, "require-corp", `${b.PathPattern ?? "default"}: COEP`);
    }
  });

  it("every behaviour sends the app's CSP with the build's inline-style hash, nosniff and no-referrer", () => {
    const expected = contentSecurityPolicy({ styleHashes: [FIRST_PAINT_HASH] });
    for (const b of all) {
      const s = headersOf(b).SecurityHeadersConfig;
      assert.equal(s.ContentSecurityPolicy?.ContentSecurityPolicy, expected);
      assert.match(String(s.ContentSecurityPolicy?.ContentSecurityPolicy), /script-src 'self' 'wasm-unsafe-eval';/);
      assert.ok(String(s.ContentSecurityPolicy?.ContentSecurityPolicy).includes(FIRST_PAINT_HASH));
      assert.equal(s.ContentSecurityPolicy?.Override, true);
      assert.equal(s.ContentTypeOptions?.Override, true, "X-Content-Type-Options: nosniff");
      assert.equal(s.ReferrerPolicy?.ReferrerPolicy, "no-referrer");
    }
  });

  it("a CSP too long for CloudFront stops the synth", () => {
    const builds = fixtureBuilds();
    const html = `<style>${"a{}".repeat(10)}</style>`.repeat(40);
    writeFileSync(join(builds.appDir, "index.html"), html);
    assert.throws(() => new CuratorAppStack(testApp(), "TooLong", builds), /CloudFront takes at most 1783/);
  });
});

describe("app hosting: caching", () => {
  for (const path of ["/sw.js", "/index.html", "/manifest.webmanifest"]) {
    it(`${path} is never cached: not at the edge, and the browser must revalidate`, () => {
      const b = behavior(path);
      assert.equal(b.CachePolicyId, CACHING_DISABLED);
      assert.deepEqual(customHeader(b, "Cache-Control"), { Header: "Cache-Control", Value: "no-cache", Override: true });
    });
  }

  it("the default behaviour (/, app paths) is not cached either", () => {
    assert.equal(config.DefaultCacheBehavior.CachePolicyId, CACHING_DISABLED);
    assert.equal(customHeader(config.DefaultCacheBehavior, "Cache-Control")?.Value, "no-cache");
    assert.equal(config.DefaultRootObject, "index.html");
  });

  for (const path of ["/assets/*", "/models/*", "/face-models/*", "/tfjs-wasm/*", "/workbox-*.js"]) {
    it(`${path} (hashed or versioned) is cached for a year, immutable`, () => {
      const b = behavior(path);
      assert.equal(b.CachePolicyId, CACHING_OPTIMIZED);
      assert.equal(customHeader(b, "Cache-Control")?.Value, "public, max-age=31536000, immutable");
    });
  }

  it("uploads: hashed files first with immutable metadata, then the rest (not _headers) with no-cache", () => {
    const deployments = resources("Custom::CDKBucketDeployment")
      .map(([id, r]) => ({ id, ...r }))
      .filter((d) => !(d.Properties.SystemMetadata as Record<string, string> | undefined)?.["content-encoding"]);
    const assets = deployments.find((d) => list(d.Properties.Exclude as string[]).includes("*"));
    const shell = deployments.find(
      (d) => list(d.Properties.Exclude as string[]).includes("sw.js") || list(d.Properties.Exclude as string[]).includes("_headers"),
    );
    assert.ok(assets && shell);
    assert.deepEqual(assets.Properties.Include, ["assets/*", "models/*", "face-models/*", "tfjs-wasm/*", "workbox-*.js"]);
    assert.deepEqual(assets.Properties.SystemMetadata, { "cache-control": "public, max-age=31536000, immutable" });
    assert.ok(
      !list(shell.Properties.Exclude as string[]).some((g) => "sw.js".match(new RegExp(`^${g.replace(/\./g, "\\.").replace(/\*/g, ".*")}$`))),
      "sw.js is uploaded",
    );
    assert.ok(list(shell.Properties.Exclude as string[]).includes("_headers"));
    assert.deepEqual(shell.Properties.SystemMetadata, { "cache-control": "no-cache" });
    assert.ok(
      list(shell.DependsOn).some((d) => d.startsWith(assets.id.replace(/CustomResource.*$/, ""))),
      "index.html and sw.js go up after the files they name",
    );
    assert.equal(assets.Properties.Prune, false, "old hashed files stay for clients still on the previous release");
  });
});

describe("app hosting: Brotli for the files CloudFront sends raw (over 10 MB, or not a type it compresses)", () => {
  const outdir = (stack.node.root as App).outdir;
  const deployments = resources("Custom::CDKBucketDeployment").map(([id, r]) => ({ id, ...r }));
  const metadata = (d: (typeof deployments)[number]) => (d.Properties.SystemMetadata ?? {}) as Record<string, string>;
  const encoded = deployments.filter((d) => metadata(d)["content-encoding"] === "br");
  const main = deployments.filter((d) => !metadata(d)["content-encoding"] && d.Properties.DestinationBucketKeyPrefix === undefined);
  // A deployment's files, as CDK staged them in the cloud assembly (the zip is made from this folder).
  const staged = (d: (typeof deployments)[number]) => join(outdir, `asset.${String(list(d.Properties.SourceObjectKeys as string[])[0]).replace(/\.zip$/, "")}`);
  const holding = (key: string) => encoded.filter((d) => existsSync(join(staged(d), key)));

  it("ORT's WASM over 10 MB goes up under its own key with Content-Encoding br, application/wasm, cached for a year", () => {
    const [wasm, ...others] = holding(LARGE_WASM);
    assert.ok(wasm && others.length === 0, "one Brotli deployment holds the large WASM");
    assert.deepEqual(metadata(wasm), { "cache-control": IMMUTABLE, "content-encoding": "br", "content-type": "application/wasm" });
    assert.deepEqual(wasm.Properties.Exclude, ["*"]);
    assert.deepEqual(wasm.Properties.Include, immutableKeyGlobs());
    assert.equal(wasm.Properties.DestinationBucketKeyPrefix, undefined, "same key as the build's file");
    assert.equal(wasm.Properties.Prune, false);
  });

  it("the uploaded bytes are Brotli that decompress to the build's file, a fraction of its size", () => {
    const [wasm] = holding(LARGE_WASM);
    assert.ok(wasm);
    const br = readFileSync(join(staged(wasm), LARGE_WASM));
    const original = readFileSync(join(FIXTURE_APP, LARGE_WASM));
    assert.equal(original.byteLength, LARGE_WASM_BYTES);
    assert.ok(br.byteLength < original.byteLength / 100, `${br.byteLength} bytes`);
    assert.ok(brotliDecompressSync(br).equals(original));
  });

  it("the main deployments' source leaves the Brotli files out; everything else is in it", () => {
    assert.equal(main.length, 2, "Assets and Shell");
    for (const d of main) {
      assert.ok(!existsSync(join(staged(d), LARGE_WASM)), `${d.id} would upload the raw WASM over the Brotli one`);
      assert.ok(!existsSync(join(staged(d), MODEL)), `${d.id} would upload the raw model`);
      for (const kept of ["index.html", "sw.js", "assets/index-Ab12Cd34.js", "models/garment-embedder-v3.onnx", ICON])
        assert.ok(existsSync(join(staged(d), kept)), `${d.id} lacks ${kept}`);
    }
  });

  it("a model (octet-stream, which CloudFront never compresses) goes up as Brotli too; a PNG (no gain) as it is", () => {
    const [model] = holding(MODEL);
    assert.ok(model);
    assert.deepEqual(metadata(model), { "cache-control": IMMUTABLE, "content-encoding": "br", "content-type": "binary/octet-stream" });
    assert.ok(brotliDecompressSync(readFileSync(join(staged(model), MODEL))).equals(readFileSync(join(FIXTURE_APP, MODEL))));
    assert.deepEqual(holding(ICON), []);
    assert.deepEqual(holding("assets/index-Ab12Cd34.js"), [], "CloudFront compresses JavaScript itself");
  });

  it("index.html and sw.js go up after every Brotli file", () => {
    const shell = main.find((d) => list(d.Properties.Exclude as string[]).includes("_headers"));
    assert.ok(shell && encoded.length >= 2);
    for (const d of encoded)
      assert.ok(
        list(shell.DependsOn).some((x) => x.startsWith(d.id.replace(/CustomResource.*$/, ""))),
        `${d.id} is not uploaded before the shell`,
      );
  });

  it("a build changed since its Brotli copies were made stops the synth, naming the file and the fix", () => {
    const builds = fixtureBuilds();
    const bytes = readFileSync(join(builds.appDir, LARGE_WASM));
    bytes[5000] = bytes[5000]! ^ 1;
    writeFileSync(join(builds.appDir, LARGE_WASM), bytes);
    assert.throws(
      () => new CuratorAppStack(testApp(), "Stale", builds),
      (e: unknown) => e instanceof MissingBuildError && /ort-wasm-simd-threaded-Xy12Zw34\.wasm changed.*npm run precompress/.test(e.message),
    );
  });

  it("no Brotli copies at all: says how to make them", () => {
    assert.throws(
      () => new CuratorAppStack(testApp(), "NoBrotli", { ...fixtureBuilds(), precompressedDir: "/nonexistent" }),
      (e: unknown) => e instanceof MissingBuildError && /No Brotli copies.*npm run precompress/.test(e.message),
    );
  });
});

describe("app hosting: routing", () => {
  it("/api/* goes to the HTTP API, whose only route invokes the search function", () => {
    const api = behavior("/api/*");
    const origin = config.Origins.find((o) => o.Id === api.TargetOriginId);
    assert.ok(origin);
    const domain = JSON.stringify(origin.DomainName);
    const apiId = idOf(stack.catalog.api);
    assert.ok(domain.includes(`"Ref":"${apiId}"`) && domain.includes(".execute-api."), `origin ${domain}`);
    assert.deepEqual(api.AllowedMethods?.slice().sort(), ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
    assert.equal(api.OriginRequestPolicyId, "b689b0a8-53d0-40ab-baf2-68738e2966ac", "all viewer headers except Host (API Gateway routes by Host)");
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", { ApiId: { Ref: apiId }, StageName: "api", AutoDeploy: true });
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", { ApiId: { Ref: apiId }, RouteKey: "$default" });
    const fnId = idOf(stack.catalog.fn);
    template.hasResourceProperties("AWS::ApiGatewayV2::Integration", {
      ApiId: { Ref: apiId },
      IntegrationType: "AWS_PROXY",
      IntegrationUri: { "Fn::GetAtt": [fnId, "Arn"] },
      PayloadFormatVersion: "2.0",
    });
    template.hasResourceProperties("AWS::Lambda::Function", { Handler: "lambda.handler" });
  });

  it("no error page is distribution-wide (it would answer /api's 404s with index.html)", () => {
    assert.equal(config.CustomErrorResponses, undefined);
  });

  it("the SPA fallback runs on the default behaviour only, never on /api/*", () => {
    assert.equal(config.DefaultCacheBehavior.FunctionAssociations?.[0]?.EventType, "viewer-request");
    assert.equal(behavior("/api/*").FunctionAssociations, undefined);
    template.hasResourceProperties("AWS::CloudFront::Function", {
      FunctionCode: SPA_FALLBACK_CODE,
      FunctionConfig: Match.objectLike({ Runtime: "cloudfront-js-2.0" }),
    });
  });

  const run = (uri: string): string => runInNewContext(`${SPA_FALLBACK_CODE}; handler({ request: { uri: ${JSON.stringify(uri)} } }).uri`) as string;
  for (const [uri, expected] of [
    ["/", "/index.html"],
    ["/outfits", "/index.html"],
    ["/settings/sync", "/index.html"],
    ["/sw.js", "/sw.js"],
    ["/assets/index-Ab12Cd34.js", "/assets/index-Ab12Cd34.js"],
    ["/api/v1/search", "/api/v1/search"],
    ["/api/v1/products/fm-train-000001", "/api/v1/products/fm-train-000001"],
    ["/api", "/api"],
  ] as const) {
    it(`the SPA fallback maps ${uri} to ${expected}`, () => assert.equal(run(uri), expected));
  }

  it("the site bucket is private and only this distribution may read it", () => {
    const siteId = idOf(stack.hosting.bucket);
    template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    const allows = statements(template).filter((s) => s.statement.Effect === "Allow" && JSON.stringify(s.statement.Resource).includes(siteId));
    const readers = allows.filter((s) => JSON.stringify(s.statement.Principal ?? {}).includes("cloudfront"));
    assert.equal(readers.length, 1);
    assert.deepEqual(readers[0]!.statement.Action, "s3:GetObject");
    assert.ok(JSON.stringify(readers[0]!.statement.Condition).includes(idOf(stack.hosting.distribution)));
  });
});

describe("catalog endpoint", () => {
  const fnId = idOf(stack.catalog.fn);
  const fn = json.Resources[fnId]!.Properties;

  it("runs the Lambda adapter on a Node LTS runtime, on arm64", () => {
    const m = /^nodejs(\d+)\.x$/.exec(String(fn.Runtime));
    assert.ok(m && Number(m[1]) >= 22 && Number(m[1]) % 2 === 0, `runtime ${String(fn.Runtime)}`);
    assert.deepEqual(fn.Architectures, ["arm64"]);
    assert.equal(fn.Handler, "lambda.handler");
  });

  it("has reserved concurrency and a throttled stage", () => {
    assert.equal(fn.ReservedConcurrentExecutions, 5);
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", { DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 } });
    const custom = appTemplate({ reservedConcurrency: 50, throttle: { rateLimit: 200, burstLimit: 400 } }).template;
    custom.hasResourceProperties("AWS::Lambda::Function", { Handler: "lambda.handler", ReservedConcurrentExecutions: 50 });
    custom.hasResourceProperties("AWS::ApiGatewayV2::Stage", { DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 } });
  });

  it("logs to its own log group, kept for a month", () => {
    const logId = idOf(stack.catalog.node.findChild("Logs") as never);
    template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 30 });
    assert.deepEqual(fn.LoggingConfig, { LogGroup: { Ref: logId } });
  });

  it("raises alarms on function errors, 5xx answers and p95 latency, to a topic", () => {
    const alarms = resources("AWS::CloudWatch::Alarm").map(([, r]) => r.Properties);
    const byMetric = (name: string) => alarms.find((a) => a.MetricName === name);
    assert.equal(byMetric("Errors")?.Namespace, "AWS/Lambda");
    assert.equal(byMetric("5xx")?.Namespace, "AWS/ApiGateway");
    assert.equal(byMetric("Duration")?.ExtendedStatistic, "p95");
    assert.equal(byMetric("Duration")?.Threshold, 2000);
    for (const a of alarms) assert.ok(JSON.stringify(a.AlarmActions).includes(idOf(stack.catalog.node.findChild("Alarms") as never)));
  });

  it("finds its catalog in the catalog bucket", () => {
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    assert.deepEqual(env.CURATOR_CATALOG_BUCKET, { Ref: idOf(stack.catalog.bucket) });
    assert.equal(env.CURATOR_CATALOG_PREFIX, "catalog/");
  });

  it("its role can read the catalog bucket and write its logs, nothing else", () => {
    const roleRef = (fn.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const role = json.Resources[roleRef]!.Properties;
    assert.equal(role.ManagedPolicyArns, undefined, "no managed policy (AWSLambdaBasicExecutionRole allows logs on every group)");
    assert.equal(role.Policies, undefined);
    const attached = resources("AWS::IAM::Policy").filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${roleRef}"`));
    assert.equal(attached.length, 1);
    const bucketId = idOf(stack.catalog.bucket);
    const logId = idOf(stack.catalog.node.findChild("Logs") as never);
    const docs = (attached[0]![1].Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    for (const s of docs) {
      assert.equal(s.Effect, "Allow");
      const actions = list(s.Action as string | string[]);
      for (const resource of list(s.Resource)) {
        const r = JSON.stringify(resource);
        if (actions.every((a) => a.startsWith("s3:"))) {
          assert.ok(r.includes(`"${bucketId}"`), `S3 access outside the catalog bucket: ${r}`);
          assert.ok(
            actions.every((a) => ["s3:GetObject", "s3:ListBucket"].includes(a)),
            `not read-only: ${actions.join(", ")}`,
          );
        } else {
          assert.ok(
            actions.every((a) => ["logs:CreateLogStream", "logs:PutLogEvents"].includes(a)),
            actions.join(", "),
          );
          assert.ok(r.includes(`"${logId}"`), `logs outside its log group: ${r}`);
        }
      }
    }
    assert.ok(docs.some((s) => list(s.Action as string[]).includes("s3:GetObject")));
  });

  it("the catalog bucket is private and encrypted; only catalog files are uploaded, under catalog/", () => {
    const bucket = json.Resources[idOf(stack.catalog.bucket)]!.Properties;
    assert.deepEqual(bucket.PublicAccessBlockConfiguration, {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    assert.ok(bucket.BucketEncryption);
    template.hasResourceProperties("Custom::CDKBucketDeployment", { DestinationBucketKeyPrefix: "catalog/" });
    template.hasResourceProperties("Custom::CDKBucketDeployment", { DestinationBucketKeyPrefix: "fashion-mnist/" });
  });
});

describe("IAM across the app stack", () => {
  it("no Allow statement has a wildcard action; the only Deny is 'no plain HTTP'", () => {
    const all = statements(template);
    assert.ok(all.length > 10);
    for (const { resource, statement } of all) {
      const actions = list(statement.Action as string | string[]);
      if (statement.Effect === "Deny") {
        assert.deepEqual(statement.Condition, { Bool: { "aws:SecureTransport": "false" } }, resource);
        continue;
      }
      for (const a of actions) assert.ok(!a.includes("*"), `${resource}: ${a}`);
    }
  });
});

describe("missing builds", () => {
  it("say which build is missing and how to make it", () => {
    const builds = fixtureBuilds();
    assert.throws(
      () => new CuratorAppStack(testApp(), "NoApi", { ...builds, apiDir: "/nonexistent" }),
      (e: unknown) => {
        assert.ok(e instanceof MissingBuildError);
        assert.match(e.message, /lambda\.mjs is missing.*npm run api:build/);
        return true;
      },
    );
  });
});
