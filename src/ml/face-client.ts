import { proxy, transfer, type Remote } from "comlink";
import type { FaceWorkerApi } from "@workers/face.worker";
import type { EngineInfo, FaceResult, LoadProgress } from "@workers/face/types";
import { CancelledError, isCancelled } from "@domain/errors";
import { decodeForFace } from "./face/decode";
import { FaceAnalysisError } from "./face/errors";
import { WorkerClient, WorkerError, type CallOptions } from "./workerClient";
import { canStart, downloadSize, notDownloadedMessage } from "./offline-packs";

export type { EngineInfo, FaceResult, LoadProgress } from "@workers/face/types";
export { FaceAnalysisError, type FaceErrorCode } from "./face/errors";

/**
 * The page's side of the face worker: decodes the photo, transfers it, and runs it on
 * the shared worker lifecycle (workerClient.ts): created on first use, shut down after
 * `idleMs` without work (the models hold ~30 MB of WASM memory), replaced after a crash.
 */

export interface AnalyseOptions {
  signal?: AbortSignal;
  /** Hears model loading progress (only the first call, or the first after an idle shutdown, loads). */
  onProgress?: (p: LoadProgress) => void;
}

export type FaceAnalysis = FaceResult & {
  /** Milliseconds from the call to the answer, decoding and worker round trip included. */
  roundTripMs: number;
};

const IDLE_MS = 60_000;
/** One photo takes well under a second once the models are loaded: a minute means the worker hung. */
const CALL_MS = 60_000;
const CANCELLED = "Face analysis was cancelled.";

export class FaceClient {
  private readonly client: WorkerClient<FaceWorkerApi>;
  private nextId = 1;

  constructor(idleMs = IDLE_MS) {
    this.client = new WorkerClient<FaceWorkerApi>({
      name: "face analyser",
      idleMs,
      create: () => new Worker(new URL("../../workers/face.worker.ts", import.meta.url), { type: "module", name: "curator-face" }),
    });
  }

  /** Every failure that is not the photo's own becomes an "engine" FaceAnalysisError (cancels pass through). */
  private async run<T>(job: (api: Remote<FaceWorkerApi>) => Promise<T>, opts: CallOptions<FaceWorkerApi>): Promise<T> {
    try {
      return await this.client.call(job, opts);
    } catch (err) {
      if (err instanceof FaceAnalysisError) throw err;
      if (isCancelled(err)) throw new CancelledError(CANCELLED, { cause: err });
      // Offline before face analysis was ever used: its worker script or models are not on
      // this device (a worker whose script cannot load looks like a crash from here).
      if ((err instanceof Error && err.name === "NotDownloadedError") || !(await canStart("face"))) {
        throw new FaceAnalysisError("not-downloaded", notDownloadedMessage("face", downloadSize("face")), { cause: err });
      }
      if (err instanceof WorkerError) throw new FaceAnalysisError("engine", `${err.message} Try again.`, { cause: err });
      throw new FaceAnalysisError(
        "engine",
        "The face models could not be loaded. Open the app once while online so they are saved for offline use, then try again.",
        { cause: err },
      );
    }
  }

  /** Loads the models ahead of the first photo (no time limit: a first download can be slow). */
  warmUp(onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<EngineInfo> {
    return this.run((api) => api.warmUp(onProgress ? proxy(onProgress) : undefined), { signal });
  }

  async analyse(photo: Blob, options: AnalyseOptions = {}): Promise<FaceAnalysis> {
    const { signal, onProgress } = options;
    if (signal?.aborted) throw new CancelledError(CANCELLED);
    const t0 = performance.now();
    // Decode first: an unreadable photo is said so at once, without loading the models.
    const bitmap = await decodeForFace(photo);
    try {
      await this.warmUp(onProgress, signal);
    } catch (err) {
      bitmap.close();
      throw err;
    }
    if (signal?.aborted) {
      bitmap.close();
      throw new CancelledError(CANCELLED);
    }
    const id = this.nextId++;
    const result = await this.run<FaceResult>((api) => api.analyse(transfer(bitmap, [bitmap]), id), {
      signal,
      timeoutMs: CALL_MS,
      // Let the worker stop at its next checkpoint instead of finishing unseen work.
      onAbort: (api) => void api.cancel(id),
    });
    if (result.status === "cancelled") throw new CancelledError(CANCELLED);
    return { ...result, roundTripMs: performance.now() - t0 };
  }

  /** Ends the worker now (the next call starts a fresh one). */
  shutdown(): void {
    this.client.stop();
  }

  get running(): boolean {
    return this.client.running;
  }
}

/** The app's one face client. */
export const faceClient = new FaceClient();
