import type { FaceAnalysis } from "@ml/face-client";
import type { FaceShape } from "@domain/face/shape";
import type { Neckline } from "@domain/wardrobe/types";

/** What to tell the user when a photo cannot be measured, and what to do about it. */
export function problemMessage(result: FaceAnalysis): { title: string; hint: string } | null {
  switch (result.status) {
    case "ok":
    case "cancelled":
      return null;
    case "no-face":
      return {
        title: "No face found in this photo.",
        hint: "Use a photo where your whole face is visible and fairly close, facing the camera, in good light.",
      };
    case "multiple-faces":
      return {
        title: `More than one face in this photo (${result.faces.length} found).`,
        hint: "Choose a photo with only you in it, or crop it to your face.",
      };
    case "too-small":
      return {
        title: "Your face is too small in this photo to measure.",
        hint: `It is about ${Math.round(result.faceWidthPx)} pixels wide; at least ${result.minFaceWidthPx} are needed. Move closer or crop the photo to your face.`,
      };
    case "turned": {
      const side = Math.abs(result.pose.yaw) > result.maxYaw;
      const angle = Math.round(Math.abs(side ? result.pose.yaw : result.pose.pitch));
      return {
        title: side ? `Your head is turned too far to the side (about ${angle}°).` : `Your head is tilted too far up or down (about ${angle}°).`,
        hint: "Look straight into the camera, with your chin level, and try again.",
      };
    }
  }
}

export const SHAPE_NAMES: Record<FaceShape, string> = {
  oval: "Oval",
  round: "Round",
  square: "Square",
  heart: "Heart",
  oblong: "Oblong",
  diamond: "Diamond",
  triangle: "Triangle (pear)",
};

export const SHAPE_SUMMARIES: Record<FaceShape, string> = {
  oval: "Longer than wide, forehead a little wider than the jaw, softly rounded jaw.",
  round: "About as long as wide, full cheeks, soft jaw.",
  square: "About as long as wide, with forehead, cheekbones and jaw of similar width and an angular jaw.",
  heart: "Widest at the forehead, tapering to a narrow chin.",
  oblong: "Clearly longer than wide, with similar widths top to bottom.",
  diamond: "Widest at the cheekbones, with a narrower forehead and jaw.",
  triangle: "Widest at the jaw, with a narrower forehead.",
};

const NECKLINE_NAMES: Partial<Record<Neckline, string>> = { "v-neck": "V-neck", "off-shoulder": "Off-shoulder" };

export function necklineName(n: Neckline): string {
  return NECKLINE_NAMES[n] ?? n.charAt(0).toUpperCase() + n.slice(1);
}
