import type { HeadPose } from "./frame";
import type { FaceMeasurements } from "./measure";

/**
 * Whether a detected face can be measured reliably. The shape rules compare widths that
 * differ by only ~5–10 % between neighbouring shapes, so a face must be large enough
 * and close enough to frontal for those differences to be real.
 */

/**
 * Minimum cheekbone-to-cheekbone width in image pixels. At 80 px one pixel of landmark
 * error moves a width ratio by ~1.3 %, well inside the ~5 % steps between shapes; the
 * mesh model itself works on a 192-px crop of ~1.5 face widths (≈130 px per face
 * width), so smaller faces are up-scaled and their outline is guessed.
 */
export const MIN_FACE_WIDTH_PX = 80;

/**
 * Head turn limits (degrees). At 20° of yaw the far cheek's outline is already hidden
 * behind the cheekbone and the mesh extrapolates it; a nod of 25° changes the apparent
 * face length by ~10 % (1 − cos 25°), which is the gap between oval and oblong.
 */
export const MAX_YAW_DEG = 20;
export const MAX_PITCH_DEG = 25;

export type FaceQuality = { ok: true } | { ok: false; problem: "too-small"; faceWidthPx: number } | { ok: false; problem: "turned"; pose: HeadPose };

export function checkFaceQuality(m: FaceMeasurements): FaceQuality {
  if (m.cheekboneWidth < MIN_FACE_WIDTH_PX) {
    return { ok: false, problem: "too-small", faceWidthPx: m.cheekboneWidth };
  }
  if (Math.abs(m.pose.yaw) > MAX_YAW_DEG || Math.abs(m.pose.pitch) > MAX_PITCH_DEG) {
    return { ok: false, problem: "turned", pose: m.pose };
  }
  return { ok: true };
}
