import type { RecordProblem } from "./schema/document";

type Kind = RecordProblem["kind"];

/**
 * Why a backup file was refused (nothing was written). The screen words each one
 * (app/settings/describeImport.ts); the message is for logs.
 * - empty, not-zip, no-data (data.json missing), unreadable-data, not-export: not a Curator export;
 * - newer-version: made by a newer Curator;
 * - bad-photo: a photo's description or bytes are wrong (`index`, 1-based; `why`);
 * - photo-missing: an item refers to a photo the file lacks (`index`: the item's);
 * - bad-record: a record is invalid (`kind`, `index` or null for a single-record kind; `why`);
 * - twice: a record appears twice (`kind`, `index`);
 * - too-large: an entry (`entry`; "" for the whole file) would decompress beyond `limit` bytes, or at a ratio no
 *   real backup has (a zip bomb): refused as soon as that shows, before it fills memory.
 */
export type ImportFailure =
  | { code: "empty" | "not-zip" | "no-data" | "unreadable-data" | "not-export" | "newer-version" }
  | { code: "bad-photo"; index: number; why: string }
  | { code: "photo-missing"; index: number }
  | { code: "bad-record"; kind: Kind; index: number | null; why: string }
  | { code: "twice"; kind: Kind; index: number }
  | { code: "too-large"; entry: string; limit: number };

export type ImportFailureCode = ImportFailure["code"];

/** Every code, for the screen's test that each has words. */
export const IMPORT_FAILURE_CODES = [
  "empty",
  "not-zip",
  "no-data",
  "unreadable-data",
  "not-export",
  "newer-version",
  "bad-photo",
  "photo-missing",
  "bad-record",
  "twice",
  "too-large",
] as const satisfies readonly ImportFailureCode[];

/** A refused file: `failure` says why; nothing was written. */
export class ImportFileError extends Error {
  override name = "ImportFileError";
  readonly code: ImportFailureCode;
  constructor(readonly failure: ImportFailure) {
    super(`Backup refused: ${JSON.stringify(failure)}`);
    this.code = failure.code;
  }
}
