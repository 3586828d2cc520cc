import { StorageFullError, userMessage } from "@data/errors";
import { CancelledError, isCancelled } from "@domain/errors";
import { addItemsFromPieces, addItemWithPhoto, type RelatedRecords } from "@data/items";
import { requestPersistence } from "@data/storage";
import type { Item } from "@domain/wardrobe/types";
import { processPhoto, stopImageWorker, type ProcessedPhoto } from "../image-client";
import { devicePieceTools } from "./pieceTools";
import { findPieces, preparePieces, type PieceTools } from "./pieces";
import { importSteps, type ImportStep } from "./steps";

/**
 * One result per photo. A photo with several garments makes several items (`itemIds`,
 * in the pieces' order; `itemId` is the first); otherwise `itemIds` is `[itemId]`.
 */
export type ImportResult = { file: string; ok: true; itemId: string; itemIds: string[]; notes: string[] } | { file: string; ok: false; message: string };

export interface ImportProgress {
  done: number;
  total: number;
  current: string | null;
}

export interface ImportReport {
  results: ImportResult[];
  cancelled: boolean;
}

/**
 * `detect`, `reviewPieces`, `cutOut` (pieces.ts): several garments in one photo. By
 * default the app's own detector and cut-out (pieceTools.ts; with no detector in the
 * build every photo makes one item, as before detection); `detect: null` turns
 * detection off.
 */
export interface ImportOptions extends Omit<PieceTools, "detect"> {
  detect?: PieceTools["detect"] | null;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Per-photo analysis steps; defaults to the registered ones (see steps.ts). */
  steps?: readonly ImportStep[];
  /** Prepare the next photo while this one is analysed (default true; the bench compares). */
  overlap?: boolean;
}

/**
 * One User Timing entry per import stage ("curator:import:process" | "analyse" |
 * "store"), read by bench/vision.bench.mjs; costs microseconds. Returns the end time.
 */
function measure(stage: string, start: number, file: File, detail?: object, end = performance.now()): number {
  performance.measure(`curator:import:${stage}`, { start, end, detail: { file: file.name, ...detail } });
  return end;
}

async function runSteps(
  steps: readonly ImportStep[],
  photo: ProcessedPhoto,
  file: File,
  signal: AbortSignal,
  notes: string[],
): Promise<{ init: Partial<Item>; related: RelatedRecords }> {
  let init: Partial<Item> = {};
  const related: RelatedRecords = { predictions: [] };
  for (const step of steps) {
    try {
      const out = await step.run({ photo, file, signal, item: init, notes });
      init = { ...init, ...out.fields };
      related.predictions?.push(...(out.related?.predictions ?? []));
    } catch (e) {
      if (signal.aborted) throw new CancelledError("The import was cancelled.");
      // Analysis is a bonus: a failing step never costs the user their photo.
      notes.push(`${step.label} didn't work for this photo (${userMessage(e)}).`);
    }
  }
  return { init, related };
}

/**
 * The pieces the person kept of a multi-garment photo: each cut out and analysed like
 * a photo of its own, then all of them stored with the photo (kept once, shared) in one
 * transaction. Null when no piece could be cut out: the photo is then imported whole.
 */
async function importPieces(
  pieces: Parameters<typeof preparePieces>[2],
  photo: ProcessedPhoto,
  file: File,
  steps: readonly ImportStep[],
  tools: PieceTools,
  signal: AbortSignal,
  notes: string[],
  start: number,
): Promise<ImportResult | null> {
  if (!pieces.length) return { file: file.name, ok: false, message: "Every piece was dropped: nothing was added from this photo." };
  const prepared = await preparePieces(tools, photo, pieces, signal, (cut, pieceNotes) => runSteps(steps, cut, file, signal, pieceNotes), notes);
  try {
    if (!prepared.length) {
      notes.push("No piece could be cut out, so the photo was added whole.");
      return null;
    }
    const t0 = measure("analyse", start, file, { pieces: prepared.length });
    if (signal.aborted) throw new CancelledError("The import was cancelled.");
    const { original, width, height, mimeType, sha256 } = photo;
    const items = await addItemsFromPieces({ blob: original, width, height, mimeType, sha256 }, prepared, Date.now());
    measure("store", t0, file, { pieces: items.length });
    return { file: file.name, ok: true, itemId: items[0]!.id, itemIds: items.map((i) => i.id), notes };
  } finally {
    for (const p of prepared) p.cut.analysis?.close();
  }
}

