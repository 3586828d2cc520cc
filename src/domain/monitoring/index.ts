export * from "./types";
export {
  monitoringReport,
  confidenceOverTime,
  classDistribution,
  corrections,
  drift,
  hasPrediction,
  DEFAULT_WINDOW_DAYS,
  HISTOGRAM_BINS,
  type MonitoringOptions,
} from "./report";
export { psi, smoothedShares, compareCounts, psiVerdict, chancePsi, PSI_STABLE, PSI_DRIFT, MIN_SAMPLE, MAX_CHANCE_PSI, MIN_BIN_SHARE } from "./psi";
export { gateAt, type GateAt } from "./gate";
export { monitoringCsv, monitoringJson } from "./exportData";
export { quantile, histogram } from "./stats";
