import type { FaceShape } from "./shape";
import type { FaceOutline } from "./synthetic-face";

/**
 * One synthetic face per shape, written from the stylists' descriptions (not from the
 * classifier's prototypes), in cheekbone-width units with the cheekbones at height 0.
 * Lengths are top-of-mesh (mid-forehead) to chin: an average face is ~1.2.
 */
export const SYNTHETIC_SHAPES: Record<FaceShape, FaceOutline> = {
  // Average proportions: forehead a little wider than the jaw, jaw corner mid-way down.
  oval: { top: 0.59, chin: 0.61, foreheadWidth: 0.88, foreheadHeight: 0.42, jawWidth: 0.78, jawCornerDrop: 0.39 },
  // As long as wide, full cheeks, jaw corner high and soft.
  round: { top: 0.5, chin: 0.54, foreheadWidth: 0.88, foreheadHeight: 0.38, jawWidth: 0.82, jawCornerDrop: 0.33 },
  // As long as wide; forehead, cheekbones and jaw alike; low, wide jaw corner.
  square: { top: 0.51, chin: 0.55, foreheadWidth: 0.92, foreheadHeight: 0.38, jawWidth: 0.9, jawCornerDrop: 0.42 },
  // Wide forehead tapering to a narrow, pointed chin.
  heart: { top: 0.56, chin: 0.62, foreheadWidth: 0.94, foreheadHeight: 0.4, jawWidth: 0.7, jawCornerDrop: 0.36 },
  // Clearly long, widths similar.
  oblong: { top: 0.68, chin: 0.72, foreheadWidth: 0.88, foreheadHeight: 0.48, jawWidth: 0.84, jawCornerDrop: 0.48 },
  // Cheekbones clearly widest; narrow forehead and narrow jaw.
  diamond: { top: 0.61, chin: 0.63, foreheadWidth: 0.76, foreheadHeight: 0.43, jawWidth: 0.72, jawCornerDrop: 0.38 },
  // Jaw widest, narrow forehead.
  triangle: { top: 0.54, chin: 0.58, foreheadWidth: 0.78, foreheadHeight: 0.4, jawWidth: 0.92, jawCornerDrop: 0.4 },
};
