/**
 * What "Find similar products" sends for one wardrobe item: its embedding, computed
 * fresh from the stored photo by the champion embedder in the vision worker (the
 * stored one may come from an older model), plus the chosen filters. The photo itself
 * stays on the device.
 */
import models from "virtual:curator-models";
import { EMBEDDING_DIM, type EmbedderRef } from "@api/contract";
import { getOriginal } from "@data/images";
import { getProfile } from "@data/profile";
import { isCancelled } from "@domain/errors";
import type { Gender, Item } from "@domain/wardrobe/types";
import { analyseBlob } from "@ml/vision-client";
import type { GarmentEmbedding } from "./query";

/** A failure before anything was sent (no photo, no garment, model not loadable): shown as is. */
export class GarmentQueryError extends Error {
  override name = "GarmentQueryError";
}

const champion = models.find((m) => m.name === "garment-embedder");
/** The embedder this app was built with (models/registry.json). */
export const CHAMPION_EMBEDDER: EmbedderRef | null = champion ? { name: champion.name, version: champion.version } : null;

export async function embedItem(item: Item, signal: AbortSignal): Promise<GarmentEmbedding> {
  const blob = item.imageId ? await getOriginal(item.imageId) : undefined;
  if (!blob) throw new GarmentQueryError("This item has no photo, so there is nothing to compare.");
  let a;
  try {
    a = await analyseBlob(blob, { signal });
  } catch (e) {
    if (isCancelled(e)) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new GarmentQueryError(
      `The similarity model could not run on this device (${why}). Settings → On-device models shows whether it is available offline.`,
    );
  }
  if (!a.foundGarment || a.embedding.length !== EMBEDDING_DIM) {
    throw new GarmentQueryError(a.message ? `${a.message} There is nothing to compare.` : "No garment was found in the photo, so there is nothing to compare.");
  }
  // The embedder that actually ran, as the worker reports it.
  return { embedding: a.embedding, embedder: a.models.embedder };
}

/** The item's own gender, else the profile's (Style → profile), else no filter. */
export async function genderFor(item: Item): Promise<Gender | null> {
  return item.gender ?? (await getProfile())?.gender ?? null;
}
