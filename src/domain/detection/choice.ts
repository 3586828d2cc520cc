/**
 * Which garment detector a build can use (models/DETECTION.md): the registry champion
 * named `garment-detector` (the build's virtual:curator-models lists champions by name, as
 * it does the classifier and the embedder), and only with its `postprocess` numbers.
 * Shared by the vision worker and its client, so the app knows without starting a worker
 * that there is none (today) and then behaves exactly as before detection.
 */
import type { Postprocess } from "./decode";

export const DETECTOR_NAME = "garment-detector";

interface Champion {
  name: string;
  version: number;
  postprocess?: Postprocess | null;
}

export type DetectorChoice<M> = { info: M; reason: null } | { info: null; reason: string };

export function usableDetector<M extends Champion>(models: readonly M[]): DetectorChoice<M & { postprocess: Postprocess }> {
  const info = models.find((m) => m.name === DETECTOR_NAME);
  if (!info) return { info: null, reason: "No garment detector is registered in this build." };
  if (!info.postprocess) return { info: null, reason: `The registered detector v${info.version} has no post-processing numbers (registry "postprocess").` };
  return { info: info as M & { postprocess: Postprocess }, reason: null };
}
