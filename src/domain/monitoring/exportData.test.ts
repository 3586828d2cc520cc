import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, monitoringCsv, monitoringJson } from "./exportData";
import { monitoringReport } from "./report";
import { makeLog } from "./testing";

const at = (d: number, h: number) => new Date(2026, 10, d, h).getTime();

describe("monitoring export", () => {
  const logs = [
    makeLog({ createdAt: at(4, 9), confidence: 0.9 }),
    makeLog({ createdAt: at(3, 9), confidence: 0.99 }),
    makeLog({ createdAt: at(3, 10), confidence: 0.5, modelVersion: "garment-classifier@2" }),
  ];
  const report = monitoringReport(logs, { now: at(5, 9), threshold: 0.93 });

  it("writes one CSV row per day and model version, in date order", () => {
    const lines = monitoringCsv(report).trim().split("\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines.slice(1)).toEqual([
      "2026-11-03,garment-classifier@1,1,0.99,0.99,0.99,0,0",
      "2026-11-03,garment-classifier@2,1,0.5,0.5,0.5,1,1",
      "2026-11-04,garment-classifier@1,1,0.9,0.9,0.9,1,1",
    ]);
  });

  it("writes the whole report as JSON that reads back", () => {
    const back = JSON.parse(monitoringJson(report)) as typeof report;
    expect(back.total).toBe(3);
    expect(back.confidence.byVersion).toHaveLength(2);
  });

  it("writes only the header for an empty log", () => {
    expect(monitoringCsv(monitoringReport([], { now: 0 }))).toBe(CSV_COLUMNS.join(",") + "\n");
  });
});
