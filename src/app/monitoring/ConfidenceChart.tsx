import type { DayConfidence, VersionConfidence } from "@domain/monitoring";
import { ChartCard, YGrid, COLOURS, Legend, SERIES, ShowData, useWidth } from "./chart";
import { conf, dayNumber, longDay, mediumDay, pct, shortDay, versionName } from "./format";
import { modelRefText, type ModelRef } from "@domain/vision/modelRef";

const H = 220;
const MAX_JOIN_DAYS = 7;
const M = { top: 14, right: 14, bottom: 30, left: 44 };

interface Row extends DayConfidence {
  model: ModelRef;
}

/** Median confidence per day with its 10th–90th percentile band, one colour per model version, and the threshold line. */
export function ConfidenceChart({ versions, threshold }: { versions: VersionConfidence[]; threshold: number | null }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const rows: Row[] = versions
    .flatMap((v) => v.days.map((d) => ({ ...d, model: v.model })))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : modelRefText(a.model) < modelRefText(b.model) ? -1 : 1));
  if (rows.length === 0) return null;

  const first = dayNumber(rows[0]!.day);
  const last = dayNumber(rows[rows.length - 1]!.day);
  const lowest = Math.min(...rows.map((r) => r.p10), threshold ?? 1);
  const yMin = Math.max(0, Math.min(0.5, Math.floor(lowest * 10) / 10));
  const plotW = Math.max(40, width - M.left - M.right);
  const plotH = H - M.top - M.bottom;
  const x = (day: string) => M.left + (last === first ? plotW / 2 : ((dayNumber(day) - first) / (last - first)) * plotW);
  const y = (c: number) => M.top + (1 - (c - yMin) / (1 - yMin)) * plotH;
  const ticks = [yMin, (yMin + 1) / 2, 1];
  const dayTicks = last === first ? [rows[0]!.day] : [rows[0]!.day, rows[rows.length - 1]!.day];

  const latest = rows[rows.length - 1]!;
  const label =
    `Confidence per day, ${longDay(rows[0]!.day)} to ${longDay(latest.day)}, ${versions.length === 1 ? `model ${versionName(versions[0]!.model)}` : `models ${versions.map((v) => versionName(v.model)).join(" and ")}`}. ` +
    `Latest day: median ${conf(latest.median)}, 10th to 90th percentile ${conf(latest.p10)} to ${conf(latest.p90)}.` +
    (threshold !== null ? ` Threshold ${conf(threshold)}.` : "");

  return (
    <ChartCard
      id="confidence-chart"
      title="Confidence over time"
      intro="How sure the recogniser was about each day’s photos: the line is the median, the band holds the middle 80 %. Below the dashed threshold it asks you to confirm."
    >
      <div ref={ref} className="chart">
        <svg width={width} height={H} role="img" aria-label={label} className="chart-svg">
          <YGrid ticks={ticks} y={y} left={M.left} width={plotW} />
          {dayTicks.map((d, i) => (
            <text key={d} x={x(d)} y={H - 8} textAnchor={dayTicks.length === 1 ? "middle" : i === 0 ? "start" : "end"} className="chart-tick">
              {shortDay(d)}
            </text>
          ))}
          {versions.map((v, vi) => {
            const colour = SERIES[vi % SERIES.length]!;
            const days = v.days;
            // Days more than a week apart are not joined: a line across a gap would invent the days between.
            const segments: (typeof days)[] = [];
            days.forEach((d, i) => {
              const prev = days[i - 1];
              if (prev && dayNumber(d.day) - dayNumber(prev.day) <= MAX_JOIN_DAYS) segments[segments.length - 1]!.push(d);
              else segments.push([d]);
            });
            const band = (seg: typeof days) =>
              seg.length === 1
                ? `M${x(seg[0]!.day) - 4},${y(seg[0]!.p90)}H${x(seg[0]!.day) + 4}V${y(seg[0]!.p10)}H${x(seg[0]!.day) - 4}Z`
                : `M${seg.map((d) => `${x(d.day)},${y(d.p90)}`).join("L")}L${[...seg]
                    .reverse()
                    .map((d) => `${x(d.day)},${y(d.p10)}`)
                    .join("L")}Z`;
            return (
              <g key={modelRefText(v.model)} data-model-version={modelRefText(v.model)}>
                {vi > 0 && days[0] && (
                  <g>
                    <line x1={x(days[0].day)} x2={x(days[0].day)} y1={M.top} y2={M.top + plotH} stroke={colour} strokeDasharray="2 3" />
                    <text x={x(days[0].day) + 4} y={M.top + 10} className="chart-tick" fill={colour}>
                      {versionName(v.model)}
                    </text>
                  </g>
                )}
                {segments.map((seg) => (
                  <g key={seg[0]!.day}>
                    <path d={band(seg)} fill={colour} opacity={0.15} />
                    {seg.length > 1 && <polyline points={seg.map((d) => `${x(d.day)},${y(d.median)}`).join(" ")} fill="none" stroke={colour} strokeWidth={2} />}
                  </g>
                ))}
                {days.map((d) => (
                  <circle key={d.day} cx={x(d.day)} cy={y(d.median)} r={3.5} fill={colour} />
                ))}
              </g>
            );
          })}
          {threshold !== null && (
            <g className="chart-threshold">
              <line x1={M.left} x2={M.left + plotW} y1={y(threshold)} y2={y(threshold)} stroke={COLOURS.accent} strokeWidth={1.5} strokeDasharray="6 4" />
              <text x={M.left + plotW} y={y(threshold) + 14} textAnchor="end" className="chart-tick" fill={COLOURS.accent}>
                threshold {pct(threshold)}
              </text>
            </g>
          )}
        </svg>
      </div>
      <Legend
        items={[
          ...versions.map((v, vi) => ({ label: `Median, model ${versionName(v.model)}`, colour: SERIES[vi % SERIES.length]! })),
          { label: "10th–90th percentile", colour: "rgba(31, 42, 68, 0.18)", band: true },
          ...(threshold !== null ? [{ label: "Threshold", colour: COLOURS.accent, dashed: true }] : []),
        ]}
      />
      <ShowData
        caption="Confidence per day"
        testId="confidence-data"
        rows={rows}
        rowKey={(r) => `${r.day}-${modelRefText(r.model)}`}
        columns={[
          { header: "Day", cell: (r) => mediumDay(r.day), rowHeader: true },
          { header: "Model", cell: (r) => versionName(r.model) },
          { header: "Photos", cell: (r) => r.n },
          { header: "Median", cell: (r) => conf(r.median) },
          { header: "10th percentile", cell: (r) => conf(r.p10) },
          { header: "90th percentile", cell: (r) => conf(r.p90) },
          { header: "Below threshold", cell: (r) => `${r.below} (${pct(r.shareBelow)})` },
        ]}
      />
    </ChartCard>
  );
}
