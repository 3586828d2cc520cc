import type { Landmark } from "@domain/face/landmarks";
import type { FaceMeasurements } from "@domain/face/measure";
import type { HeadPose } from "@domain/face/frame";
import type { FaceShapeResult } from "@domain/face/shape";
import type { PersonalColouring } from "@domain/face/colouring";

/** What the face worker sends back: plain, structured-cloneable data only. */

export type LoadStage = "runtime" | "detector" | "landmarks" | "ready";

export interface LoadProgress {
  stage: LoadStage;
  /** 0–1 over the whole download + start-up. */
  fraction: number;
}

export interface EngineInfo {
  backend: string;
  simd: boolean;
  loadMs: number;
}

export interface FaceBox {
  xMin: number;
  yMin: number;
  width: number;
  height: number;
}

export interface DetectedFace {
  /** 468 mesh points in the analysed image's pixels. */
  landmarks: Landmark[];
  box: FaceBox;
}

export interface Timings {
  /** Image → tensor. */
  decodeMs: number;
  /** Face detection + landmarks (all passes). */
  landmarksMs: number;
  /** Measurements, checks and shape rules. */
  shapeMs: number;
  totalMs: number;
  /** True when the whole-image pass found nothing and the image was searched in tiles. */
  tiled: boolean;
}

interface Base {
  image: { width: number; height: number };
  timings: Timings;
}

export type FaceResult =
  | (Base & {
      status: "ok";
      face: DetectedFace;
      measurements: FaceMeasurements;
      shape: FaceShapeResult;
      /** Skin, hair and eyes → the seasonal palette; null when the colours could not be read (the face at the picture's edge). */
      colouring: PersonalColouring | null;
    })
  | (Base & { status: "no-face" })
  | (Base & { status: "multiple-faces"; faces: DetectedFace[] })
  | (Base & { status: "too-small"; face: DetectedFace; faceWidthPx: number; minFaceWidthPx: number })
  | (Base & { status: "turned"; face: DetectedFace; pose: HeadPose; maxYaw: number; maxPitch: number })
  | (Base & { status: "cancelled" });

export type FaceStatus = FaceResult["status"];
