import { useEffect, useMemo, useRef, useState } from "react";
import models from "virtual:curator-models";
import { allPredictions } from "@data/predictions";
import { getConfidenceThreshold } from "@data/settings";
import { localDate } from "@domain/dates";
import { monitoringCsv, monitoringJson, monitoringReport, type ConfidenceHistogram, type MonitoringReport } from "@domain/monitoring";
import type { ModelRef } from "@domain/vision/modelRef";
import { useLiveQuery } from "../components/useLiveQuery";
import { ClassChart } from "./ClassChart";
import { ConfidenceChart } from "./ConfidenceChart";
import { CorrectionsChart } from "./CorrectionsChart";
import { DriftPanel } from "./DriftPanel";
import { pct, plural, versionName } from "./format";
import "./monitoring.css";

const classifier = models.find((m) => m.name === "garment-classifier");
const current: ModelRef | null = classifier ? { name: classifier.name, version: classifier.version } : null;
/** The registry's test-set histogram for a model this app ships, if it has one. */
const reference = (m: ModelRef): ConfidenceHistogram | undefined =>
  models.find((x) => x.name === m.name && x.version === m.version)?.calibration?.test_confidence_histogram;

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Summary({ report }: { report: MonitoringReport }) {
  const share = (n: number) => (report.total ? ` (${pct(n / report.total)})` : "");
  const c = report.corrections;
  return (
    <dl className="health-summary" data-testid="health-summary">
      <div>
        <dt>Photos analysed</dt>
        <dd data-testid="summary-total">{report.total.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Filed automatically</dt>
        <dd>
          {c.accepted.toLocaleString()}
          <span className="muted">{share(c.accepted)}</span>
        </dd>
      </div>
      <div>
        <dt>Confirmed / corrected by you</dt>
        <dd>
          {c.confirmed.toLocaleString()} / {c.corrected.toLocaleString()}
        </dd>
      </div>
      <div>
        <dt>Waiting for you</dt>
        <dd>{report.pending.toLocaleString()}</dd>
      </div>
      <div>
        <dt>No garment found</dt>
        <dd>{report.noGarment.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Model in use</dt>
        <dd>{current ? versionName(current) : "—"}</dd>
      </div>
    </dl>
  );
}

/**
 * Model health: how the recogniser is doing on this wardrobe's photos, from the
 * prediction log on this device (nothing leaves it). Charts with their numbers.
 */
export default function ModelHealthScreen({ onBack }: { onBack: () => void }) {
  const logs = useLiveQuery(allPredictions, []);
  const threshold = useLiveQuery(getConfidenceThreshold, []);
  const [mountedAt] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo?.(0, 0);
  }, []);

  const report = useMemo(() => {
    if (!logs) return null;
    const latest = logs.reduce((t, l) => Math.max(t, l.createdAt), 0);
    return monitoringReport(logs, { now: Math.max(mountedAt, latest), threshold: threshold ?? null, model: current, reference });
  }, [logs, threshold, mountedAt]);

  const day = localDate(mountedAt);
  return (
    <section className="health" aria-labelledby="health-title">
      <div className="health-head">
        <button type="button" className="button health-back" onClick={onBack}>
          <span aria-hidden="true">←</span> Settings
        </button>
        <h2 id="health-title" ref={heading} tabIndex={-1}>
          Model health
        </h2>
      </div>
      <p className="health-intro">How the garment recogniser is doing on your photos. Computed on this device from its own log; nothing leaves it.</p>
      {!report ? (
        <p className="loading" role="status">
          Reading the log…
        </p>
      ) : report.total === 0 ? (
        <div className="empty-state health-empty" data-testid="health-empty">
          <p className="empty-title">No photos analysed yet — monitoring starts with your first import</p>
          <p>Add photos in the Wardrobe tab: each one the recogniser looks at is logged here with its confidence, and so is every category you correct.</p>
        </div>
      ) : (
        <>
          <Summary report={report} />
          {report.garments === 0 && <p className="notice">No garment was found in any photo so far, so there are no confidences to chart yet.</p>}
          <ConfidenceChart versions={report.confidence.byVersion} threshold={report.threshold} />
          <ClassChart classes={report.classes} pending={report.pending} />
          <CorrectionsChart corrections={report.corrections} />
          <DriftPanel drift={report.drift} />
          <div className="health-export">
            <p className="muted">Keep the figures: {plural(report.confidence.byDay.length, "day")} of data.</p>
            <button type="button" className="button" onClick={() => download(`curator-model-health-${day}.csv`, monitoringCsv(report), "text/csv")}>
              Download CSV
            </button>
            <button type="button" className="button" onClick={() => download(`curator-model-health-${day}.json`, monitoringJson(report), "application/json")}>
              Download JSON
            </button>
          </div>
        </>
      )}
    </section>
  );
}
