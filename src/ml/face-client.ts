import * as Comlink from "comlink";
import type { FaceWorkerApi } from "../../workers/face.worker";
import type { EngineInfo, FaceResult, LoadProgress } from "../../workers/face/types";
import { decodeForFace } from "./face/decode";
import { FaceAnalysisError } from "./face/errors";
import { CancelledError } from "../domain/errors";

export type { EngineInfo, FaceResult, LoadProgress } from "../../workers/face/types";
export { FaceAnalysisError, type FaceErrorCode } from "./face/errors";

/**
 * The page's side of the face worker: decodes the photo, transfers it, and manages the
 * worker's life — created on first use, shut down after IDLE_MS without work (the
 * models hold ~30 MB of WASM memory), restarted transparently on the next call.
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

function aborted(): CancelledError {
  return new CancelledError("Face analysis was cancelled.");
}

export class FaceClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<FaceWorkerApi> | null = null;
  /** Rejects every pending call when the worker itself dies (script error, out of memory). */
  private crashed: Promise<never> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private busy = 0;
  private nextId = 1;

  constructor(private readonly idleMs = IDLE_MS) {}

  private connect(): { remote: Comlink.Remote<FaceWorkerApi>; crashed: Promise<never> } {
    if (!this.worker || !this.remote || !this.crashed) {
      const worker = new Worker(new URL("../../workers/face.worker.ts", import.meta.url), {
        type: "module",
        name: "curator-face",
      });
      this.crashed = new Promise<never>((_, reject) => {
        worker.addEventListener("error", (e) => {
          this.shutdown();
          reject(new FaceAnalysisError("engine", `The face analyser stopped: ${e.message || "worker error"}.`));
        });
      });
      this.crashed.catch(() => undefined); // observed by callers via race; avoid unhandled noise
      this.worker = worker;
      this.remote = Comlink.wrap<FaceWorkerApi>(worker);
    }
    return { remote: this.remote, crashed: this.crashed };
  }

  /** Runs `job` against the worker, keeping it alive meanwhile and arming the idle shutdown after. */
  private async run<T>(job: (remote: Comlink.Remote<FaceWorkerApi>) => Promise<T>): Promise<T> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.busy++;
    try {
      const { remote, crashed } = this.connect();
      return await Promise.race([job(remote), crashed]);
    } catch (err) {
      if (err instanceof FaceAnalysisError || err instanceof CancelledError) throw err;
      throw new FaceAnalysisError(
        "engine",
        "The face models could not be loaded. Open the app once while online so they are saved for offline use, then try again.",
        { cause: err },
      );
    } finally {
      this.busy--;
      if (this.busy === 0) this.idleTimer = setTimeout(() => this.shutdown(), this.idleMs);
    }
  }

  /** Loads the models ahead of the first photo. */
  warmUp(onProgress?: (p: LoadProgress) => void): Promise<EngineInfo> {
    return this.run((remote) => remote.warmUp(onProgress ? Comlink.proxy(onProgress) : undefined));
  }

  async analyse(photo: Blob, options: AnalyseOptions = {}): Promise<FaceAnalysis> {
    const { signal, onProgress } = options;
    if (signal?.aborted) throw aborted();
    const t0 = performance.now();
    const bitmap = await decodeForFace(photo);
    if (signal?.aborted) {
      bitmap.close();
      throw aborted();
    }
    const id = this.nextId++;
    const abortPromise = new Promise<never>((_, reject) => {
      signal?.addEventListener("abort", () => reject(aborted()), { once: true });
    });
    abortPromise.catch(() => undefined);
    const result = await this.run(async (remote) => {
      const work = remote.analyse(Comlink.transfer(bitmap, [bitmap]), id, onProgress ? Comlink.proxy(onProgress) : undefined);
      try {
        return await Promise.race([work, abortPromise]);
      } catch (err) {
        // Let the worker stop at its next checkpoint instead of finishing unseen work.
        if (err instanceof CancelledError) void remote.cancel(id);
        throw err;
      }
    });
    if (result.status === "cancelled") throw aborted();
    return { ...result, roundTripMs: performance.now() - t0 };
  }

  /** Ends the worker now (the next call starts a fresh one). */
  shutdown(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.remote?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.crashed = null;
  }

  get running(): boolean {
    return this.worker !== null;
  }
}

/** The app's one face client. */
export const faceClient = new FaceClient();
