import { mergeBackup } from "./merge";
import { readBackup } from "./readBackup";
import type { MergeSummary } from "./schema";

/**
 * Imports an export file: read and check everything (readBackup: a refused file
 * throws ImportFileError and writes nothing), then merge it (mergeBackup: newer
 * copies win, deletions travel as tombstones, one transaction).
 */
export async function importWardrobe(file: Blob): Promise<MergeSummary> {
  return mergeBackup(await readBackup(file));
}
