/** What every monitoring chart shares: a measured width, a named figure, and its numbers as a table. */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { pct } from "./format";

/** The width of the element the ref is on, kept up to date (SVG drawn at real pixels: text stays readable at 360 px). */
export function useWidth<T extends HTMLElement>(fallback = 320) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

export interface Column<R> {
  header: string;
  cell: (row: R) => ReactNode;
  /** The row's header cell (scope="row"). */
  rowHeader?: boolean;
}

/** The chart's numbers, for screen readers and anyone who wants them: a table behind "Show data". */
export function ShowData<R>({
  caption,
  columns,
  rows,
  rowKey,
  testId,
}: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (r: R) => string;
  testId?: string;
}) {
  return (
    <details className="chart-data">
      <summary>Show data</summary>
      {/* Focusable: a table wider than a phone scrolls here, and keyboard users must be able to scroll it. */}
      <div className="chart-table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="chart-table" data-testid={testId}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={rowKey(r)}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.header} scope="row">
                      {c.cell(r)}
                    </th>
                  ) : (
                    <td key={c.header}>{c.cell(r)}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** A chart card: heading, one line on how to read it, the drawing, a legend, the data. */
export function ChartCard({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="health-card" aria-labelledby={`${id}-title`} data-testid={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      {intro && <p className="health-intro">{intro}</p>}
      {children}
    </section>
  );
}

export function Legend({ items }: { items: { label: string; colour: string; dashed?: boolean; band?: boolean }[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.label}>
          <span
            className={`legend-key${i.dashed ? " legend-dashed" : ""}${i.band ? " legend-band" : ""}`}
            style={{ borderColor: i.colour, background: i.dashed ? undefined : i.colour }}
          />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

// The theme's custom properties (src/app/styles.css), so the charts follow the light or dark theme.
export const COLOURS = {
  ink: "var(--ink)",
  accent: "var(--accent)",
  green: "var(--ok-strong)",
  purple: "var(--chart-purple)",
  grid: "var(--line)",
  muted: "var(--muted-strong)",
};
export const SERIES = [COLOURS.ink, COLOURS.accent, COLOURS.green, COLOURS.purple];

/** Horizontal grid lines with their percentage labels, left of the plot. */
export function YGrid({ ticks, y, left, width }: { ticks: number[]; y: (v: number) => number; left: number; width: number }) {
  return ticks.map((t) => (
    <g key={t}>
      <line x1={left} x2={left + width} y1={y(t)} y2={y(t)} stroke={COLOURS.grid} />
      <text x={left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="chart-tick">
        {pct(t)}
      </text>
    </g>
  ));
}
