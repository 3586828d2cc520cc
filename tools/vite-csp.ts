// The CSP's build and test helpers as Vite plugins (the policy itself: tools/csp.ts).
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Plugin } from "vite";
import { contentSecurityPolicy, headersFile, inlineStyleHashes } from "./csp";

/** Writes dist/_headers (COOP/COEP, the CSP with the inline style's hash, …) for static hosts that read it. */
export function headersForDeployment(): Plugin {
  return {
    name: "curator:headers-file",
    apply: "build",
    generateBundle: {
      order: "post",
      handler(_, bundle) {
        const index = bundle["index.html"];
        if (!index || index.type !== "asset") return;
        const html = typeof index.source === "string" ? index.source : new TextDecoder().decode(index.source);
        this.emitFile({ type: "asset", fileName: "_headers", source: headersFile(contentSecurityPolicy({ styleHashes: inlineStyleHashes(html) })) });
      },
    },
  };
}

/**
 * Tests only (CURATOR_CSP_REPORT_LOG set): the preview server takes the browser's CSP
 * violation reports (report-uri, also sent for violations inside workers, where a page
 * listener cannot see them) and appends each to that file, one JSON per line.
 */
export function cspReportCollector(path: string | undefined, route: string): Plugin {
  return {
    name: "curator:csp-report-collector",
    configurePreviewServer(server) {
      if (!path) return;
      mkdirSync(dirname(path), { recursive: true });
      server.middlewares.use(route, (req, res) => {
        let body = "";
        req.setEncoding("utf8");
        req.on("data", (chunk: string) => (body += chunk.slice(0, 65_536)));
        req.on("end", () => {
          appendFileSync(path, body.replace(/\n/g, " ") + "\n");
          res.statusCode = 204;
          res.end();
        });
      });
    },
  };
}
