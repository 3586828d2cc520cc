/** Storage usage and persistence, for the settings screen. */
export interface StorageInfo {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

export async function storageInfo(): Promise<StorageInfo> {
  const s = typeof navigator !== "undefined" ? navigator.storage : undefined;
  if (!s) return { usage: null, quota: null, persisted: null };
  const [est, persisted] = await Promise.all([s.estimate?.().catch(() => undefined), s.persisted?.().catch(() => null) ?? Promise.resolve(null)]);
  return { usage: est?.usage ?? null, quota: est?.quota ?? null, persisted };
}

/**
 * Asks the browser not to evict the wardrobe under storage pressure. Browsers
 * may grant it silently, ask the user, or refuse; the answer is returned.
 */
export async function requestPersistence(): Promise<boolean> {
  const s = typeof navigator !== "undefined" ? navigator.storage : undefined;
  if (!s?.persist) return false;
  if (await s.persisted?.()) return true;
  return s.persist().catch(() => false);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
