import { S3Client, type CORSRule } from "@aws-sdk/client-s3";
import type { RememberedKeys } from "@data/settings";
import { CORS_EXPOSED_HEADERS, CORS_METHODS } from "./cors";
import { SyncError } from "./errors";

/** What the Settings screen collects. Credentials stay on the device; they go only to `endpoint`. */
export interface SyncConfig {
  /** e.g. "https://s3.eu-west-1.amazonaws.com", "https://<account>.r2.cloudflarestorage.com", "http://localhost:9000". */
  endpoint: string;
  /** Most S3-compatible services accept any region; AWS needs the bucket's own. Default "us-east-1". */
  region?: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Folder inside the bucket; default "curator/". */
  prefix?: string;
  /** Path-style URLs (endpoint/bucket/key): needed by MinIO, localhost servers and most non-AWS services. Default true. */
  forcePathStyle?: boolean;
  /** End-to-end encryption, on unless explicitly false. */
  encrypt?: boolean;
  /** Needed whenever `encrypt` is on (unless `keys` open the bucket). Never stored in the bucket, nor on the device. */
  passphrase?: string;
  /** Keys this device remembered for the bucket (instead of the passphrase). */
  keys?: RememberedKeys;
}

export const DEFAULT_PREFIX = "curator/";

/** Where everything lives in the bucket, under the prefix. */
export interface Layout {
  keyInfo: string;
  records: string;
  blobs: string;
}

export function layoutFor(config: SyncConfig, encrypted: boolean): Layout {
  let prefix = config.prefix ?? DEFAULT_PREFIX;
  if (prefix && !prefix.endsWith("/")) prefix += "/";
  return { keyInfo: `${prefix}keyinfo.json`, records: `${prefix}${encrypted ? "records.enc" : "records.json"}`, blobs: `${prefix}blobs/` };
}

/** Refuses settings that cannot work before any request is made. */
export function checkConfig(config: SyncConfig): void {
  const missing = (["endpoint", "bucket", "accessKeyId", "secretAccessKey"] as const).filter((k) => !config[k]?.trim());
  if (missing.length)
    throw new SyncError("config", `Sync settings are incomplete: ${missing.join(", ")} missing.`, { reason: "incomplete", detail: missing.join(", ") });
  try {
    const url = new URL(config.endpoint);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(url.protocol);
  } catch {
    throw new SyncError("config", "The endpoint must be a web address such as https://s3.example.com.", { reason: "endpoint" });
  }
  if (config.encrypt !== false && !config.passphrase && !config.keys)
    throw new SyncError("passphrase", "Enter your sync passphrase (encryption is on).", { reason: "needed" });
}

/**
 * The S3 client for a config. Checksums only "when required": newer SDKs otherwise
 * send and expect CRC32 checksums that many S3-compatible services reject.
 */
export function createSyncClient(config: SyncConfig): S3Client {
  checkConfig(config);
  return new S3Client({
    endpoint: config.endpoint,
    region: config.region || "us-east-1",
    forcePathStyle: config.forcePathStyle ?? true,
    credentials: { accessKeyId: config.accessKeyId.trim(), secretAccessKey: config.secretAccessKey.trim() },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
}

/**
 * The CORS rule a browser needs on the bucket to sync from `origin` (the app's
 * address, e.g. "https://curator.example"): set it in the provider's console or with
 * PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: [corsRuleFor(origin)] } }).
 * ETag must be exposed: the push compares it to detect another device's write. DELETE
 * lets sync remove photos nothing refers to any more (without it, they simply stay).
 */
export function corsRuleFor(origin: string): CORSRule {
  return {
    AllowedOrigins: [origin],
    AllowedMethods: [...CORS_METHODS],
    AllowedHeaders: ["*"],
    ExposeHeaders: [...CORS_EXPOSED_HEADERS],
    MaxAgeSeconds: 3600,
  };
}
