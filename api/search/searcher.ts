// How the handler runs searches: on its own thread (InlineSearcher: the Lambda adapter,
// where a container serves one request at a time) or on a pool of worker threads
// (pool.ts: the Node server, so a batch never holds up /healthz or other clients).
import type { Filter } from "./facets";
import type { Hit } from "./topk";
import type { SearchIndex } from "./types";

export interface SearchJob {
  /** Unit length. */
  query: Float32Array;
  k: number;
  filter: Filter;
}

export interface JobResult {
  hits: Hit[];
  /** Search time of this query alone (not its wait in the queue). */
  ms: number;
}

export interface Searcher {
  /** 0 for inline. */
  readonly threads: number;
  /** `signal`: the client left; queries not started yet are dropped (the promise rejects with an AbortError). */
  search(jobs: SearchJob[], signal?: AbortSignal): Promise<JobResult[]>;
  close(): Promise<void>;
}

/** The pool was closed (the server is stopping): not a bug, the client may retry elsewhere. */
export class SearcherClosedError extends Error {
  override name = "SearcherClosedError";
}

export class InlineSearcher implements Searcher {
  readonly threads = 0;
  constructor(private readonly index: SearchIndex) {}

  search(jobs: SearchJob[]): Promise<JobResult[]> {
    return Promise.resolve(
      jobs.map((j) => {
        const t = performance.now();
        const hits = this.index.search(j.query, j.k, j.filter);
        return { hits, ms: performance.now() - t };
      }),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