/**
 * Turns photos into wardrobe items, one file at a time (memory stays flat on a
 * phone). Each file gets its own result; a bad file never stops the batch. The
 * heavy work runs in the image worker; the item and its photo are stored in one
 * transaction.
 */
export async function importPhotos(files: readonly File[], options: ImportOptions = {}): Promise<ImportReport> {
  const { onProgress, signal } = options;
  const steps = options.steps ?? importSteps;
  const stepSignal = signal ?? new AbortController().signal;
  const analysisSide = Math.max(0, ...steps.map((s) => s.analysisSide ?? 0)) || undefined;
  const results: ImportResult[] = [];
  const device = devicePieceTools(analysisSide);
  const tools: PieceTools = {
    detect: options.detect === null ? undefined : (options.detect ?? device.detect),
    cutOut: options.cutOut ?? device.cutOut,
    reviewPieces: options.reviewPieces,
  };
  let asked = false;
  // Pipelined: the image worker reads and decodes photo i + 1 while photo i is
  // analysed (vision worker) and stored — two workers keep two cores busy. At most
  // one photo is ahead, so memory stays flat.
  const prepare = (file: File) => {
    const start = performance.now();
    const work = processPhoto(file, { analysisSide }, signal).then((result) => ({ result, end: performance.now() }));
    work.catch(() => {}); // awaited in its turn; not an unhandled rejection meanwhile
    return { start, work };
  };
  const overlap = options.overlap ?? true;
  let ahead: ReturnType<typeof prepare> | null = null;
  try {
    for (const [i, file] of files.entries()) {
      if (signal?.aborted) throw new CancelledError("The import was cancelled.");
      onProgress?.({ done: i, total: files.length, current: file.name });
      const mine = ahead ?? prepare(file);
      ahead = null;
      let prepared: Awaited<typeof mine.work>;
      try {
        prepared = await mine.work;
      } catch (e) {
        if (isCancelled(e)) throw e;
        // The photo worker crashed or hung on this file: it restarts for the next one.
        results.push({ file: file.name, ok: false, message: userMessage(e) });
        continue;
      }
      const { result: processed, end } = prepared;
      const following = files[i + 1];
      ahead = overlap && following ? prepare(following) : null;
      measure("process", mine.start, file, processed.ok ? processed.photo.timings : undefined, end);
      let t0 = performance.now();
      if (!processed.ok) {
        results.push({ file: file.name, ok: false, message: processed.message });
        continue;
      }
      const { notes, analysis, timings: _diagnostics, ...photo } = processed.photo; // timings are not stored
      try {
        const finding = await findPieces(tools, processed.photo, stepSignal);
        if (tools.detect) t0 = measure("detect", t0, file);
        if (finding.kind === "whole") notes.push(...finding.notes);
        // Several garments: the kept pieces (null when none could be cut out: then the photo is one item, as below).
        const pieces = finding.kind === "pieces" ? await importPieces(finding.pieces, processed.photo, file, steps, tools, stepSignal, notes, t0) : null;
        if (pieces) results.push(pieces);
        else {
          const { init, related } = await runSteps(steps, processed.photo, file, stepSignal, notes);
          t0 = measure("analyse", t0, file);
          if (signal?.aborted) throw new CancelledError("The import was cancelled.");
          const item = await addItemWithPhoto(photo, init, Date.now(), related);
          measure("store", t0, file);
          results.push({ file: file.name, ok: true, itemId: item.id, itemIds: [item.id], notes });
        }
      } catch (e) {
        if (isCancelled(e)) throw e;
        results.push({ file: file.name, ok: false, message: userMessage(e) });
        if (e instanceof StorageFullError) {
          for (const rest of files.slice(i + 1)) results.push({ file: rest.name, ok: false, message: "Not imported: storage is full." });
          void ahead?.work.then(({ result }) => result.ok && result.photo.analysis?.close());
          break;
        }
      } finally {
        analysis?.close();
      }
      // Once the user has trusted us with photos, ask the browser to keep them.
      if (!asked) {
        asked = true;
        void requestPersistence();
      }
    }
  } catch (e) {
    if (!isCancelled(e)) throw e;
    stopImageWorker(); // a cancel between photos: free the decoder now, not after the idle time
    onProgress?.({ done: results.length, total: files.length, current: null });
    return { results, cancelled: true };
  }
  onProgress?.({ done: files.length, total: files.length, current: null });
  return { results, cancelled: false };
}
