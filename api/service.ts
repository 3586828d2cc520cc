// The catalog as the handler sees it: loaded and indexed in the background so the
// server can answer /healthz (and say "not ready") at once; product images load
// separately because search does not need them.
import type { EmbedderRef, Product } from "./contract";
import { loadProductImages, type ProductImages } from "./catalog/dataset";
import { loadCatalog, type CatalogManifest } from "./catalog/load";
import { describeProduct, parseProductId } from "./catalog/products";
import { buildIndex, indexData, type IndexData, type IndexKind, type SearchIndex } from "./search/index";

export interface ServiceOptions {
  catalogDir: string;
  datasetDir: string;
  index: IndexKind;
  nprobe?: number;
}

export interface ReadyCatalog {
  manifest: CatalogManifest;
  embedder: EmbedderRef;
  data: IndexData;
  labels: Uint8Array;
  index: SearchIndex;
}

export type CatalogState = { status: "loading" } | { status: "failed"; reason: string } | ({ status: "ready" } & ReadyCatalog);
export type ImagesState = { status: "loading" } | { status: "unavailable"; reason: string } | { status: "available"; images: ProductImages };

export class CatalogService {
  state: CatalogState = { status: "loading" };
  images: ImagesState = { status: "loading" };
  /** Settles when the catalog is ready or has failed (never rejects). */
  readonly ready: Promise<void>;

  constructor(readonly options: ServiceOptions) {
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    try {
      const catalog = await loadCatalog(this.options.catalogDir);
      const { manifest } = catalog;
      // Images in parallel with index building; their failure only disables image routes.
      const images = loadProductImages(this.options.datasetDir, manifest).then(
        (images) => void (this.images = { status: "available", images }),
        (e: unknown) => void (this.images = { status: "unavailable", reason: e instanceof Error ? e.message : String(e) }),
      );
      const data = indexData(catalog);
      const index = buildIndex(this.options.index, data, this.options.nprobe === undefined ? {} : { nprobe: this.options.nprobe });
      const embedder = { name: manifest.embedder.name, version: manifest.embedder.version };
      this.state = { status: "ready", manifest, embedder, data, labels: catalog.labels, index };
      await images;
    } catch (e) {
      this.state = { status: "failed", reason: e instanceof Error ? e.message : String(e) };
      this.images = { status: "unavailable", reason: "the catalog did not load" };
    }
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
