import type { ImportSummary } from "../../data/importWardrobe";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const list = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? ""));

/**
 * What an import did, in a sentence or two: the items' three counts, then what else
 * came in (new or newer live records), then the deletions made elsewhere that it
 * applied here. A tombstone is never counted as brought in; one that deleted
 * nothing here (the record was unknown or already deleted) is not mentioned.
 */
export function describeImport(fileName: string, s: ImportSummary): string {
  const brought = (k: keyof Omit<ImportSummary, "added" | "updated" | "unchanged" | "deleted" | "tombstones">) => s[k].added + s[k].updated;
  const more = [
    brought("outfits") && plural(brought("outfits"), "saved outfit", "saved outfits"),
    brought("wearLog") && plural(brought("wearLog"), "wear record", "wear records"),
    brought("settings") && plural(brought("settings"), "setting", "settings"),
    brought("predictions") && plural(brought("predictions"), "recognition record", "recognition records"),
    brought("profile") && "your profile",
    brought("learner") && "your outfit preferences",
  ].filter((p): p is string => Boolean(p));
  const deleted = s.deleted + s.outfits.deleted + s.wearLog.deleted;
  const deletedKinds = [
    s.deleted && plural(s.deleted, "item", "items"),
    s.outfits.deleted && plural(s.outfits.deleted, "saved outfit", "saved outfits"),
    s.wearLog.deleted && plural(s.wearLog.deleted, "wear record", "wear records"),
  ].filter((p): p is string => Boolean(p));
  const items = `Items: ${s.added} added, ${s.updated} updated, ${s.unchanged} already up to date.`;
  const applied = deleted ? `${plural(deleted, "deletion", "deletions")} (${list(deletedKinds)})` : null;
  let also = "";
  if (more.length) also = ` Also brought in ${list(more)}${applied ? `; applied ${applied}` : ""}.`;
  else if (applied) also = ` Applied ${applied}.`;
  return `Imported ${fileName}. ${items}${also}`;
}
