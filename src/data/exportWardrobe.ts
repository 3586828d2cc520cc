import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from "fflate";
import { db } from "./db";
import { DATA_FILE, EXPORT_FORMAT, EXPORT_VERSION, pathFor, type ImageEntry } from "./exportFormat";

export interface ExportProgress {
  done: number;
  total: number;
}

/**
 * The whole wardrobe (items, tombstones, original and thumbnail bytes) as one zip.
 * Photos are stored, not recompressed (they already are), so the export is fast
 * and the bytes that come back on import are identical.
 */
export async function exportWardrobe(onProgress?: (p: ExportProgress) => void): Promise<Blob> {
  // One read transaction: a consistent snapshot even if the user edits meanwhile.
  const { items, images } = await db.transaction("r", db.items, db.images, async () => ({
    items: await db.items.toArray(),
    images: await db.images.toArray(),
  }));

  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      chunks.push(chunk);
      if (final) resolve();
    });
    const entries: ImageEntry[] = [];
    const addBytes = (name: string, bytes: Uint8Array) => {
      const f = new ZipPassThrough(name);
      zip.add(f);
      f.push(bytes, true);
    };
    (async () => {
      let n = 0;
      for (const img of images) {
        const { original, thumbnail, ...meta } = img;
        const entry: ImageEntry = {
          ...meta,
          original: pathFor(img.id, "original", img.mimeType),
          thumbnail: pathFor(img.id, "thumbnail", thumbnail.type),
          thumbnailType: thumbnail.type,
        };
        addBytes(entry.original, new Uint8Array(await original.arrayBuffer()));
        addBytes(entry.thumbnail, new Uint8Array(await thumbnail.arrayBuffer()));
        entries.push(entry);
        onProgress?.({ done: ++n, total: images.length });
      }
      const json = JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: Date.now(), items, images: entries });
      const data = new ZipDeflate(DATA_FILE, { level: 6 });
      zip.add(data);
      data.push(strToU8(json), true);
      zip.end();
    })().catch(reject);
  });
  await done;
  return new Blob(chunks as BlobPart[], { type: "application/zip" });
}
