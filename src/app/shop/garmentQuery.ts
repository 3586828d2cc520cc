/**
 * What "Find similar products" sends for one wardrobe item: its embedding, computed
 * fresh from the stored photo by the champion embedder in the vision worker (the
 * stored one may come from an older model), plus the chosen filters. The photo itself
 * stays on the device.
 */
import models from "virtual:curator-models";
import { EMBEDDING_DIM, type EmbedderRef } from "../../../api/contract";
import { getOriginal } from "../../data/images";
import { getProfile } from "../../data/profile";
import type { Gender, Item } from "../../domain/wardrobe/types";
import { analyseBlob } from "../../ml/vision-client";
import { isCancelled } from "../../domain/errors";
import type { GarmentEmbedding } from "../../shop/query";

export { searchRequest } from "../../shop/query";

/** A failure before anything was sent (no photo, no garment, model not loadable): shown as is. */
export class GarmentQueryError extends Error {
  override name = "GarmentQueryError";
}

const champion = models.find((m) => m.name === "garment-embedder");
/** The embedder this app was built with (models/registry.json). */
export const CHAMPION_EMBEDDER: EmbedderRef | null = champion ? { name: champion.name, version: champion.version } : null;

/** "garment-embedder@3" (the worker's report of what actually ran) → { name, version }. */
function parseRef(s: string): EmbedderRef | null {
  const m = /^(.+)@(\d+)$/.exec(s);
  return m?.[1] && m[2] ? { name: m[1], version: Number(m[2]) } : null;
}

export async function embedItem(item: Item, signal: AbortSignal): Promise<GarmentEmbedding> {
  const blob = item.imageId ? await getOriginal(item.imageId) : undefined;
  if (!blob) throw new GarmentQueryError("This item has no photo, so there is nothing to compare.");
  let a;
  try {
    a = await analyseBlob(blob, { signal });
  } catch (e) {
    if (isCancelled(e)) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new GarmentQueryError(`The similarity model could not run on this device (${why}). Settings → On-device models shows whether it is available offline.`);
  }
  if (!a.foundGarment || a.embedding.length !== EMBEDDING_DIM) {
    throw new GarmentQueryError(a.message ? `${a.message} There is nothing to compare.` : "No garment was found in the photo, so there is nothing to compare.");
  }
  const embedder = parseRef(a.modelVersions.embedder) ?? CHAMPION_EMBEDDER;
  if (!embedder) throw new GarmentQueryError("This app was built without a similarity model.");
  return { embedding: a.embedding, embedder };
}

/** The item's own gender, else the profile's (Style → profile), else no filter. */
export async function genderFor(item: Item): Promise<Gender | null> {
  return item.gender ?? (await getProfile())?.gender ?? null;
}
