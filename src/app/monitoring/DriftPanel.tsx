import { MIN_SAMPLE, PSI_DRIFT, PSI_STABLE, type Drift, type DriftCheck } from "@domain/monitoring";
import { ChartCard, YGrid, COLOURS, Legend, ShowData, useWidth } from "./chart";
import { pct, plural, psiText, versionName } from "./format";

const VERDICT_NAMES: Record<DriftCheck["verdict"], string> = {
  stable: "Stable",
  watch: "Watch",
  drift: "Drift",
  "not-enough-data": "Not enough data",
  "no-reference": "No reference",
};

type Kind = "test" | "confidence" | "classes";

const TITLES: Record<Kind, string> = {
  test: "Confidence compared with the test set",
  confidence: "Confidence compared with your earlier photos",
  classes: "Kinds of garment compared with your earlier photos",
};

const READINGS: Record<Kind, Record<"stable" | "watch" | "drift", string>> = {
  test: {
    stable: "Your recent photos get confidences much like the photos the model was tested on: nothing has shifted.",
    watch: "A moderate shift from the test set: worth keeping an eye on. Your photos may differ from the catalogue-style images the model learned from.",
    drift:
      "To the model, your recent photos look clearly different from its test set: expect more photos to need your confirmation, and check the corrections above.",
  },
  confidence: {
    stable: "Confidence is steady compared with your earlier photos.",
    watch: "Confidence has shifted a little compared with your earlier photos.",
    drift: "Confidence has changed clearly since your earlier photos: new lighting, backgrounds or kinds of clothes can do this.",
  },
  classes: {
    stable: "You are adding the same mix of garments as before.",
    watch: "The mix of garments has changed a little (more of some categories, fewer of others).",
    drift: "You are adding clearly different kinds of garments than before. That is fine, but the recogniser is better at some categories than others.",
  },
};

function explain(check: DriftCheck, kind: Kind, drift: Drift): string {
  const window = `the last ${drift.windowDays} days`;
  switch (check.verdict) {
    case "no-reference":
      return `No reference for this model version: its test-set confidence figures were not recorded, so there is nothing to compare with. Newer model versions include them.`;
    case "not-enough-data":
      if (check.short === "reference") {
        return check.referenceN === 0
          ? `No earlier photos from this model version to compare with (before ${window}).`
          : `Not enough earlier photos to compare with: ${plural(check.referenceN, "photo")} from before ${window}; at least ${MIN_SAMPLE}, spread over more than a few categories, are needed.`;
      }
      return check.recentN === 0
        ? `No photos analysed in ${window}.`
        : `Not enough data yet: ${plural(check.recentN, "photo")} in ${window}; about ${check.neededRecent ?? MIN_SAMPLE} are needed before a verdict means something (with fewer, chance alone moves the index past the lines).`;
    default:
      return READINGS[kind][check.verdict];
  }
}

function Verdict({ check, kind, drift }: { check: DriftCheck; kind: Kind; drift: Drift }) {
  const verdictClass = check.verdict === "stable" || check.verdict === "watch" || check.verdict === "drift" ? check.verdict : "none";
  const against = kind === "test" ? `${plural(check.referenceN, "test photo")}` : `${plural(check.referenceN, "earlier photo")}`;
  return (
    <li className="drift-check" data-testid={`drift-${kind}`} data-verdict={check.verdict}>
      <div className="drift-check-head">
        <h4>{TITLES[kind]}</h4>
        <span className={`verdict verdict-${verdictClass}`}>{VERDICT_NAMES[check.verdict]}</span>
      </div>
      <p>{explain(check, kind, drift)}</p>
      {check.psi !== null && check.verdict !== "no-reference" && (
        <p className="muted drift-figures">
          PSI {psiText(check.psi)} · {plural(check.recentN, "recent photo")} vs {against} · {check.bins} {check.bins === 1 ? "bin" : "bins"}
          {check.chance !== null && ` · chance alone ≈ ${psiText(check.chance)}`}
        </p>
      )}
    </li>
  );
}

const H = 170;
const M = { top: 12, right: 10, bottom: 30, left: 44 };

