import { join } from "node:path";

/** Where the preview server appends the browser's CSP violation reports during e2e runs (one file per E2E_PORT). */
export const CSP_REPORT_LOG = join(import.meta.dirname, "..", "test-results", `csp-reports-${process.env.E2E_PORT ?? 4173}.log`);
