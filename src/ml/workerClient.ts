/**
 * The one lifecycle every worker client shares (vision, face, image): the worker is
 * created on the first call, typed through Comlink, shut down after `idleMs` without
 * work (models and decoders hold tens of MB), and replaced after a crash.
 *
 * A crash is an `error` or `messageerror` event, or a call outliving its time limit (a
 * hung worker looks the same as a dead one from here). Either way the worker is
 * terminated, every call still waiting on it rejects with a WorkerError — none waits
 * forever — and the next call starts a fresh worker.
 *
 * A call's AbortSignal rejects that call at once with a CancelledError; `onAbort` lets
 * the worker stop early (cooperative cancel), or stop() ends the worker outright when
 * its work cannot be interrupted (a large photo decode).
 */
import { wrap, type Remote } from "comlink";
import { CancelledError } from "@domain/errors";

export type WorkerErrorCode = "crashed" | "timeout";

/** The worker itself failed (not the work it was asked to do). */
export class WorkerError extends Error {
  override name = "WorkerError";
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface WorkerClientOptions {
  /** Names the worker in messages, e.g. "face analyser". */
  name: string;
  /** Starts the worker. Keep `new Worker(new URL("…", import.meta.url))` literal here so Vite bundles it. */
  create: () => Worker;
  /** Terminates the worker after this long without a call in flight. */
  idleMs: number;
}

export interface CallOptions<Api> {
  signal?: AbortSignal;
  /** Longest this call may take before the worker is deemed hung (none when absent). */
  timeoutMs?: number;
  /** Runs when `signal` fires mid-call (the call has already rejected): tell the worker to stop early. */
  onAbort?: (api: Remote<Api>) => void;
}

interface Running<Api> {
  worker: Worker;
  api: Remote<Api>;
  /** Rejecters of the calls in flight on this worker. */
  pending: Set<(e: unknown) => void>;
}

export class WorkerClient<Api> {
  private current: Running<Api> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WorkerClientOptions) {}

  /** Whether a worker is alive now (no call starts one). */
  get running(): boolean {
    return this.current !== null;
  }

  /** Runs `job` against the worker, starting one if needed. */
  call<T>(job: (api: Remote<Api>) => Promise<T>, opts: CallOptions<Api> = {}): Promise<T> {
    const { signal, timeoutMs, onAbort } = opts;
    if (signal?.aborted) return Promise.reject(new CancelledError());
    clearTimeout(this.idleTimer);
    let run: Running<Api>;
    try {
      run = this.current ?? this.start();
    } catch (e) {
      return Promise.reject(new WorkerError("crashed", `The ${this.options.name} could not start.`, { cause: e }));
    }
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        run.pending.delete(fail);
        clearTimeout(timer);
        signal?.removeEventListener("abort", aborted);
        this.armIdle();
      };
      const fail = (e: unknown) => {
        settle();
        reject(e);
      };
      const aborted = () => {
        fail(new CancelledError());
        if (this.current === run) onAbort?.(run.api);
      };
      run.pending.add(fail);
      signal?.addEventListener("abort", aborted, { once: true });
      if (timeoutMs !== undefined) {
        const s = Math.round(timeoutMs / 1000);
        timer = setTimeout(() => this.end(run, new WorkerError("timeout", `The ${this.options.name} did not answer within ${s} s.`)), timeoutMs);
      }
      // A late answer (after a cancel, a timeout or a crash) finds its call gone and is dropped.
      Promise.resolve()
        .then(() => job(run.api))
        .then(
          (value) => {
            if (!run.pending.has(fail)) return;
            settle();
            resolve(value);
          },
          (err: unknown) => {
            if (run.pending.has(fail)) fail(err);
          },
        );
    });
  }

  /** Ends the worker now; calls in flight reject with a CancelledError, the next call starts afresh. */
  stop(): void {
    if (this.current) this.end(this.current, new CancelledError(`The ${this.options.name} was stopped.`));
  }

  private start(): Running<Api> {
    const worker = this.options.create();
    const run: Running<Api> = { worker, api: wrap<Api>(worker), pending: new Set() };
    const crashed = (detail: string) =>
      this.end(run, new WorkerError("crashed", detail ? `The ${this.options.name} stopped: ${detail}.` : `The ${this.options.name} stopped unexpectedly.`));
    worker.addEventListener("error", (e) => crashed((e as Partial<ErrorEvent>).message ?? ""));
    worker.addEventListener("messageerror", () => crashed("a message from it could not be read"));
    this.current = run;
    return run;
  }

  private end(run: Running<Api>, reason: Error): void {
    if (this.current === run) {
      this.current = null;
      clearTimeout(this.idleTimer);
    }
    run.worker.terminate();
    for (const fail of [...run.pending]) fail(reason);
  }

  private armIdle(): void {
    const run = this.current;
    if (!run || run.pending.size > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.current === run && run.pending.size === 0) this.end(run, new CancelledError());
    }, this.options.idleMs);
  }
}
