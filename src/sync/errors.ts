import { isQuotaError } from "@data/errors";
import type { RecordProblem } from "@data/schema/document";
import { CancelledError, isCancelled } from "@domain/errors";

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

/**
 * What exactly went wrong within a code, where the screen says more than the code:
 * - passphrase: the `wrong` one; one `needed` (encryption is on); an `encrypted-bucket` with none
 *   (or with encryption off); a `plain-bucket` while encryption is on; too `weak` to set a bucket up;
 * - corrupt: a newer app set the bucket up (`newer-setup`) or last synced it
 *   (`newer-records`), its records are `unreadable` (`detail`: how), `keyinfo`.json
 *   is damaged (`detail`: how), missing while the folder holds data (`keyinfo-missing`)
 *   or not the one this device knows (`keyinfo-replaced`), an encrypted `object` is
 *   damaged or was `tampered` with (`detail`: its name), a `record` is invalid
 *   (`record`: which and why), a photo is missing (`photo-missing`) or its bytes do not
 *   match (`photo-damaged`), the records are older than ones this device has seen
 *   (`rolled-back`), an object is larger than sync reads (`too-large`, `detail`: its
 *   name) or the folder holds more objects than it lists (`too-many-objects`);
 * - config: settings `incomplete` (`detail`: the fields), a bad `endpoint`;
 * - server: the bucket did not keep the key file (`keyinfo-not-kept`); otherwise `detail` is the server's answer.
 */
export const SYNC_ERROR_REASONS = {
  auth: [],
  network: [],
  bucket: [],
  passphrase: ["wrong", "needed", "encrypted-bucket", "plain-bucket", "weak"],
  corrupt: [
    "newer-setup",
    "newer-records",
    "unreadable",
    "keyinfo",
    "keyinfo-missing",
    "keyinfo-replaced",
    "object",
    "tampered",
    "record",
    "photo-missing",
    "photo-damaged",
    "rolled-back",
    "too-large",
    "too-many-objects",
  ],
  conflict: [],
  config: ["incomplete", "endpoint"],
  storage: [],
  server: ["keyinfo-not-kept"],
} as const satisfies Record<SyncErrorCode, readonly string[]>;

export type SyncErrorReason<C extends SyncErrorCode = SyncErrorCode> = (typeof SYNC_ERROR_REASONS)[C][number];

export interface SyncErrorDetails<C extends SyncErrorCode> {
  cause?: unknown;
  reason?: SyncErrorReason<C>;
  detail?: string;
  record?: RecordProblem;
}

/** A failed sync: `code` (and `reason`, `detail`, `record`) for the screen's words; the message is for logs. */
export class SyncError<C extends SyncErrorCode = SyncErrorCode> extends Error {
  override name = "SyncError";
  readonly reason: SyncErrorReason<C> | null;
  readonly detail: string;
  readonly record: RecordProblem | null;
  constructor(
    readonly code: C,
    message: string,
    details: SyncErrorDetails<C> = {},
  ) {
    super(message, { cause: details.cause });
    this.reason = details.reason ?? null;
    this.detail = details.detail ?? "";
    this.record = details.record ?? null;
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
    return new SyncError("network", "Could not reach the bucket (no connection, or the endpoint address is wrong). Nothing was lost; sync again later.", {
      cause: e,
    });
  const why = status === undefined ? (e instanceof Error ? e.message : String(e)) : `${code || "HTTP"} ${status}`;
  return new SyncError("server", `Sync failed: ${why}`, { cause: e, detail: why });
}

/** Throws a CancelledError if the signal has fired: called between steps so a cancel stops promptly. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError(CANCELLED, { cause: signal.reason });
}
