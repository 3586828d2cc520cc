import { useEffect, useState, useSyncExternalStore } from "react";
import { getImage, getSourcePhoto } from "@data/images";
import { watchQuery } from "@data/live";
import { getSetting, setSetting, type PiecePhotoChoice } from "@data/settings";
import type { StoredImage } from "@domain/wardrobe/types";
import { cropPieceThumbnails } from "@ml/image-client";
import "./cutout.css";

/**
 * What a thumbnail shows for an item cut out of a shared photo (issue 16): its cut-out
 * (transparent around the garment, the default) or, with Settings → Appearance →
 * "Photos of pieces: as photographed", the shared photo cropped around the piece's box.
 * Photos of their own look the same either way.
 *
 * The crops are made on demand by the image worker and kept in memory, not stored:
 * they are derived from data already on the device (a table of them would have to be
 * kept in step with every purge, merge and sync, and would double what a phone stores
 * for pieces), and one decode of a shared photo makes the crops of all its pieces asked
 * for together — the grid mounts a photo's pieces in the same frame — so a screen of
 * pieces costs one decode per photo; scrolling back is served from memory. The most
 * recently asked photo is cropped first, so the cells on screen now come before ones
 * scrolled past.
 */

/** ~15 KB each: a few hundred crops stay far below a phone's memory budget. */
const CACHE_LIMIT = 600;
const cache = new Map<string, Promise<Blob>>();

type Want = { key: string; image: StoredImage; resolve: (b: Blob) => void; reject: (e: unknown) => void };
const pending = new Map<string, Want[]>();
let pumping = false;

const keyOf = (img: StoredImage) => `${img.id} ${img.sourcePhotoId} ${img.sourceBox?.join(",") ?? "whole"}`;

function remember(key: string, blob: Promise<Blob>): Promise<Blob> {
  cache.delete(key);
  cache.set(key, blob);
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  blob.catch(() => cache.delete(key));
  return blob;
}

async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    // Let every cell of this render ask first, so one decode serves all of a photo's pieces.
    await new Promise((r) => setTimeout(r, 0));
    while (pending.size) {
      const sourceId = [...pending.keys()].pop()!;
      const wants = pending.get(sourceId)!;
      pending.delete(sourceId);
      try {
        const source = await getSourcePhoto(sourceId);
        if (!source) throw new Error("The photo this piece was cut out of is gone.");
        const blobs = await cropPieceThumbnails(
          source.blob,
          source,
          wants.map((w) => w.image.sourceBox ?? null),
        );
        wants.forEach((w, i) => w.resolve(blobs[i]!));
      } catch (e) {
        for (const w of wants) w.reject(e);
      }
    }
  } finally {
    pumping = false;
  }
}

/** The piece's shared photo cropped around it, thumbnail-sized (cached). */
export function croppedThumbnail(image: StoredImage & { sourcePhotoId: string }): Promise<Blob> {
  const key = keyOf(image);
  const hit = cache.get(key);
  if (hit) return remember(key, hit);
  const made = new Promise<Blob>((resolve, reject) => {
    const list = pending.get(image.sourcePhotoId) ?? [];
    pending.delete(image.sourcePhotoId); // re-inserted last: asked most recently
    pending.set(image.sourcePhotoId, [...list, { key, image, resolve, reject }]);
  });
  void pump();
  return remember(key, made);
}

export type ShownThumbnail = { blob: Blob; cutout: boolean };

/** What to show for an image in `mode`: a piece's cut-out (`cutout` true) or its crop; a photo of its own as it is. */
export async function shownThumbnail(imageId: string, mode: PiecePhotoChoice): Promise<ShownThumbnail | undefined> {
  const image = await getImage(imageId);
  if (!image) return undefined;
  const sourcePhotoId = image.sourcePhotoId;
  if (!sourcePhotoId) return { blob: image.thumbnail, cutout: false };
  if (mode === "cutout") return { blob: image.thumbnail, cutout: true };
  try {
    return { blob: await croppedThumbnail({ ...image, sourcePhotoId }), cutout: false };
  } catch {
    // The photo cannot be cropped (gone, undecodable here): the cut-out is still the piece.
    return { blob: image.thumbnail, cutout: true };
  }
}

/** The setting, watched once for every thumbnail on screen (not one database subscription per cell). */
let mode: PiecePhotoChoice = "cutout";
const listeners = new Set<() => void>();
let watching: { unsubscribe(): void } | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  watching ??= watchQuery(() => getSetting("wardrobe.piecePhotos"), {
    next: announce,
    error: (e) => console.error("reading the piece photo setting failed", e),
  });
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      watching?.unsubscribe();
      watching = null;
    }
  };
}

function announce(next: PiecePhotoChoice): void {
  if (next === mode) return;
  mode = next;
  for (const l of listeners) l();
}

/**
 * The user's choice, shown at once (the radio and every thumbnail follow it without
 * waiting for the database) and saved; if saving fails the stored value is shown again
 * and the error is passed on.
 */
export async function choosePiecePhotos(next: PiecePhotoChoice): Promise<void> {
  const before = mode;
  announce(next);
  try {
    await setSetting("wardrobe.piecePhotos", next);
  } catch (e) {
    announce(before);
    throw e;
  }
}

export function usePiecePhotoMode(): PiecePhotoChoice {
  return useSyncExternalStore(subscribe, () => mode);
}

/**
 * An object URL for the thumbnail an image shows in the current mode, and whether it is
 * a transparent cut-out. Switching modes keeps the old picture until the new one is
 * ready (no flash of an empty cell); each URL is revoked once it is replaced or the cell
 * unmounts.
 */
export function useItemThumbnail(imageId: string | null): { url: string; cutout: boolean } | null {
  const current = usePiecePhotoMode();
  const [shown, setShown] = useState<{ imageId: string; url: string; cutout: boolean } | null>(null);
  useEffect(() => {
    if (!imageId) return;
    let gone = false;
    shownThumbnail(imageId, current).then(
      (t) => {
        if (gone || !t) return;
        setShown({ imageId, url: URL.createObjectURL(t.blob), cutout: t.cutout });
      },
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [imageId, current]);
  useEffect(
    () => () => {
      if (shown) URL.revokeObjectURL(shown.url);
    },
    [shown],
  );
  return shown && shown.imageId === imageId ? { url: shown.url, cutout: shown.cutout } : null;
}
