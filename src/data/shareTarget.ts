// The share target's contract, shared by the manifest (vite.config.ts), the service
// worker (workers/share-target.sw.ts) and the page that picks the files up.

/** Where the manifest's share_target POSTs, relative to the app's scope. */
export const SHARE_PATH = "share-target";
/** The multipart field that carries the files. */
export const SHARE_FIELD = "photos";
/** The service worker sends the app to `./?shared=<batch id>` (or a failure word). */
export const SHARE_PARAM = "shared";
export const SHARE_FAILED = "failed";

/** What the page says when the service worker could not keep a share. */
export function shareFailureMessage(value: string): string | null {
  if (!value.startsWith(SHARE_FAILED)) return null;
  if (value.endsWith("-empty")) return "Nothing was shared: no files arrived with the share.";
  if (value.endsWith("-too-many")) return "That share had too many files for one go. Share up to 200 photos at a time.";
  return "Curator could not keep the shared files (the device's storage may be full). Nothing was added; try sharing again.";
}
