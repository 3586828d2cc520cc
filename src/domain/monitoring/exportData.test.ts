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

  it("rounds to 4 digits, leaves unknown figures empty, and quotes a cell that needs it", () => {
    const day = (d: string, median: number | null) => ({ day: d, n: 2, median, p10: NaN, p90: 0.123456, below: 1, shareBelow: 1 / 3 });
    const hand = {
      ...report,
      confidence: {
        byDay: [],
        byVersion: [
          { ...report.confidence.byVersion[0]!, model: { name: 'odd,"name"', version: 7 }, days: [day("2026-11-09", null), day("2026-11-02", 0.98765)] },
        ],
      },
    } as unknown as typeof report;
    expect(monitoringCsv(hand).trim().split("\n").slice(1)).toEqual([
      '2026-11-02,"odd,""name""@7",2,0.9877,,0.1235,1,0.3333',
      '2026-11-09,"odd,""name""@7",2,,,0.1235,1,0.3333',
    ]);
  });

  it("writes the JSON indented, one newline at the end", () => {
    const text = monitoringJson(report);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toMatch(/^ {2}"/);
  });

  it("writes only the header for an empty log", () => {
    expect(monitoringCsv(monitoringReport([], { now: 0 }))).toBe(CSV_COLUMNS.join(",") + "\n");
  });
});
