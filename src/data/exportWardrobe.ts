import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from "fflate";
import { db } from "./db";
import { DATA_FILE, EXPORT_FORMAT, EXPORT_VERSION, pathFor, sourcePath, type ExportData } from "./exportFormat";
import { readShared } from "./schema";
import { writeKinds } from "./schema/document";
import type { ImageEntry, SourcePhotoEntry } from "./schema/photos";
import type { ProfileEntry } from "./schema/profile";

export interface ExportProgress {
  done: number;
  total: number;
}

/**
 * The whole user state as one zip: every record kind (schema/, tombstones included)
 * and the items' original and thumbnail bytes, and once each the shared photos pieces
 * were cut out of (a selfie kept "on this device" stays
 * on it: the profile's record kind leaves it out). Photos are stored,
 * not recompressed (they already are), so the export is fast and the bytes that
 * come back on import are identical.
 */
export async function exportWardrobe(onProgress?: (p: ExportProgress) => void): Promise<Blob> {
  const { records, images, sources } = await readShared(db);
  const profile = records.profile[0];
  const total = images.length + sources.length;

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
        onProgress?.({ done: ++n, total });
      }
      const sourceEntries: SourcePhotoEntry[] = [];
      for (const source of sources) {
        const { blob, ...meta } = source;
        const entry: SourcePhotoEntry = { ...meta, file: sourcePath(source.id, source.mimeType) };
        addBytes(entry.file, new Uint8Array(await blob.arrayBuffer()));
        sourceEntries.push(entry);
        onProgress?.({ done: ++n, total });
      }
      const profileEntry: ProfileEntry | null = profile ?? null;
      const data: ExportData = {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: Date.now(),
        ...writeKinds(records),
        images: entries,
        sourcePhotos: sourceEntries,
        profile: profileEntry,
      };
      const json = new ZipDeflate(DATA_FILE, { level: 6 });
      zip.add(json);
      json.push(strToU8(JSON.stringify(data)), true);
      zip.end();
    })().catch(reject);
  });
  await done;
  return new Blob(chunks as BlobPart[], { type: "application/zip" });
}
