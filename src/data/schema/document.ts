import type { Files } from "./kind";
import { BadRecord } from "./fields";
import { emptyRecords, kinds, RECORD_KINDS, type KindName, type RecordSet, type RowOf } from "./index";

/**
 * The record kinds as a document carries them (an export's data.json, the bucket's
 * records document): a kind with one record as that record or null, any other as a
 * list. Photos and the kept selfie have bytes, which each transport packs its own
 * way; everything else is written and read here, once for both.
 */
type Kinds = (typeof RECORD_KINDS)[number];
export type KindFields = { [N in KindName]: Extract<Kinds, { name: N }>["single"] extends true ? RowOf<N> | null : RowOf<N>[] };

export function writeKinds(records: RecordSet): KindFields {
  const r = records as Record<KindName, unknown[]>;
  return Object.fromEntries(kinds.map((k) => [k.name, k.single ? (r[k.name][0] ?? null) : r[k.name]])) as KindFields;
}

/** A document's kinds as records again (what writeKinds wrote). */
export function rowsOf(fields: KindFields): RecordSet {
  const f = fields as Record<KindName, unknown>;
  return Object.fromEntries(kinds.map((k) => [k.name, k.single ? (f[k.name] === null ? [] : [f[k.name]]) : f[k.name]])) as RecordSet;
}

/**
 * Why a document's records were refused: which kind (or its photos), which record
 * (1-based; null for a single-record kind or the whole list), and what is wrong (`code`):
 * the list is missing, a record is invalid (`why`) or appears twice, or an item
 * refers to a photo the document does not describe.
 */
export class RecordProblem extends Error {
  override name = "RecordProblem";
  constructor(
    readonly kind: KindName | "images",
    readonly index: number | null,
    readonly code: "missing" | "invalid" | "twice" | "no-photo",
    readonly why = "",
  ) {
    super(`${kind}${index === null ? "" : ` ${index}`}: ${code}${why ? ` (${why})` : ""}`);
  }
}

async function check<T>(kind: KindName, index: number | null, parse: () => T | Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (e) {
    if (e instanceof BadRecord) throw new RecordProblem(kind, index, "invalid", e.message);
    throw e;
  }
}

/**
 * Every kind's records in a document, each checked, each key at most once. Kinds
 * newer than `formatVersion` (the export format's numbering) are absent from it and
 * read as none. `files` holds the bytes records refer to. One bad record refuses
 * the whole document: an import or a sync never leaves odd records behind.
 */
export async function readKinds(doc: Readonly<Record<string, unknown>>, files: Files, formatVersion: number): Promise<RecordSet> {
  const out = emptyRecords() as Record<KindName, unknown[]>;
  for (const k of kinds) {
    if (k.since > formatVersion) continue;
    const raw = doc[k.name];
    if (k.single) {
      out[k.name] = raw === null ? [] : [await check(k.name, null, () => k.parse(raw, files))];
      continue;
    }
    if (!Array.isArray(raw)) throw new RecordProblem(k.name, null, "missing");
    const seen = new Set<string>();
    for (const [i, one] of raw.entries()) {
      const rec = await check(k.name, i + 1, () => k.parse(one, files));
      if (seen.has(k.keyOf(rec))) throw new RecordProblem(k.name, i + 1, "twice");
      seen.add(k.keyOf(rec));
      out[k.name].push(rec);
    }
  }
  return out as RecordSet;
}

/** Every record's version (see RecordKind.version) in a document's kinds; a single record is read for its identity and updatedAt only. */
export function documentVersions(doc: Readonly<Record<KindName, unknown>>): string[] {
  return kinds.flatMap((k) => {
    const raw = doc[k.name];
    const rows = k.single ? (raw === null ? [] : [raw]) : (raw as unknown[]);
    return rows.map((row) => k.version(row));
  });
}
