import { isQuotaError } from "../data/errors";
import { CancelledError, isCancelled } from "../domain/errors";

/**
 * Why a sync failed (its `code`), in terms a Settings screen can act on:
 * - auth: the bucket refused the keys (wrong or expired access key / secret);
 * - network: the endpoint could not be reached or the connection dropped;
 * - bucket: the bucket does not exist (or the name is wrong);
 * - passphrase: wrong passphrase, or none given for an encrypted bucket (or one given for a plain one);
 * - corrupt: something in the bucket is damaged or was tampered with;
 * - conflict: other devices kept pushing while this one tried (retry later);
 * - config: the settings are incomplete or malformed;
 * - storage: this device has no room left;
 * - server: any other refusal from the server.
 * A cancelled sync (the caller's AbortSignal fired) rejects with a CancelledError instead.
 * Whatever the code, a failed sync leaves local data and the bucket consistent.
 */
export type SyncErrorCode = "auth" | "network" | "bucket" | "passphrase" | "corrupt" | "conflict" | "config" | "storage" | "server";

export class SyncError extends Error {
  override name = "SyncError";
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const AUTH_CODES = new Set(["InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "ExpiredToken", "InvalidToken", "Forbidden", "Unauthorized"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_SOCKET"]);

interface SdkLike {
  name?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/** The SDK reports network failures in several shapes (Node errno codes, fetch TypeErrors, TimeoutError): look through causes. */
function networkCode(e: unknown, depth = 0): boolean {
  if (typeof e !== "object" || e === null || depth > 4) return false;
  const err = e as SdkLike;
  if (err.code && NETWORK_CODES.has(err.code)) return true;
  if (err.name === "TimeoutError" || err.name === "NetworkingError") return true;
  if (err.name === "TypeError" && /fetch|network/i.test(String((e as Error).message))) return true;
  return networkCode(err.cause, depth + 1);
}

const CANCELLED = "Sync was cancelled. Nothing was lost; sync again to finish.";

/** Turns anything thrown during a sync into a SyncError, or a CancelledError after a cancel (both pass through). */
export function asSyncError(e: unknown, signal?: AbortSignal): SyncError | CancelledError {
  if (e instanceof SyncError || e instanceof CancelledError) return e;
  if (signal?.aborted || isCancelled(e)) return new CancelledError(CANCELLED, { cause: e });
  if (isQuotaError(e)) return new SyncError("storage", "This device has no room left for the synced data. Free up space and sync again.", { cause: e });
  const err = (typeof e === "object" && e !== null ? e : {}) as SdkLike;
  const code = err.Code ?? err.name ?? "";
  const status = err.$metadata?.httpStatusCode;
  if (code === "NoSuchBucket") return new SyncError("bucket", "The bucket does not exist. Check its name (and region) in the sync settings.", { cause: e });
  if (AUTH_CODES.has(code) || status === 401 || status === 403)
    return new SyncError("auth", "The bucket refused the access keys. Check the access key ID and secret.", { cause: e });
  if (networkCode(e))
    return new SyncError("network", "Could not reach the bucket (no connection, or the endpoint address is wrong). Nothing was lost; sync again later.", { cause: e });
  const why = status === undefined ? (e instanceof Error ? e.message : String(e)) : `${code || "HTTP"} ${status}`;
  return new SyncError("server", `Sync failed: ${why}`, { cause: e });
}

/** Throws a CancelledError if the signal has fired: called between steps so a cancel stops promptly. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError(CANCELLED, { cause: signal.reason });
}
