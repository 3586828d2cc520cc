// The catalog as the handler sees it: loaded and indexed in the background so the
// server can answer /healthz (and say "not ready") at once; product images load
// separately because search does not need them. Searches run on a pool of worker
// threads that share the catalog's memory (Node server), or inline (Lambda).
//
// What went wrong while loading is told twice: in full to the server log, and to clients
// (/readyz, the image route) in words without any server path or file system detail.
import type { EmbedderRef, Product } from "./contract";
import { DatasetError, loadProductImages, type ProductImages } from "./catalog/dataset";
import { CatalogError, loadCatalog, type CatalogManifest } from "./catalog/load";
import { describeProduct, parseProductId } from "./catalog/products";
import { buildIndex, indexData, type IndexData, type IndexKind } from "./search/index";
import { SearchPool } from "./search/pool";
import { InlineSearcher, type Searcher } from "./search/searcher";
import { shareIndexData } from "./search/shared";
import { LanceSearcher } from "./lance/searcher";
import { LanceCatalog, SHARDS, shardLabel } from "./lance/catalog";
import { DEFAULT_TUNING, tableName, type LanceLocation, type QueryTuning } from "./lance/table";
import { loadTextEncoder, TextModelError, type TextEncoderModel } from "./text/encoder";

/**
 * Which engine answers searches. "lance": the catalog's Lance table (api/lance), the
 * catalog of record. "memory": the in-process exact/IVF index over the int8 file — kept as
 * the fast path for small catalogs, where it measured faster (api/README.md "Catalog
 * engine"). "auto" (default): memory up to FAST_PATH_MAX_PRODUCTS, Lance above.
 */
export type Engine = "auto" | "memory" | "lance";
/** Measured: at 60,000 products the in-memory IVF answers ~4x faster than Lance, with no index to build. */
export const FAST_PATH_MAX_PRODUCTS = 100_000;

export interface ServiceOptions {
  catalogDir: string;
  datasetDir: string;
  index: IndexKind;
  nprobe?: number;
  /** Worker threads that run the searches; 0 or absent: on the calling thread. */
  searchThreads?: number;
  /** The worker entry, needed when searchThreads > 0 (dist-api/search-worker.mjs). */
  searchWorker?: URL;
  /** Nice steps below the process for the search threads (Linux); default pool.ts SEARCH_NICENESS. */
  searchNiceness?: number;
  /** Where load failures go in full (message with paths); clients get them without. */
  logError?: (line: string) => void;
  /** Default "auto". */
  engine?: Engine;
  /** Where the Lance table is (default: the folder "lance" in catalogDir), and query tuning. */
  lance?: LanceLocation & { tuning?: Partial<QueryTuning> };
  /** The text encoder's folder (text-encoder.json + weights); absent: search by words is unavailable. */
  textModelDir?: string;
}

export interface ReadyCatalog {
  manifest: CatalogManifest;
  embedder: EmbedderRef;
  data: IndexData;
  labels: Uint8Array;
  indexKind: IndexKind | "lance";
  searcher: Searcher;
}

/** `reason` is for clients: it names no path. */
export type CatalogState = { status: "loading" } | { status: "failed"; reason: string } | ({ status: "ready" } & ReadyCatalog);
export type TextState = { status: "loading" } | { status: "unavailable"; reason: string } | { status: "available"; model: TextEncoderModel };
export type ImagesState = { status: "loading" } | { status: "unavailable"; reason: string } | { status: "available"; images: ProductImages };

const CATALOG_PROBLEMS: Record<CatalogError["kind"], string> = {
  missing: "the catalog files (catalog.json and the vector file it names) were not found; build them with api/catalog/build.mjs",
  bad_manifest: "the catalog manifest catalog.json is not valid",
  size_mismatch: "the catalog's vector file does not have the size catalog.json says",
  checksum_mismatch: "the catalog's vector file does not match the sha256 in catalog.json",
  bad_labels: "the catalog's vector file holds an unknown class label",
};

const DATASET_PROBLEMS: Record<DatasetError["kind"], string> = {
  missing: "the Fashion-MNIST files were not found (set FASHION_MNIST_DIR)",
  mismatch: "the Fashion-MNIST files differ from the ones the catalog was built from (sha256)",
  invalid: "the Fashion-MNIST image file is not valid",
};

/** The catalog's Lance table is missing, unreadable or from another build. */
export class LanceTableError extends Error {
  override name = "LanceTableError";
}

function publicCatalogReason(e: unknown): string {
  if (e instanceof LanceTableError)
    return "the catalog's Lance table was not found or does not match catalog.json; build it with api/catalog/build.mjs (or node dist-api/lance-build.mjs)";
  return e instanceof CatalogError ? CATALOG_PROBLEMS[e.kind] : "the catalog could not be loaded";
}

