/** The monitoring figures as files the user can keep: one CSV row per day and model version, or the whole report as JSON. */
import type { MonitoringReport } from "./types";
import { modelRefText } from "../vision/modelRef";

const num = (v: number | null | undefined, digits = 4): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "" : String(Number(v.toFixed(digits)));

export const CSV_COLUMNS = [
  "date",
  "model_version",
  "photos",
  "median_confidence",
  "p10_confidence",
  "p90_confidence",
  "below_threshold",
  "share_below_threshold",
] as const;

export function monitoringCsv(report: MonitoringReport): string {
  const rows: string[][] = [];
  for (const v of report.confidence.byVersion) {
    for (const d of v.days) rows.push([d.day, modelRefText(v.model), String(d.n), num(d.median), num(d.p10), num(d.p90), String(d.below), num(d.shareBelow)]);
  }
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  // Model versions are "name@n": no commas or quotes, but quote anyway if that ever changes.
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [CSV_COLUMNS.join(","), ...rows.map((r) => r.map(cell).join(","))].join("\n") + "\n";
}

export const monitoringJson = (report: MonitoringReport): string => JSON.stringify(report, null, 2) + "\n";
