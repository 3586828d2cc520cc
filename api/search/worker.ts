// A search worker thread (dist-api/search-worker.mjs): builds its index over the shared
// catalog (IVF: builds the lists itself when it is the first, else takes them ready-made),
// then answers one query per message. Started by pool.ts.
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { ExactIndex } from "./exact";
import { IvfIndex, type IvfParts } from "./ivf";
import type { QueryMessage, WorkerInit, WorkerMessage } from "./protocol";
import { shareIvfParts } from "./shared";
import type { SearchIndex } from "./types";

const port = parentPort;
if (!port) throw new Error("api/search/worker.ts runs as a worker thread (see pool.ts)");
const init = workerData as WorkerInit;

/**
 * Searches give way to the event loop: on Linux a thread has its own nice value, so this
 * thread lowers its own priority and the main thread (/healthz, parsing, refusals) gets a
 * core first when both want one. Elsewhere (or if refused) searches keep the process's.
 */
function yieldToEventLoop(by: number): void {
  if (by <= 0 || process.platform !== "linux") return;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    setPriority(tid, Math.min(19, getPriority(tid) + by));
  } catch {
    // No /proc or no permission: not needed for correctness.
  }
}
yieldToEventLoop(init.niceness ?? 0);

let index: SearchIndex;
let built: IvfParts | undefined;
if (init.kind === "ivf" && init.ivf) {
  index = IvfIndex.fromParts(init.data, init.ivf);
} else if (init.kind === "ivf") {
  // Built here, off the main thread (seconds of k-means), then moved into shared memory
  // so this worker and the others search the same single copy.
  built = shareIvfParts(IvfIndex.build(init.data, init.nprobe === undefined ? {} : { nprobe: init.nprobe }).parts());
  index = IvfIndex.fromParts(init.data, built);
} else {
  index = new ExactIndex(init.data);
}

const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on("message", (m: QueryMessage) => {
  try {
    const t = performance.now();
    const hits = index.search(m.query, m.k, m.filter);
    const ms = performance.now() - t;
    const indices = Int32Array.from(hits, (h) => h.index);
    const scores = Float64Array.from(hits, (h) => h.score);
    send({ type: "result", id: m.id, indices, scores, ms }, [indices.buffer, scores.buffer]);
  } catch (e) {
    send({ type: "error", id: m.id, message: e instanceof Error ? e.message : String(e) });
  }
});
send(built ? { type: "ready", ivf: built } : { type: "ready" });
