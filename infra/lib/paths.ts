// Where the CDK app finds what it deploys: the app build (dist/), the API build
// (dist-api/), the catalog (api/catalog/) and, optionally, the Fashion-MNIST files for
// product pictures. Each can be overridden with -c (cdk.json context) or CURATOR_* env.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { contentSecurityPolicy, inlineStyleHashes } from "../../tools/csp.ts";

/** The repository root (infra/ lives inside it). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export class MissingBuildError extends Error {
  override name = "MissingBuildError";
}

/** A directory the deployment needs, checked before anything is synthesised. */
export function requireDir(dir: string, what: string, file: string, how: string): string {
  if (!existsSync(join(dir, file))) throw new MissingBuildError(`${what} not found: ${join(dir, file)} is missing. ${how}`);
  return dir;
}

/** CloudFront refuses a Content-Security-Policy longer than this (response headers policy quota). */
export const CLOUDFRONT_CSP_MAX = 1783;

/**
 * The app's CSP for this build, from the one policy in tools/csp.ts and the hash of the
 * inline <style> the built index.html carries (the same policy the build writes to
 * dist/_headers): a stale hash would blank the first paint, so it is read, not typed.
 */
export function cspForBuild(appDir: string): string {
  const html = readFileSync(join(appDir, "index.html"), "utf8");
  const csp = contentSecurityPolicy({ styleHashes: inlineStyleHashes(html) });
  if (csp.length > CLOUDFRONT_CSP_MAX)
    throw new Error(`The Content-Security-Policy is ${csp.length} characters; CloudFront takes at most ${CLOUDFRONT_CSP_MAX}.`);
  return csp;
}
