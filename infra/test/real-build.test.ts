// The repository's own build, synthesised as it would deploy (split from app.test.ts, which
// checks the stack on small stand-in builds).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { Template } from "aws-cdk-lib/assertions";
import { CuratorAppStack } from "../lib/app-stack.ts";
import { IMMUTABLE_PATHS, NO_CACHE_PATHS } from "../lib/caching.ts";
import { REPO } from "../lib/paths.ts";
import { CLOUDFRONT_MAX_BYTES, precompress } from "../../tools/precompress.mjs";
import { BROTLI_STORE, testApp } from "./fixtures.ts";

// The repository's own build, when there is one (npm test builds it for the e2e run before
// this suite; CURATOR_DIST names another app build). Asset staging is off here: the
// template is the same, and the build's 50-90 MB are hashed but not copied.
const real = { appDir: resolve(REPO, process.env.CURATOR_DIST ?? "dist"), apiDir: join(REPO, "dist-api"), catalogDir: join(REPO, "api", "catalog") };
const realBuild =
  existsSync(join(real.appDir, "index.html")) && existsSync(join(real.apiDir, "lambda.mjs")) && existsSync(join(real.catalogDir, "catalog.json"));

describe(
  "the real build",
  { skip: realBuild ? false : `no build in ${relative(REPO, real.appDir)}/ and dist-api/ (npm run build && npm run api:build)` },
  () => {
    it("synthesises with the CSP the build wrote to _headers, and every caching rule meets the real layout", async () => {
      // Its Brotli copies at quality 1 (the deploy's quality 11 takes minutes): the layout is the same.
      const precompressedDir = join(BROTLI_STORE, "real-br");
      const manifest = await precompress(real.appDir, { outDir: precompressedDir, store: BROTLI_STORE, quality: 1 });
      const stack = new CuratorAppStack(testApp({ "aws:cdk:disable-asset-staging": true }), "RealBuild", { ...real, precompressedDir });
      const policies = Template.fromStack(stack).findResources("AWS::CloudFront::ResponseHeadersPolicy");
      const csps = new Set(
        Object.values(policies).map((p) => p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy),
      );
      const written = /^\s*Content-Security-Policy: (.+)$/m.exec(readFileSync(join(real.appDir, "_headers"), "utf8"))?.[1];
      assert.deepEqual([...csps], [written], "the CSP CloudFront sends is the one the build wrote (its inline-style hashes included)");

      const files = (readdirSync(real.appDir, { recursive: true }) as string[]).map((f) => `/${f.split("\\").join("/")}`);
      const matches = (pattern: string) => {
        const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
        return files.filter((f) => re.test(f));
      };
      for (const path of IMMUTABLE_PATHS) assert.ok(matches(path).length > 0, `${path} is cached for a year but the build has no such file`);
      for (const path of NO_CACHE_PATHS) assert.ok(files.includes(path), `${path} is missing from the build`);
      // Cached for a year only if a new release gets a new name: the build's assets carry a content hash.
      const unhashed = matches("/assets/*").filter((f) => !/-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/.test(f));
      assert.deepEqual(unhashed, [], "files under /assets/ without a content hash in their name");

      // Every file over CloudFront's compression limit (ORT's WASM) goes up as Brotli, with its type.
      const large = files.filter((f) => statSync(join(real.appDir, f)).size > CLOUDFRONT_MAX_BYTES).map((f) => f.slice(1));
      assert.ok(
        large.some((f) => /^assets\/ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(f)),
        `ORT's WASM is over 10 MB: ${large.join(", ")}`,
      );
      const brotli = new Set(manifest.files.filter((f) => f.brotliBytes !== null).map((f) => f.key));
      for (const f of large) assert.ok(brotli.has(f), `${f} would be sent uncompressed`);
      const types = Object.values(Template.fromStack(stack).findResources("Custom::CDKBucketDeployment"))
        .map((d) => (d.Properties.SystemMetadata ?? {}) as Record<string, string>)
        .filter((m) => m["content-encoding"] === "br")
        .map((m) => m["content-type"]);
      assert.ok(types.includes("application/wasm"), types.join(", "));
    });
  },
);
