import { useId } from "react";
import { FACE_OVAL } from "@domain/face/landmarks";
import type { FaceMeasurements, ImagePoint } from "@domain/face/measure";
import type { DetectedFace, FaceBox } from "@workers/face/types";

/**
 * The photo with what was measured drawn on it, as SVG over the photo itself (the
 * <image> lives inside the SVG, so the overlay can never drift from the picture at any
 * screen size). With a measured face the view is cropped to that face; otherwise the
 * whole photo is shown with a frame around each face found.
 */

export const MEASURE_COLOURS = {
  length: "#f5b942",
  forehead: "#4fc3f7",
  cheekbones: "#ff6f61",
  jaw: "#7bd67f",
  jawAngle: "#d6a3e8",
} as const;

interface Props {
  photoUrl: string;
  image: { width: number; height: number };
  faces: DetectedFace[];
  measurements?: FaceMeasurements;
  /** Accessible description of the picture. */
  label: string;
}

type View = { x: number; y: number; w: number; h: number };

/** The face box grown by `margin` on each side, kept inside the image. */
function cropAround(box: FaceBox, image: { width: number; height: number }, margin: number): View {
  const side = Math.max(box.width, box.height) * (1 + 2 * margin);
  const w = Math.min(image.width, side);
  const h = Math.min(image.height, side * 1.1);
  const cx = box.xMin + box.width / 2;
  const cy = box.yMin + box.height / 2;
  const x = Math.min(Math.max(0, cx - w / 2), image.width - w);
  const y = Math.min(Math.max(0, cy - h / 2), image.height - h);
  return { x, y, w, h };
}

const pts = (ps: ImagePoint[]) => ps.map((p) => `${p.x},${p.y}`).join(" ");

function Tag({ at, text, colour, size }: { at: ImagePoint; text: string; colour: string; size: number }) {
  return (
    <g transform={`translate(${at.x} ${at.y})`}>
      <circle r={size * 0.75} fill={colour} stroke="#1f2a44" strokeWidth={size * 0.08} />
      <text textAnchor="middle" dominantBaseline="central" fontSize={size} fontWeight={700} fill="#1f2a44">
        {text}
      </text>
    </g>
  );
}

export function FaceOverlay({ photoUrl, image, faces, measurements, label }: Props) {
  const titleId = useId();
  const [first] = faces;
  const view: View = measurements && first ? cropAround(first.box, image, 0.28) : { x: 0, y: 0, w: image.width, h: image.height };
  const unit = view.w / 100; // sizes below are in hundredths of the view's width
  const line = { vectorEffect: "non-scaling-stroke" as const, strokeWidth: 2.5, strokeLinecap: "round" as const };
  const m = measurements?.lines;

  return (
    <svg className="face-overlay" viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`} role="img" aria-labelledby={titleId} data-testid="face-overlay">
      <title id={titleId}>{label}</title>
      <image href={photoUrl} x={0} y={0} width={image.width} height={image.height} preserveAspectRatio="none" />
      {measurements && first && m ? (
        <g>
          <g fill="rgba(255,255,255,0.55)" data-testid="mesh-points">
            {first.landmarks.map((p, i) => (
              <circle key={i} cx={p.x} cy={p.y} r={unit * 0.28} />
            ))}
          </g>
          <polygon
            points={pts(FACE_OVAL.map((i) => first.landmarks[i] ?? { x: 0, y: 0 }))}
            fill="none"
            stroke="rgba(255,255,255,0.9)"
            strokeDasharray="4 3"
            {...line}
            strokeWidth={1.5}
          />
          <polyline points={pts(m.jawAngleRight)} fill="none" stroke={MEASURE_COLOURS.jawAngle} {...line} />
          <polyline points={pts(m.jawAngleLeft)} fill="none" stroke={MEASURE_COLOURS.jawAngle} {...line} />
          <polyline points={pts(m.length)} stroke={MEASURE_COLOURS.length} {...line} />
          <polyline points={pts(m.forehead)} stroke={MEASURE_COLOURS.forehead} {...line} />
          <polyline points={pts(m.cheekbones)} stroke={MEASURE_COLOURS.cheekbones} {...line} />
          <polyline points={pts(m.jaw)} stroke={MEASURE_COLOURS.jaw} {...line} />
          <Tag at={m.length[0]} text="L" colour={MEASURE_COLOURS.length} size={unit * 4} />
          <Tag at={m.forehead[0]} text="F" colour={MEASURE_COLOURS.forehead} size={unit * 4} />
          <Tag at={m.cheekbones[0]} text="C" colour={MEASURE_COLOURS.cheekbones} size={unit * 4} />
          <Tag at={m.jaw[0]} text="J" colour={MEASURE_COLOURS.jaw} size={unit * 4} />
          <text
            x={m.jawAngleLeft[1].x + unit * 3}
            y={m.jawAngleLeft[1].y + unit * 2}
            fontSize={unit * 4.2}
            fontWeight={700}
            fill={MEASURE_COLOURS.jawAngle}
            stroke="#1f2a44"
            strokeWidth={unit * 0.9}
            paintOrder="stroke"
          >
            {Math.round(measurements.jawAngle)}°
          </text>
        </g>
      ) : (
        faces.map((f, i) => {
          const pad = Math.max(f.box.width, f.box.height) * 0.25 + 4;
          return (
            <rect
              key={i}
              x={f.box.xMin - pad}
              y={f.box.yMin - pad}
              width={f.box.width + 2 * pad}
              height={f.box.height + 2 * pad}
              fill="none"
              stroke="#f5b942"
              rx={pad / 2}
              {...line}
              strokeWidth={3}
            />
          );
        })
      )}
    </svg>
  );
}
