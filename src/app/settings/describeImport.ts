import type { ImportSummary } from "../../data/importWardrobe";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What an import did, in a sentence or two: the items' three counts, then what else came in (new or newer). */
export function describeImport(fileName: string, s: ImportSummary): string {
  const brought = (k: keyof Omit<ImportSummary, "added" | "updated" | "unchanged">) => s[k].added + s[k].updated;
  const more = [
    brought("outfits") && plural(brought("outfits"), "saved outfit", "saved outfits"),
    brought("wearLog") && plural(brought("wearLog"), "wear record", "wear records"),
    brought("settings") && plural(brought("settings"), "setting", "settings"),
    brought("predictions") && plural(brought("predictions"), "recognition record", "recognition records"),
    brought("profile") && "your profile",
    brought("learner") && "your outfit preferences",
  ].filter((p): p is string => Boolean(p));
  const items = `Items: ${s.added} added, ${s.updated} updated, ${s.unchanged} already up to date.`;
  const also = more.length ? ` Also brought in ${more.length > 1 ? `${more.slice(0, -1).join(", ")} and ${more.at(-1)}` : more[0]}.` : "";
  return `Imported ${fileName}. ${items}${also}`;
}
