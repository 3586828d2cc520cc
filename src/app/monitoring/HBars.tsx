import { COLOURS, useWidth } from "./chart";

export interface BarRow {
  key: string;
  label: string;
  values: number[];
  /** Text at the end of each bar (defaults to the value). */
  texts?: string[];
}

const BAR = 12;
const GAP = 3;
const ROW_GAP = 10;
const LABEL_W = 92;
const VALUE_W = 64;

/** Horizontal bars, one group per row (one bar per series): reads well at 360 px, labels never rotate. */
export function HBars({ rows, colours, max, label }: { rows: BarRow[]; colours: string[]; max: number; label: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const series = colours.length;
  const rowH = series * BAR + (series - 1) * GAP;
  const height = rows.length * (rowH + ROW_GAP) + ROW_GAP;
  const plotW = Math.max(30, width - LABEL_W - VALUE_W);
  const scale = (v: number) => (max > 0 ? (v / max) * plotW : 0);
  return (
    <div ref={ref} className="chart">
      <svg width={width} height={height} role="img" aria-label={label} className="chart-svg">
        <line x1={LABEL_W} x2={LABEL_W} y1={0} y2={height} stroke={COLOURS.grid} />
        {rows.map((r, i) => {
          const top = ROW_GAP + i * (rowH + ROW_GAP);
          return (
            <g key={r.key} data-row={r.key}>
              <text x={LABEL_W - 8} y={top + rowH / 2} dy="0.32em" textAnchor="end" className="chart-label">
                {r.label}
              </text>
              {r.values.map((v, s) => {
                const w = scale(v);
                const yTop = top + s * (BAR + GAP);
                return (
                  <g key={s}>
                    <rect x={LABEL_W} y={yTop} width={Math.max(v > 0 ? 2 : 0, w)} height={BAR} rx={2} fill={colours[s]} />
                    <text x={LABEL_W + Math.max(w, 0) + 5} y={yTop + BAR / 2} dy="0.32em" className="chart-tick">
                      {r.texts?.[s] ?? String(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
