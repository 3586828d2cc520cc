import { FACE_SHAPES, type FaceShapeResult } from "@domain/face/shape";
import type { FaceMeasurements } from "@domain/face/measure";
import { MEASURE_COLOURS } from "./FaceOverlay";
import { SHAPE_NAMES, SHAPE_SUMMARIES } from "./messages";

const pct = (x: number) => `${Math.round(x * 100)}%`;

const CLARITY_TEXT = {
  clear: "Clear result",
  "fairly clear": "Fairly clear result",
  borderline: "Borderline result",
} as const;

/** The verdict: primary shape, runner-up, how clear it is, and every shape's score. */
export function ShapeResult({ shape }: { shape: FaceShapeResult }) {
  const ranked = [...FACE_SHAPES].sort((a, b) => shape.scores[b] - shape.scores[a]);
  return (
    <section className="face-card" aria-labelledby="face-shape-title">
      <h3 id="face-shape-title">
        Your face shape: <span data-testid="face-shape-primary">{SHAPE_NAMES[shape.primary]}</span>
      </h3>
      <p>{SHAPE_SUMMARIES[shape.primary]}</p>
      <p className={`face-clarity face-clarity-${shape.clarityLabel.replace(" ", "-")}`} data-testid="face-clarity">
        <strong>{CLARITY_TEXT[shape.clarityLabel]}</strong> (clarity {pct(shape.clarity)})
        {shape.secondary && (
          <>
            {" "}
            — also close to <strong data-testid="face-shape-secondary">{SHAPE_NAMES[shape.secondary]}</strong>
          </>
        )}
        . Photo ratios are approximate: lens distance, expression and hair all shift them a little.
      </p>
      <h4>Scores</h4>
      <ul className="face-scores" data-testid="face-scores">
        {ranked.map((s) => (
          <li key={s}>
            <span className="face-score-name" id={`face-score-${s}`}>
              {SHAPE_NAMES[s]}
            </span>
            <meter min={0} max={1} value={shape.scores[s]} aria-labelledby={`face-score-${s}`} />
            <span className="face-score-value">{pct(shape.scores[s])}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The numbers behind the verdict, keyed to the letters drawn on the photo. */
export function MeasurementList({ m }: { m: FaceMeasurements }) {
  const rows = [
    { tag: "L", name: "Face length", colour: MEASURE_COLOURS.length, px: m.faceLength, ratio: m.ratios.lengthToWidth },
    { tag: "F", name: "Forehead width", colour: MEASURE_COLOURS.forehead, px: m.foreheadWidth, ratio: m.ratios.foreheadToCheekbone },
    { tag: "C", name: "Cheekbone width", colour: MEASURE_COLOURS.cheekbones, px: m.cheekboneWidth, ratio: 1 },
    { tag: "J", name: "Jaw width", colour: MEASURE_COLOURS.jaw, px: m.jawWidth, ratio: m.ratios.jawToCheekbone },
  ];
  return (
    <>
      <p className="face-px">Widths and length as a ratio to the cheekbone width (C); pixels in brackets.</p>
      <dl className="face-measures" data-testid="face-measurements">
        {rows.map((r) => (
          <div key={r.tag}>
            <dt>
              <span className="face-tag" style={{ background: r.colour }} aria-hidden="true">
                {r.tag}
              </span>
              {r.name}
            </dt>
            <dd>
              {r.ratio.toFixed(2)}
              <span className="visually-hidden"> times the cheekbone width</span> <span className="face-px">({Math.round(r.px)} px)</span>
            </dd>
          </div>
        ))}
        <div>
          <dt>
            <span className="face-tag" style={{ background: MEASURE_COLOURS.jawAngle }} aria-hidden="true">
              ∠
            </span>
            Jaw angle
          </dt>
          <dd>{Math.round(m.jawAngle)}°</dd>
        </div>
      </dl>
    </>
  );
}
