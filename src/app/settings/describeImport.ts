import { userMessage } from "@data/errors";
import { ImportFileError, type ImportFailure } from "@data/importErrors";
import { RECORD_KINDS, type Counts, type KindName, type MergeSummary, type TombstoneCounts } from "@data/schema";
import { countOf, labelOf, listed, RECORD_WORDS } from "./recordWords";

const single = new Set<string>(RECORD_KINDS.filter((k) => k.single).map((k) => k.name));
const deletedOf = (c: Counts) => ("deleted" in c ? (c as TombstoneCounts).deleted : 0);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What an import did, in a sentence or two: the items' three counts, then what else
 * came in (new or newer live records), then the deletions made elsewhere that it
 * applied here. A tombstone is never counted as brought in; one that deleted
 * nothing here (the record was unknown or already deleted) is not mentioned.
 */
export function describeImport(fileName: string, s: MergeSummary): string {
  const kinds = Object.keys(RECORD_WORDS) as KindName[];
  const counts = (k: KindName): Counts => s[k];
  const more = kinds
    .filter((k) => k !== "items" && counts(k).added + counts(k).updated > 0)
    .map((k) => countOf(k, counts(k).added + counts(k).updated, single.has(k)));
  const deletedKinds = kinds.filter((k) => deletedOf(counts(k)) > 0);
  const deleted = deletedKinds.reduce((n, k) => n + deletedOf(counts(k)), 0);
  const items = `Items: ${s.items.added} added, ${s.items.updated} updated, ${s.items.unchanged} already up to date.`;
  const applied = deleted
    ? `${plural(deleted, "deletion", "deletions")} (${listed(deletedKinds.map((k) => countOf(k, deletedOf(counts(k)), single.has(k))))})`
    : null;
  let also = "";
  if (more.length) also = ` Also brought in ${listed(more)}${applied ? `; applied ${applied}` : ""}.`;
  else if (applied) also = ` Applied ${applied}.`;
  return `Imported ${fileName}. ${items}${also}`;
}

const NOT_EXPORT = "This file is not a Curator wardrobe export.";
const NOTHING = "Nothing was imported.";

/** Why a backup file was refused, in words (every ImportFailure code; "nothing was imported" said once). */
export function describeImportFailure(f: ImportFailure): string {
  switch (f.code) {
    case "empty":
      return "The file is empty.";
    case "not-zip":
      return `${NOT_EXPORT} (It isn't a zip archive.)`;
    case "no-data":
      return `${NOT_EXPORT} (data.json is missing.)`;
    case "unreadable-data":
      return `${NOT_EXPORT} (data.json is not readable.)`;
    case "not-export":
      return NOT_EXPORT;
    case "newer-version":
      return "This export was made by a newer version of Curator. Update the app and try again.";
    case "bad-photo":
      return `Photo ${f.index} in the file is damaged (${f.why}). ${NOTHING}`;
    case "photo-missing":
      return `Item ${f.index} refers to a photo that is not in the file. ${NOTHING}`;
    case "bad-record":
      return `${labelOf(f.kind)}${f.index === null ? "" : ` ${f.index}`} in the file is invalid: ${f.why}. ${NOTHING}`;
    case "twice":
      return `${labelOf(f.kind)} ${f.index} appears twice in the file. ${NOTHING}`;
    case "too-large":
      return `This file is too large to import safely: ${f.entry ? `“${f.entry}”` : "its contents"} would take more than ${Math.round(f.limit / 1048576)} MB once unpacked. The file is damaged, or was made to exhaust the device. ${NOTHING}`;
  }
}

/** What an import that failed says: a refused file in words, anything else (a full disk) as its own message. */
export function importFailureText(e: unknown): string {
  return e instanceof ImportFileError ? describeImportFailure(e.failure) : userMessage(e);
}
