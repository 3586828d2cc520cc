/**
 * The errors every layer shares: the app, the services and the workers import this
 * (it is pure: no DOM, no imports).
 *
 * The convention for typed errors: one class per source (SyncError, ShopError,
 * FaceAnalysisError, WorkerError, …) with a readonly `code`, a string union that
 * code switches on; the message is for people. Cancellation is not a failure of any
 * source, so no source has a "cancelled" code of its own: it is always a
 * CancelledError, recognised with isCancelled().
 */

/** The caller cancelled: an AbortSignal fired, the user pressed Cancel, or a newer request replaced this one. */
export class CancelledError extends Error {
  // The web platform's name for the same event (fetch, AbortSignal.throwIfAborted), so
  // libraries that test `name === "AbortError"` agree, and the name survives Comlink's
  // error serialisation across a worker boundary, where the class does not.
  override name = "AbortError";
  readonly code = "cancelled";

  constructor(message = "Cancelled.", options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * True for a CancelledError and for the platform's AbortError however it arrives: a
 * DOMException from fetch or a signal's reason, or an error rebuilt by Comlink.
 * A TimeoutError is a failure, not a cancellation.
 */
export function isCancelled(e: unknown): boolean {
  return e instanceof CancelledError || (typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AbortError");
}

/** Throws a CancelledError if the signal has fired: called between steps so a cancel stops promptly. */
export function throwIfCancelled(signal: AbortSignal | undefined, message?: string): void {
  if (signal?.aborted) throw new CancelledError(message, { cause: signal.reason });
}

/** The `code` of a typed error ("cancelled" for a cancellation), or null for anything else. */
export function errorCode(e: unknown): string | null {
  if (isCancelled(e)) return "cancelled";
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : null;
}
