// Files CloudFront would send uncompressed, uploaded as Brotli instead (issue 17).
// CloudFront compresses an object only when it is 1,000-10,000,000 bytes AND of a type on
// its list, so ORT's 14 MB WASM (too big) and the .onnx/.bin models (octet-stream) would
// leave the edge raw. tools/precompress.mjs (a build step: Brotli quality 11 takes minutes)
// writes their Brotli bytes to `<build>-br/<content type>/<key>`; here each content type
// becomes one BucketDeployment that puts them under their own keys with
// `Content-Encoding: br`, and the main deployments' source leaves those keys out.
import { join } from "node:path";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import type { IRole } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { readPrecompressed, StalePrecompressError, type Manifest, type ManifestFile } from "../../tools/precompress.mjs";
import { IMMUTABLE, NO_CACHE, immutableKeyGlobs } from "./caching.ts";
import { DEPLOYMENT_MEMORY_MB } from "./deployment-role.ts";
import { MissingBuildError } from "./paths.ts";

/** The build's Brotli copies, checked against the build (same bytes, every copy present). */
export function precompressedFor(appDir: string, outDir: string): Manifest {
  try {
    return readPrecompressed(appDir, outDir);
  } catch (e) {
    if (e instanceof StalePrecompressError) throw new MissingBuildError(e.message);
    throw e;
  }
}

/** The keys uploaded as Brotli: left out of the main deployments' source. */
export const brotliKeys = (manifest: Manifest): string[] => manifest.files.filter((f) => f.brotliBytes !== null).map((f) => f.key);

/** A key as a glob that matches only itself (Source.asset's exclude is minimatch). */
export const literalGlob = (key: string): string => key.replace(/[*?[\]{}()!+@\\]/g, "\\$&");

/** aws s3 sync's filters, where * also matches "/". */
const matchesGlob = (key: string, glob: string): boolean => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(key);
export const isImmutableKey = (key: string): boolean => immutableKeyGlobs().some((g) => matchesGlob(key, g));

export interface PrecompressedProps {
  manifest: Manifest;
  outDir: string;
  bucket: IBucket;
  role: IRole;
}

/** One deployment per content type and caching rule, each with `Content-Encoding: br`. */
export class PrecompressedFiles extends Construct {
  readonly deployments: BucketDeployment[] = [];

  constructor(scope: Construct, id: string, props: PrecompressedProps) {
    super(scope, id);
    const groups = new Map<string, ManifestFile[]>();
    for (const f of props.manifest.files) if (f.brotliBytes !== null && f.dir) groups.set(f.dir, [...(groups.get(f.dir) ?? []), f]);
    for (const [dir, files] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      const source = Source.asset(join(props.outDir, dir));
      const rules = [
        { name: "Immutable", files: files.filter((f) => isImmutableKey(f.key)), filters: { exclude: ["*"], include: immutableKeyGlobs() }, cache: IMMUTABLE },
        { name: "NoCache", files: files.filter((f) => !isImmutableKey(f.key)), filters: { exclude: immutableKeyGlobs() }, cache: NO_CACHE },
      ];
      for (const rule of rules) {
        if (rule.files.length === 0) continue;
        this.deployments.push(
          new BucketDeployment(this, `${dir}-${rule.name}`, {
            sources: [source],
            destinationBucket: props.bucket,
            ...rule.filters,
            contentEncoding: "br",
            contentType: rule.files[0]!.contentType,
            cacheControl: [CacheControl.fromString(rule.cache)],
            prune: false,
            memoryLimit: DEPLOYMENT_MEMORY_MB,
            role: props.role,
          }),
        );
      }
    }
  }
}
