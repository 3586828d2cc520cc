declare module "virtual:curator-models" {
  import type { ModelInfo } from "./modelInfo";
  const models: ModelInfo[];
  export default models;
}

declare module "virtual:curator-packs" {
  /** A file a capability fetches on first need (tools/vite-offline-packs.ts). */
  interface PackFile {
    path: string;
    sha256: string;
    bytes: number;
    gzipBytes: number;
  }
  const packs: { vision: PackFile[]; face: PackFile[] };
  export default packs;
}
