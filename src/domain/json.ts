/** Tests for values parsed from JSON (a file, a bucket, a request): the one copy every validator uses. */

/** A plain object: not null, not an array. */
export const isRec = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A finite number (JSON has no NaN or Infinity, but a stored value might). */
export const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
