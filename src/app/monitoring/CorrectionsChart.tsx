import type { Corrections } from "@domain/monitoring";
import { ChartCard, YGrid, COLOURS, ShowData, useWidth } from "./chart";
import { HBars } from "./HBars";
import { cap, categoryName, longDay, mediumDay, pct, plural, shortDay } from "./format";

const H = 170;
const M = { top: 12, right: 10, bottom: 30, left: 44 };

/** Correction rate per day as columns (one per day with answers, in order). */
function RateColumns({ days }: { days: Corrections["byDay"] }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const plotW = Math.max(40, width - M.left - M.right);
  const plotH = H - M.top - M.bottom;
  const slot = plotW / days.length;
  const barW = Math.max(3, Math.min(28, slot * 0.7));
  const y = (r: number) => M.top + (1 - r) * plotH;
  const label = `Correction rate per day: ${days.map((d) => `${longDay(d.day)} ${pct(d.rate)} (${d.corrected} of ${d.answered})`).join("; ")}.`;
  return (
    <div ref={ref} className="chart">
      <svg width={width} height={H} role="img" aria-label={label} className="chart-svg">
        <YGrid ticks={[0, 0.5, 1]} y={y} left={M.left} width={plotW} />
        {days.map((d, i) => {
          const cx = M.left + slot * (i + 0.5);
          return (
            // A zero-rate day keeps a short grey mark: "no corrections", not "no photos".
            <rect
              key={d.day}
              x={cx - barW / 2}
              y={d.rate > 0 ? y(d.rate) : y(0) - 2}
              width={barW}
              height={d.rate > 0 ? y(0) - y(d.rate) : 2}
              fill={d.rate > 0 ? COLOURS.accent : COLOURS.muted}
              rx={d.rate > 0 ? 2 : 0}
            >
              <title>{`${longDay(d.day)}: ${pct(d.rate)}`}</title>
            </rect>
          );
        })}
        {[days[0]!, ...(days.length > 1 ? [days[days.length - 1]!] : [])].map((d, i, all) => (
          <text
            key={d.day}
            x={all.length === 1 ? M.left + plotW / 2 : i === 0 ? M.left : M.left + plotW}
            y={H - 8}
            textAnchor={all.length === 1 ? "middle" : i === 0 ? "start" : "end"}
            className="chart-tick"
          >
            {shortDay(d.day)}
          </text>
        ))}
      </svg>
    </div>
  );
}

/** How often you had to correct the recogniser: overall, over time, per predicted category, and what it confused. */
export function CorrectionsChart({ corrections: c }: { corrections: Corrections }) {
  if (c.answered === 0) {
    return (
      <ChartCard id="corrections-chart" title="Corrections">
        <p className="muted">No answers yet: corrections appear once photos are filed (automatically or after you confirm them).</p>
      </ChartCard>
    );
  }
  return (
    <ChartCard id="corrections-chart" title="Corrections">
      <p className="health-figure" data-testid="correction-rate">
        <strong>{pct(c.rate ?? 0)}</strong> corrected: {c.corrected} of {plural(c.answered, "photo")} filed so far.
      </p>
      <p className="health-intro">
        {c.askedRate === null
          ? "Curator has not asked you about a photo yet."
          : `When Curator asked, its first guess was wrong ${c.corrected} of ${c.confirmed + c.corrected} times (${pct(c.askedRate)}).`}{" "}
        Photos filed automatically count as right unless you correct them when asked.
      </p>
      <h4>Correction rate per day</h4>
      <RateColumns days={c.byDay} />
      <ShowData
        caption="Corrections per day"
        testId="corrections-day-data"
        rows={c.byDay}
        rowKey={(d) => d.day}
        columns={[
          { header: "Day", cell: (d) => mediumDay(d.day), rowHeader: true },
          { header: "Filed", cell: (d) => d.answered },
          { header: "Corrected", cell: (d) => d.corrected },
          { header: "Rate", cell: (d) => pct(d.rate) },
        ]}
      />
      <h4>By predicted category</h4>
      <HBars
        rows={c.byClass.map((k) => ({
          key: k.category,
          label: categoryName(k.category),
          values: [k.rate],
          texts: [`${pct(k.rate)} (${k.corrected}/${k.answered})`],
        }))}
        colours={[COLOURS.accent]}
        max={1}
        label={`Correction rate by predicted category: ${c.byClass.map((k) => `${categoryName(k.category)} ${pct(k.rate)}, ${k.corrected} of ${k.answered}`).join("; ")}.`}
      />
      <ShowData
        caption="Corrections by predicted category"
        testId="corrections-class-data"
        rows={c.byClass}
        rowKey={(k) => k.category}
        columns={[
          { header: "Predicted", cell: (k) => categoryName(k.category), rowHeader: true },
          { header: "Filed", cell: (k) => k.answered },
          { header: "Corrected", cell: (k) => k.corrected },
          { header: "Rate", cell: (k) => pct(k.rate) },
        ]}
      />
      {c.confusions.length > 0 && (
        <>
          <h4>What it mixed up</h4>
          <ul className="confusions" aria-label="Corrections: predicted, then what you chose" data-testid="confusions">
            {c.confusions.map((x) => (
              <li key={`${x.from.category}/${x.from.subtype}-${x.to.category}/${x.to.subtype}`}>
                <span>
                  {cap(x.from.label)} <span className="muted">({x.from.category})</span>
                </span>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden"> corrected to </span>
                <span>
                  {cap(x.to.subtype ?? x.to.category)} <span className="muted">({x.to.category})</span>
                </span>
                <span className="confusion-count">{plural(x.count, "time")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </ChartCard>
  );
}
