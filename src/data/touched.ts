import { RangeSet, type IntervalTree, type ObservabilitySet } from "dexie";

/** What a change touched: some items by id, or possibly any of them. */
export type Touched = Set<string> | "all";

/**
 * The ids a committed change to the items table touched, from Dexie's record of it
 * (the same record its live queries use, in this tab and, via its broadcast, in others):
 * `"all"` when it names a range rather than keys (a clear, a bulk write of 50 or more,
 * a database created afresh, a page back from the back-forward cache), `null` when it did not touch the items table.
 */
export function touchedItems(parts: ObservabilitySet, dbName: string): Touched | null {
  if (parts.all) return "all"; // a page back from the back-forward cache: anything may have changed
  const tree: IntervalTree | undefined = parts[`idb://${dbName}/items/`];
  if (!tree) return null;
  const ids = new Set<string>();
  for (const node of new RangeSet().add(tree) as Iterable<{ from: unknown; to: unknown }>) {
    if (typeof node.from !== "string" || node.from !== node.to) return "all";
    ids.add(node.from);
  }
  return ids.size > 0 ? ids : null;
}
