// Environment -> handler options, shared by the Node and Lambda adapters.
import type { AccessEntry, HandlerOptions } from "./handler";
import { parseOrigins } from "./http";
import type { IndexKind } from "./search/index";

/**
 * Exact by default (measured, api/README.md "Index"): on 60,000 products it answers in
 * milliseconds with perfect recall and is ready as soon as the file is verified, while
 * IVF's k-means costs seconds of start-up on every cold Lambda container. IVF pays off
 * for a long-running server under heavy unfiltered traffic: CURATOR_INDEX=ivf.
 */
export const DEFAULT_INDEX: IndexKind = "exact";

export function optionsFromEnv(env: Record<string, string | undefined>): HandlerOptions {
  const index = env.CURATOR_INDEX ?? DEFAULT_INDEX;
  if (index !== "exact" && index !== "ivf") throw new Error(`CURATOR_INDEX must be exact or ivf, got ${JSON.stringify(index)}`);
  const nprobe = env.CURATOR_NPROBE === undefined ? undefined : Number(env.CURATOR_NPROBE);
  if (nprobe !== undefined && (!Number.isInteger(nprobe) || nprobe < 1)) throw new Error(`CURATOR_NPROBE must be a positive integer, got ${env.CURATOR_NPROBE}`);
  return {
    catalogDir: env.CURATOR_CATALOG_DIR ?? "api/catalog",
    datasetDir: env.FASHION_MNIST_DIR ?? "/usr/share/datasets/fashion-mnist",
    index,
    ...(nprobe === undefined ? {} : { nprobe }),
    origins: parseOrigins(env.CURATOR_API_ORIGINS),
    // One JSON line per request on stdout (CloudWatch on Lambda); CURATOR_API_ACCESS_LOG=0 turns it off.
    ...(env.CURATOR_API_ACCESS_LOG === "0" ? {} : { logAccess: (entry: AccessEntry) => console.log(JSON.stringify(entry)) }),
  };
}
