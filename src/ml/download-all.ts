/**
 * "Make Curator work fully offline now" and "Remove": the capabilities fetched on first
 * need, loaded (and so cached by the service worker) or dropped on request. Loading goes
 * through the same worker paths as first use, so the same sha256 checks apply.
 */
import packFiles from "virtual:curator-packs";
import { faceClient } from "./face-client";
import { loadVisionModels, onModelProgress, unloadVisionModels } from "./vision-client";
import { allPackStates, removePack, type PackId, type PackState } from "./offline-packs";

export interface DownloadProgress {
  pack: PackId;
  /** 0–1 for this capability. */
  fraction: number;
}

/** What the vision worker reads (raw bytes, as its progress counts them). */
const VISION_TOTAL = packFiles.vision.filter((f) => /\.(wasm|onnx)$/.test(f.path)).reduce((s, f) => s + f.bytes, 0);

/** Downloads photo recognition, then face analysis, reporting progress; resolves with what is now on the device. */
export async function downloadEverything(onProgress: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<PackState[]> {
  // A worker that already holds its models would not fetch them again: restart the ones whose files are not cached.
  const before = await allPackStates();
  if (!before.find((s) => s.id === "vision")?.downloaded) unloadVisionModels();
  if (!before.find((s) => s.id === "face")?.downloaded) faceClient.shutdown();
  const loaded = new Map<string, number>();
  const off = onModelProgress((p) => {
    if (p.phase !== "download") return;
    loaded.set(p.model, p.loadedBytes);
    const done = [...loaded.values()].reduce((s, b) => s + b, 0);
    onProgress({ pack: "vision", fraction: Math.min(1, done / Math.max(1, VISION_TOTAL)) });
  });
  try {
    onProgress({ pack: "vision", fraction: 0 });
    await loadVisionModels();
    onProgress({ pack: "vision", fraction: 1 });
  } finally {
    off();
  }
  onProgress({ pack: "face", fraction: 0 });
  await faceClient.warmUp((p) => onProgress({ pack: "face", fraction: p.fraction }), signal);
  onProgress({ pack: "face", fraction: 1 });
  return allPackStates();
}

/** Frees a capability's space: its worker ends and its caches go; the next use downloads it again. */
export async function removeCapability(id: PackId): Promise<void> {
  if (id === "vision") unloadVisionModels();
  else faceClient.shutdown();
  await removePack(id);
}
