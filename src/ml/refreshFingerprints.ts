/**
 * After a new embedder ships, items keep fingerprints from the old one, which live in
 * another space: "similar", near-duplicates, outfit compatibility and personal
 * recognition would compare apples with pears. This remakes each such fingerprint from
 * the item's stored photo with the current embedder, in the background, one photo at a
 * time (the user's own edits are untouched; see storeFingerprint).
 */
import { getOriginal } from "@data/images";
import { itemsToRefingerprint, storeFingerprint } from "@data/recognitionMemory";
import { isCancelled } from "@domain/errors";
import { EMBEDDER } from "./champions";
import { analyseBlob } from "./vision-client";

export interface RefreshProgress {
  done: number;
  total: number;
  failed: number;
}

export async function refreshFingerprints(onProgress: (p: RefreshProgress) => void = () => {}, signal?: AbortSignal): Promise<RefreshProgress> {
  const progress = { done: 0, total: 0, failed: 0 };
  if (!EMBEDDER) return progress;
  const items = await itemsToRefingerprint(EMBEDDER);
  progress.total = items.length;
  if (items.length) onProgress({ ...progress });
  for (const item of items) {
    if (signal?.aborted) break;
    try {
      const blob = item.imageId ? await getOriginal(item.imageId) : undefined;
      const a = blob ? await analyseBlob(blob, signal ? { signal } : {}) : null;
      if (a?.foundGarment && a.embedding.length) await storeFingerprint(item.id, a.embedding, a.models.embedder, a.silhouette);
      else progress.failed++;
    } catch (e) {
      if (isCancelled(e)) break;
      progress.failed++;
    }
    progress.done++;
    onProgress({ ...progress });
  }
  return progress;
}
