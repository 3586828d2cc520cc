import { FACE_MODEL_DIR, FACE_MODEL_FILES, TFJS_WASM_DIR, TFJS_WASM_FILES } from "./model-files";

/**
 * Whether every file the face worker needs is in the service worker's caches, i.e. face
 * analysis will work with no network. Workbox may add a revision query to cache keys,
 * hence ignoreSearch. Without Cache Storage (private modes, old browsers) the answer is
 * false: we cannot promise offline use.
 */
export async function faceModelsAvailableOffline(): Promise<boolean> {
  if (typeof caches === "undefined") return false;
  const base = new URL(import.meta.env.BASE_URL, self.location.origin);
  const paths = [...FACE_MODEL_FILES.map((f) => FACE_MODEL_DIR + f), ...TFJS_WASM_FILES.map((f) => TFJS_WASM_DIR + f)];
  try {
    const hits = await Promise.all(paths.map((p) => caches.match(new URL(p, base).href, { ignoreSearch: true })));
    return hits.every((r) => r !== undefined);
  } catch {
    return false;
  }
}
