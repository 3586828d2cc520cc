export const CLOUDFRONT_MIN_BYTES: number;
export const CLOUDFRONT_MAX_BYTES: number;
export const QUALITY: number;
export const MIN_SAVING: number;
export const MANIFEST: string;
export const CLOUDFRONT_COMPRESSIBLE: Set<string>;
export function contentTypeOf(path: string): string;
export function cloudFrontCompresses(path: string, bytes: number): boolean;
export function needsDecision(path: string, bytes: number): boolean;
export function buildFiles(appDir: string): string[];
export function sha256(data: Uint8Array | string): string;
export function defaultStore(repo: string): string;
export function defaultOutDir(appDir: string): string;
export function groupDir(contentType: string): string;

export interface PlanEntry {
  key: string;
  contentType: string;
  bytes: number;
  sha256: string;
  /** The Brotli copy in the store, or null: sent as is (Brotli saves too little). */
  brotli: { path: string; bytes: number } | null;
}
export interface PrecompressOptions {
  store: string;
  quality?: number;
  log?: (message: string) => void;
}
export function plan(appDir: string, options: PrecompressOptions): Promise<PlanEntry[]>;

export interface ManifestFile {
  key: string;
  contentType: string;
  bytes: number;
  sha256: string;
  brotliBytes: number | null;
  /** The folder under the output (one per content type) holding the copy at `key`. */
  dir?: string;
}
export interface Manifest {
  about: string;
  quality: number;
  files: ManifestFile[];
}
export function precompress(appDir: string, options: PrecompressOptions & { outDir?: string }): Promise<Manifest>;
export function readPrecompressed(appDir: string, outDir?: string): Manifest;
export class StalePrecompressError extends Error {}
