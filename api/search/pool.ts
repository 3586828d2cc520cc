// Searches on worker threads, so the event loop stays free for /healthz, /readyz,
// /metrics and the requests of other clients while a batch is being answered. One
// worker per core by default; all of them read the one shared copy of the catalog
// (shared.ts). Queries (not requests) are the unit of work: a batch of 32 spreads over
// every worker and a single search waits behind at most one query per worker, not
// behind a whole batch. The queue itself is bounded by the handler's admission cap
// (limits.ts), not here.
import { Worker } from "node:worker_threads";
import type { IvfParts } from "./ivf";
import type { QueryMessage, WorkerInit, WorkerMessage } from "./protocol";
import { SearcherClosedError, type JobResult, type SearchJob, type Searcher } from "./searcher";
import type { IndexData, IndexKind } from "./types";

export interface PoolOptions {
  /** In SharedArrayBuffers (shared.ts), or every worker gets its own copy. */
  data: IndexData;
  kind: IndexKind;
  nprobe?: number;
  threads: number;
  /** The worker entry: dist-api/search-worker.mjs (built from worker.ts). */
  workerUrl: URL;
  /** Where a worker that died is reported (it is replaced, and its query fails with 500). */
  logError?: (line: string) => void;
  /**
   * Nice steps below the process for the worker threads (Linux), so that the event loop
   * wins the CPU when searches keep every core busy. Default SEARCH_NICENESS.
   */
  niceness?: number;
}

/** Measured (bench/api-abuse.bench.mjs): without it, busy workers delay /healthz like any other CPU hog. */
export const SEARCH_NICENESS = 5;

interface Task {
  job: SearchJob;
  resolve(r: JobResult): void;
  reject(e: Error): void;
  /** Its request's client left before a worker took it: skipped. */
  dropped?: boolean;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  id: number;
}

export class SearchPool implements Searcher {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private head = 0;
  private seq = 0;
  private closed = false;
  private init: WorkerInit;
  /** Workers that died after start (each was replaced). */
  crashes = 0;
  /** Queries searched by the workers (dropped ones are not). */
  searched = 0;

  private constructor(private readonly o: PoolOptions) {
    this.init = { data: o.data, kind: o.kind, niceness: o.niceness ?? SEARCH_NICENESS, ...(o.nprobe === undefined ? {} : { nprobe: o.nprobe }) };
  }

  get threads(): number {
    return this.o.threads;
  }

  /** Queries waiting for a worker (not counting those being searched). */
  get queued(): number {
    return this.queue.length - this.head;
  }

  /** Starts the workers; resolves when every one has its index. An IVF index is built once, by the first. */
  static async start(o: PoolOptions): Promise<SearchPool> {
    if (!(o.threads >= 1)) throw new Error(`a search pool needs at least one thread, got ${o.threads}`);
    const pool = new SearchPool(o);
    try {
      const ivf = await pool.spawn();
      if (ivf) pool.init = { ...pool.init, ivf };
      await Promise.all(Array.from({ length: o.threads - 1 }, () => pool.spawn()));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  search(jobs: SearchJob[], signal?: AbortSignal): Promise<JobResult[]> {
    if (this.closed) return Promise.reject(new SearcherClosedError("the search pool is closed"));
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const tasks: Task[] = [];
    const answers = jobs.map((job) => new Promise<JobResult>((resolve, reject) => tasks.push({ job, resolve, reject })));
    this.queue.push(...tasks);
    // A client that leaves takes its waiting queries with it: no CPU for answers nobody reads.
    const drop = () => {
      for (const t of tasks) {
        t.dropped = true;
        t.reject(signal!.reason as Error);
      }
    };
    signal?.addEventListener("abort", drop, { once: true });
    this.dispatch();
    const all = Promise.all(answers);
    void all.then(
      () => signal?.removeEventListener("abort", drop),
      () => signal?.removeEventListener("abort", drop),
    );
    return all;
  }

  async close(): Promise<void> {
    this.closed = true;
    const err = new SearcherClosedError("the search pool is closed");
    for (const t of this.queue.splice(0).slice(this.head)) t.reject(err);
    this.head = 0;
    const slots = this.slots.splice(0);
    for (const s of slots) s.task?.reject(err);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** Starts one worker and resolves once its index is built (with the IVF lists, if it built them). */
  private spawn(): Promise<IvfParts | undefined> {
    const worker = new Worker(this.o.workerUrl, { workerData: this.init, name: "curator-search" });
    // The server keeps the process alive, not the pool: a test or script that forgets close() still exits.
    worker.unref();
    return new Promise((resolve, reject) => {
      const failedToStart = (e: unknown) => reject(new Error(`search worker did not start: ${e instanceof Error ? e.message : `exit code ${String(e)}`}`));
      worker.once("error", failedToStart);
      worker.once("exit", failedToStart);
      worker.once("message", (m: WorkerMessage) => {
        worker.off("error", failedToStart);
        worker.off("exit", failedToStart);
        if (m.type !== "ready") return reject(new Error(`search worker: unexpected first message ${m.type}`));
        if (this.closed) return void worker.terminate().then(() => resolve(undefined));
        const slot: Slot = { worker, task: null, id: 0 };
        this.slots.push(slot);
        worker.on("message", (r: WorkerMessage) => this.answered(slot, r));
        worker.on("error", (e) => this.o.logError?.(`search worker failed: ${e.message}`));
        worker.once("exit", (code) => this.died(slot, code));
        this.dispatch();
        resolve(m.ivf);
      });
    });
  }

  private answered(slot: Slot, m: WorkerMessage): void {
    const task = slot.task;
    if (!task || m.type === "ready" || m.id !== slot.id) return;
    slot.task = null;
    this.searched++;
    if (m.type === "error") task.reject(new Error(`search failed in a worker: ${m.message}`));
    else task.resolve({ hits: Array.from(m.indices, (index, i) => ({ index, score: m.scores[i]! })), ms: m.ms });
    this.dispatch();
  }

  /** A worker exited by itself (a crash, out of memory): its query fails, a new worker takes its place. */
  private died(slot: Slot, code: number): void {
    if (this.closed) return;
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    this.crashes++;
    this.o.logError?.(`search worker exited (code ${code}); starting another`);
    slot.task?.reject(new Error(`the search worker stopped (exit code ${code})`));
    this.spawn().catch((e: unknown) => {
      this.o.logError?.(e instanceof Error ? e.message : String(e));
      // With no worker left, nothing would ever answer the queue: fail it rather than hang.
      if (this.slots.length === 0) {
        const err = new SearcherClosedError("no search worker is running");
        for (const t of this.queue.splice(0).slice(this.head)) t.reject(err);
        this.head = 0;
      }
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (this.head < this.queue.length && this.queue[this.head]!.dropped) this.head++;
      if (slot.task || this.head >= this.queue.length) continue;
      const task = this.queue[this.head++]!;
      slot.task = task;
      slot.id = ++this.seq;
      const m: QueryMessage = { id: slot.id, query: task.job.query, k: task.job.k, filter: task.job.filter };
      slot.worker.postMessage(m);
    }
    // Compact the queue now and then instead of shift()ing it on every query.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
