// The app's Content-Security-Policy, in one place: the dev and preview servers send it
// (vite.config.ts), the build writes it into dist/_headers for static hosts, and the
// README explains each directive. See README "Deployment".
import { createHash } from "node:crypto";

export interface CspOptions {
  /** Hashes ('sha256-…') of the inline <style> blocks index.html carries (the first paint's CSS). */
  styleHashes?: string[];
  /** The dev server: Vite injects styles and React's refresh preamble inline, and talks over a websocket. */
  dev?: boolean;
  /** Extra connect-src/img-src sources, e.g. "http://127.0.0.1:*" for a local S3 server over plain http. */
  extraSources?: string[];
  /** Where browsers POST violation reports (tests only: a static host has no such endpoint). */
  reportUri?: string;
}

/**
 * `connect-src` and `img-src` allow any https: origin. The user chooses their S3 bucket
 * (any S3-compatible host) and may point Shop the look at another catalog endpoint,
 * both in Settings at run time, after the headers were sent; a policy written at run
 * time could be rewritten by the script it is meant to stop. The trade-off: scripts are
 * locked to this origin (no inline script, no eval), so injected code cannot run to use
 * the wide connect-src; a deployment that knows its bucket and endpoint replaces
 * "https:" with them (README "Deployment").
 */
export function contentSecurityPolicy(o: CspOptions = {}): string {
  const extra = o.extraSources ?? [];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // WebAssembly compilation (onnxruntime-web, tfjs-backend-wasm) needs 'wasm-unsafe-eval';
    // nothing needs eval or inline script in the build.
    "script-src": ["'self'", "'wasm-unsafe-eval'", ...(o.dev ? ["'unsafe-inline'"] : [])],
    "style-src": ["'self'", ...(o.dev ? ["'unsafe-inline'"] : (o.styleHashes ?? []))],
    // Photos and thumbnails are shown from blob: URLs; product images come from the catalog
    // endpoint. Nothing uses data: images (e2e/csp.spec.ts passes without them).
    "img-src": ["'self'", "blob:", "https:", ...extra],
    "font-src": ["'self'"],
    "connect-src": ["'self'", "https:", ...extra, ...(o.dev ? ["ws:"] : [])],
    // The vision, face and image workers, and onnxruntime's thread workers, are files of this origin.
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  if (o.reportUri) directives["report-uri"] = [o.reportUri];
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(" ")}`)
    .join("; ");
}

/** 'sha256-…' of every inline <style> in an HTML document (exact bytes, as the browser hashes them). */
export function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g)].map(
    (m) =>
      `'sha256-${createHash("sha256")
        .update(m[1] ?? "", "utf8")
        .digest("base64")}'`,
  );
}

/** Cross-origin isolation lets onnxruntime-web and tfjs use SharedArrayBuffer (multi-threaded WASM). */
export const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
} as const;

/** The headers every response carries (dev, preview, and the deployment's `_headers`). */
export function securityHeaders(csp: string): Record<string, string> {
  return { ...ISOLATION, "Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };
}

/** The same headers in the `_headers` format (Netlify, Cloudflare Pages), for every path. */
export function headersFile(csp: string): string {
  return `/*\n${Object.entries(securityHeaders(csp))
    .map(([k, v]) => `  ${k}: ${v}`)
    .join("\n")}\n`;
}
