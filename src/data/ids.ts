/** Stable, device-independent ids: sync and export/import merge rely on them. */
export function newId(): string {
  return crypto.randomUUID();
}
