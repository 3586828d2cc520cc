/**
 * Storage errors in the user's words. Repositories translate IndexedDB failures
 * into these so screens can show a message instead of a stack trace.
 */
export class StorageFullError extends Error {
  override name = "StorageFullError";
  readonly code = "storage-full";
  constructor(cause?: unknown) {
    super("Your device has no room left for Curator's data. Nothing was saved. " + "Free up space (or export and remove some items) and try again.", { cause });
  }
}

/** True for a quota failure however it arrives: a raw DOMException or Dexie's wrapper. */
export function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error) && !(typeof DOMException !== "undefined" && e instanceof DOMException)) return false;
  const err = e as Error & { inner?: unknown };
  if (err.name === "QuotaExceededError" || err.name === "NS_ERROR_DOM_QUOTA_REACHED") return true;
  return err.inner !== undefined && err.inner !== e && isQuotaError(err.inner);
}

/** Re-throws storage errors as user-facing ones; everything else unchanged. */
export function asStorageError(e: unknown): unknown {
  return isQuotaError(e) ? new StorageFullError(e) : e;
}

/** The message a screen shows for any failure. */
export function userMessage(e: unknown): string {
  if (e instanceof StorageFullError) return e.message;
  if (isQuotaError(e)) return new StorageFullError(e).message;
  if (e instanceof Error && e.message) return e.message;
  return "Something went wrong.";
}
