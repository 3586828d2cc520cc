// Messages between the search pool (main thread) and its workers (worker.ts).
import type { Filter } from "./facets";
import type { IvfParts } from "./ivf";
import type { IndexData, IndexKind } from "./types";

/** workerData: the catalog in SharedArrayBuffers, and the IVF lists once one worker has built them. */
export interface WorkerInit {
  data: IndexData;
  kind: IndexKind;
  nprobe?: number;
  ivf?: IvfParts;
  /** How much lower than the process the worker thread's CPU priority is (nice steps; Linux). */
  niceness?: number;
}

export interface QueryMessage {
  id: number;
  query: Float32Array;
  k: number;
  filter: Filter;
}

export type WorkerMessage =
  /** Index ready; `ivf` when this worker built the IVF lists (shared, for the other workers). */
  | { type: "ready"; ivf?: IvfParts }
  | { type: "result"; id: number; indices: Int32Array; scores: Float64Array; ms: number }
  | { type: "error"; id: number; message: string };