/** Recent confidence histogram next to the reference one (test set, or earlier photos). */
function HistogramChart({ recent, reference, referenceName, bins }: { recent: number[]; reference: number[]; referenceName: string; bins: number }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const plotW = Math.max(40, width - M.left - M.right);
  const plotH = H - M.top - M.bottom;
  const top = Math.max(0.05, ...recent, ...reference);
  const yMax = Math.ceil(top * 10) / 10;
  const y = (s: number) => M.top + (1 - s / yMax) * plotH;
  const slot = plotW / bins;
  const barW = Math.max(1.5, slot / 2 - 1);
  const label = `Share of photos per confidence range, recent vs ${referenceName}: ${recent
    .map((r, i) => ({ i, r, e: reference[i] ?? 0 }))
    .filter((b) => b.r > 0 || b.e > 0)
    .map((b) => `${pct(b.i / bins)}–${pct((b.i + 1) / bins)}: ${pct(b.r)} vs ${pct(b.e)}`)
    .join("; ")}.`;
  return (
    <div ref={ref} className="chart">
      <svg width={width} height={H} role="img" aria-label={label} className="chart-svg">
        <YGrid ticks={[0, yMax / 2, yMax]} y={y} left={M.left} width={plotW} />
        {recent.map((r, i) => (
          <g key={i}>
            <rect x={M.left + i * slot + 0.5} y={y(reference[i] ?? 0)} width={barW} height={y(0) - y(reference[i] ?? 0)} fill={COLOURS.ink} opacity={0.35} />
            <rect x={M.left + i * slot + 0.5 + barW + 1} y={y(r)} width={barW} height={y(0) - y(r)} fill={COLOURS.accent} />
          </g>
        ))}
        {[0, 0.5, 1].map((t, i) => (
          <text key={t} x={M.left + t * plotW} y={H - 8} textAnchor={i === 0 ? "start" : i === 2 ? "end" : "middle"} className="chart-tick">
            {pct(t)}
          </text>
        ))}
      </svg>
    </div>
  );
}

/** Drift verdicts with plain-language readings, the confidence histograms behind them, and how it is measured. */
export function DriftPanel({ drift }: { drift: Drift }) {
  const reference = drift.testShares ?? (drift.earlierN > 0 ? drift.earlierShares : null);
  const referenceName = drift.testShares ? "test set" : "earlier photos";
  const rows = drift.recentShares.map((r, i) => ({ i, recent: r, reference: reference?.[i] ?? 0 }));
  return (
    <ChartCard
      id="drift-panel"
      title="Drift"
      intro={
        <>
          Are the photos of {drift.model ? `model ${versionName(drift.model)}` : "the model in use"} from the last {drift.windowDays} days (
          {plural(drift.recentN, "photo")}) different from what it knows?
        </>
      }
    >
      <ul className="drift-checks">
        <Verdict check={drift.vsTest} kind="test" drift={drift} />
        <Verdict check={drift.confidenceVsHistory} kind="confidence" drift={drift} />
        <Verdict check={drift.classesVsHistory} kind="classes" drift={drift} />
      </ul>
      {drift.recentN > 0 && reference && (
        <>
          <h4>
            Confidence, last {drift.windowDays} days vs {referenceName}
          </h4>
          <HistogramChart recent={drift.recentShares} reference={reference} referenceName={referenceName} bins={drift.bins} />
          <Legend
            items={[
              { label: referenceName === "test set" ? "Test set" : "Earlier photos", colour: "rgba(31, 42, 68, 0.35)" },
              { label: `Last ${drift.windowDays} days`, colour: COLOURS.accent },
            ]}
          />
          <ShowData
            caption={`Share of photos per confidence range, last ${drift.windowDays} days vs ${referenceName}`}
            testId="drift-data"
            rows={rows.filter((r) => r.recent > 0 || r.reference > 0)}
            rowKey={(r) => String(r.i)}
            columns={[
              { header: "Confidence", cell: (r) => `${pct(r.i / drift.bins)}–${pct((r.i + 1) / drift.bins)}`, rowHeader: true },
              { header: `Last ${drift.windowDays} days`, cell: (r) => pct(r.recent) },
              { header: referenceName === "test set" ? "Test set" : "Earlier photos", cell: (r) => pct(r.reference) },
            ]}
          />
        </>
      )}
      <details className="drift-method">
        <summary>How drift is measured</summary>
        <p>
          Curator compares how the recent photos are spread (over confidence ranges, or over categories) with a reference: the model’s 10,000-photo test set, or
          your own earlier photos with the same model. The Population Stability Index (PSI) adds up, for every range, the difference in shares times the log of
          their ratio.
        </p>
        <ul>
          <li>PSI below {psiText(PSI_STABLE)}: stable.</li>
          <li>
            {psiText(PSI_STABLE)} to {psiText(PSI_DRIFT)}: watch, a moderate shift.
          </li>
          <li>Above {psiText(PSI_DRIFT)}: drift.</li>
        </ul>
        <p>
          Ranges holding very few photos are merged first. With few photos, chance alone gives a PSI of about (ranges − 1) × (1/recent + 1/reference); Curator
          gives no verdict until that is at most half the “watch” line, and never with fewer than {MIN_SAMPLE} photos on either side. Everything is computed on
          this device.
        </p>
      </details>
    </ChartCard>
  );
}