function publicDatasetReason(e: unknown): string {
  return e instanceof DatasetError ? DATASET_PROBLEMS[e.kind] : "the Fashion-MNIST files could not be read";
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class CatalogService {
  state: CatalogState = { status: "loading" };
  images: ImagesState = { status: "loading" };
  text: TextState = { status: "loading" };
  /** Settles when the catalog is ready or has failed (never rejects). */
  readonly ready: Promise<void>;
  private closed = false;

  constructor(readonly options: ServiceOptions) {
    this.ready = this.load();
  }

  private log(line: string): void {
    (this.options.logError ?? ((l: string) => console.error(l)))(line);
  }

  private async load(): Promise<void> {
    try {
      const catalog = await loadCatalog(this.options.catalogDir);
      const { manifest } = catalog;
      // Images in parallel with index building; their failure only disables image routes.
      const images = loadProductImages(this.options.datasetDir, manifest).then(
        (images) => void (this.images = { status: "available", images }),
        (e: unknown) => {
          this.log(`product images unavailable: ${messageOf(e)}`);
          this.images = { status: "unavailable", reason: publicDatasetReason(e) };
        },
      );
      const text = this.loadText(manifest.embedder);
      const searcher = this.usesLance(manifest.count) ? await this.lanceSearcher(indexData(catalog), manifest.sha256) : await this.searcher(indexData(catalog));
      if (this.closed) {
        await searcher.searcher.close();
        return;
      }
      const embedder = { name: manifest.embedder.name, version: manifest.embedder.version };
      this.state = {
        status: "ready",
        manifest,
        embedder,
        data: searcher.data,
        labels: searcher.data.labels,
        indexKind: searcher.searcher instanceof LanceSearcher ? "lance" : this.options.index,
        searcher: searcher.searcher,
      };
      await Promise.all([images, text]);
    } catch (e) {
      this.log(`catalog not loaded: ${messageOf(e)}`);
      this.state = { status: "failed", reason: publicCatalogReason(e) };
      this.images = { status: "unavailable", reason: "the catalog did not load" };
      if (this.text.status === "loading") this.text = { status: "unavailable", reason: "the catalog did not load" };
    }
  }

  private usesLance(count: number): boolean {
    const engine = this.options.engine ?? "auto";
    return engine === "lance" || (engine === "auto" && count > FAST_PATH_MAX_PRODUCTS);
  }

  /** The Lance catalog (its shard tables) built from this very catalog file (the names carry the file's sha256). */
  private async lanceSearcher(data: IndexData, sha256: string): Promise<{ data: IndexData; searcher: Searcher }> {
    const { tuning, ...loc } = this.options.lance ?? { uri: `${this.options.catalogDir}/lance` };
    const name = tableName(sha256);
    let catalog: LanceCatalog;
    try {
      catalog = await LanceCatalog.open(loc, name, { ...DEFAULT_TUNING, ...tuning });
    } catch (e) {
      throw new LanceTableError(`Lance table ${name} at ${loc.uri}: ${messageOf(e)}`);
    }
    // Every shard must hold exactly the catalog's products of its category and gender: an
    // unfinished or foreign build would silently miss products.
    const wrong = SHARDS.find((s) => catalog.rowsOf(s) !== data.facets.counts[s.category * 3 + s.gender]);
    if (wrong) {
      catalog.close();
      throw new LanceTableError(
        `Lance table ${name} shard ${shardLabel(wrong)} holds ${catalog.rowsOf(wrong)} rows, the catalog ${data.facets.counts[wrong.category * 3 + wrong.gender]}`,
      );
    }
    if (catalog.whole && catalog.whole.rows !== data.count) {
      catalog.close();
      throw new LanceTableError(
        `Lance table ${name} (the whole catalog, for searches without a category) holds ${catalog.whole.rows} rows, the catalog ${data.count}`,
      );
    }
    return { data, searcher: new LanceSearcher(catalog) };
  }

  /** The text encoder, if it was trained against this catalog's embedder (else its vectors would point nowhere). */
  private async loadText(embedder: { name: string; version: number }): Promise<void> {
    const dir = this.options.textModelDir;
    if (!dir) {
      this.text = { status: "unavailable", reason: "this server has no text encoder configured" };
      return;
    }
    try {
      const model = await loadTextEncoder(dir);
      const space = model.meta.imageSpace.embedder;
      if (space.name !== embedder.name || space.version !== embedder.version) {
        this.log(
          `text encoder ${model.ref} was trained for ${space.name} v${space.version}, the catalog uses ${embedder.name} v${embedder.version}: retrain it (api/text/train.py)`,
        );
        this.text = { status: "unavailable", reason: "the text encoder was trained for another embedder than the catalog's" };
        return;
      }
      this.text = { status: "available", model };
    } catch (e) {
      this.log(`text encoder unavailable: ${messageOf(e)}`);
      this.text = {
        status: "unavailable",
        reason: e instanceof TextModelError ? "the text encoder files were not found or are damaged" : "the text encoder could not be loaded",
      };
    }
  }

  private async searcher(data: IndexData): Promise<{ data: IndexData; searcher: Searcher }> {
    const { index, nprobe, searchThreads = 0, searchWorker, searchNiceness } = this.options;
    if (searchThreads <= 0) return { data, searcher: new InlineSearcher(buildIndex(index, data, nprobe === undefined ? {} : { nprobe })) };
    if (!searchWorker) throw new Error("searchThreads > 0 needs searchWorker (the URL of dist-api/search-worker.mjs)");
    // One copy of the catalog for every thread (the loader's own buffer is then garbage).
    const shared = shareIndexData(data);
    const pool = await SearchPool.start({
      data: shared,
      kind: index,
      ...(nprobe === undefined ? {} : { nprobe }),
      ...(searchNiceness === undefined ? {} : { niceness: searchNiceness }),
      threads: searchThreads,
      workerUrl: searchWorker,
      logError: (l) => this.log(l),
    });
    return { data: shared, searcher: pool };
  }

  /** Stops the search workers (after the server has stopped taking requests). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.state.status === "ready") await this.state.searcher.close();
  }

  /** The product for an id of this catalog, or null (unknown id, other split, out of range). */
  product(id: string): { product: Product; index: number } | null {
    if (this.state.status !== "ready") return null;
    const parsed = parseProductId(id);
    const { manifest, labels } = this.state;
    if (!parsed || parsed.split !== manifest.dataset.split || parsed.index >= manifest.count) return null;
    return { product: describeProduct(parsed.split, parsed.index, labels[parsed.index]!), index: parsed.index };
  }
}
