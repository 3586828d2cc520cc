// The Searcher of the Lance catalog: the handler's searches, answered by LanceDB. Its native
// threads do the work, so the event loop only awaits; queries of a batch run together.
// The searcher does not know whether the catalog is sharded (LanceCatalog) or one table.
import { SearcherClosedError, type JobResult, type SearchJob, type Searcher } from "../search/searcher";
import type { LanceCatalog } from "./catalog";
import type { LanceCatalogTable } from "./table";

type Searchable = Pick<LanceCatalog | LanceCatalogTable, "search" | "close">;

export class LanceSearcher implements Searcher {
  readonly threads = 0;
  private closed = false;

  constructor(readonly table: Searchable) {}

  async search(jobs: SearchJob[], signal?: AbortSignal): Promise<JobResult[]> {
    if (this.closed) throw new SearcherClosedError("the catalog is closed");
    return Promise.all(
      jobs.map(async (j) => {
        signal?.throwIfAborted();
        const t = performance.now();
        const hits = await this.table.search(j.query, j.k, j.filter);
        return { hits, ms: performance.now() - t };
      }),
    );
  }

  close(): Promise<void> {
    if (!this.closed) this.table.close();
    this.closed = true;
    return Promise.resolve();
  }
}
