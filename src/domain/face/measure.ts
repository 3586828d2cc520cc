import { angleAt, faceFrame, headPose, type HeadPose, toPlane } from "./frame";
import { assertFaceMesh, type Landmark, MESH, point } from "./landmarks";

/**
 * The measurements a stylist takes with a tape (face length; forehead, cheekbone and jaw
 * widths; how sharp the jaw corner is), taken on the face mesh in the face-aligned frame.
 * Lengths are in image pixels; ratios are what the shape rules use, because they do not
 * change with distance to the camera or photo size.
 */
export interface FaceMeasurements {
  /** Mesh top (mid-forehead) to chin. */
  faceLength: number;
  foreheadWidth: number;
  cheekboneWidth: number;
  jawWidth: number;
  /** Angle at the jaw corners between the line up to the cheekbone and the line to the chin, both sides averaged. */
  jawAngle: number;
  ratios: {
    /** faceLength / cheekboneWidth. */
    lengthToWidth: number;
    foreheadToCheekbone: number;
    jawToCheekbone: number;
  };
  pose: HeadPose;
  /** Segment ends in image coordinates, to draw the measurements on the photo. */
  lines: MeasurementLines;
}

export interface ImagePoint {
  x: number;
  y: number;
}

export interface MeasurementLines {
  length: [ImagePoint, ImagePoint];
  forehead: [ImagePoint, ImagePoint];
  cheekbones: [ImagePoint, ImagePoint];
  jaw: [ImagePoint, ImagePoint];
  /** The two jaw-angle corners: [cheekbone, jaw corner, chin] on each side. */
  jawAngleRight: [ImagePoint, ImagePoint, ImagePoint];
  jawAngleLeft: [ImagePoint, ImagePoint, ImagePoint];
}

const xy = (p: Landmark): ImagePoint => ({ x: p.x, y: p.y });

export function measureFace(points: readonly Landmark[]): FaceMeasurements {
  assertFaceMesh(points);
  const frame = faceFrame(points);
  const at = (i: number) => toPlane(frame, point(points, i));

  const top = at(MESH.foreheadTop);
  const chin = at(MESH.chin);
  const cheekR = at(MESH.cheekRight);
  const cheekL = at(MESH.cheekLeft);
  const jawR = at(MESH.jawRight);
  const jawL = at(MESH.jawLeft);

  // Widths are horizontal in the face frame (a tape held level across the face), so an
  // uneven hairline or a slightly off-centre chin does not inflate them.
  const faceLength = chin.v - top.v;
  const cheekboneWidth = cheekL.u - cheekR.u;
  const foreheadWidth = at(MESH.foreheadLeft).u - at(MESH.foreheadRight).u;
  const jawWidth = jawL.u - jawR.u;
  const jawAngle = (angleAt(jawR, cheekR, chin) + angleAt(jawL, cheekL, chin)) / 2;

  if (!(faceLength > 0 && cheekboneWidth > 0 && foreheadWidth > 0 && jawWidth > 0)) {
    throw new RangeError("The face mesh is folded over (a width or the length is not positive).");
  }

  const p = (i: number) => xy(point(points, i));
  return {
    faceLength,
    foreheadWidth,
    cheekboneWidth,
    jawWidth,
    jawAngle,
    ratios: {
      lengthToWidth: faceLength / cheekboneWidth,
      foreheadToCheekbone: foreheadWidth / cheekboneWidth,
      jawToCheekbone: jawWidth / cheekboneWidth,
    },
    pose: headPose(frame),
    lines: {
      length: [p(MESH.foreheadTop), p(MESH.chin)],
      forehead: [p(MESH.foreheadRight), p(MESH.foreheadLeft)],
      cheekbones: [p(MESH.cheekRight), p(MESH.cheekLeft)],
      jaw: [p(MESH.jawRight), p(MESH.jawLeft)],
      jawAngleRight: [p(MESH.cheekRight), p(MESH.jawRight), p(MESH.chin)],
      jawAngleLeft: [p(MESH.cheekLeft), p(MESH.jawLeft), p(MESH.chin)],
    },
  };
}
