/**
 * Which model made something: its registry name and version (models/registry.json).
 * The worker reports it, the item's recognition and the prediction log store it, the
 * monitoring groups by it — as this object from end to end.
 */
export interface ModelRef {
  name: string;
  version: number;
}

/**
 * A model identity as stored. Rows written before it was an object hold the text
 * "name@version" ("garment-classifier@3"); readModelRef() reads both. The Dexie
 * upgrade in src/data/upgrades/modelRefs.ts rewrites the database's rows; backups and
 * synced records made before it may still carry text.
 */
export type StoredModelRef = ModelRef | string;

const LEGACY = /^(.+)@(\d+)$/;

/** The identity in a stored value (object or legacy text), or null when there is none to read. */
export function readModelRef(v: unknown): ModelRef | null {
  if (typeof v === "string") {
    const m = LEGACY.exec(v);
    return m?.[1] && m[2] ? { name: m[1], version: Number(m[2]) } : null;
  }
  if (typeof v !== "object" || v === null) return null;
  const { name, version } = v as { name?: unknown; version?: unknown };
  return typeof name === "string" && name !== "" && typeof version === "number" && Number.isInteger(version) && version >= 0 ? { name, version } : null;
}

/**
 * A stored value checked on its way in (backup file, synced records): a well-formed
 * object (extra fields dropped), or text kept exactly as it was (older validators
 * accepted any text, and a round trip must not change a record); null otherwise.
 */
export function parseStoredModelRef(v: unknown): StoredModelRef | null {
  return typeof v === "string" ? v : readModelRef(v);
}

export const sameModel = (a: ModelRef, b: ModelRef): boolean => a.name === b.name && a.version === b.version;

/** Whether a stored value (object or legacy text) names this model. */
export function isModel(stored: unknown, m: ModelRef): boolean {
  const r = readModelRef(stored);
  return r !== null && sameModel(r, m);
}

/**
 * The identity as one piece of text, "garment-classifier@3": for file formats that
 * need one cell (the monitoring CSV) and as a lookup key. Never parsed back.
 */
export const modelRefText = (m: ModelRef): string => `${m.name}@${m.version}`;

/** "garment-classifier v3", for people. */
export const modelRefLabel = (m: ModelRef): string => `${m.name} v${m.version}`;
