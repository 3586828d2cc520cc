// The first screen (Wardrobe) is a lazy chunk: without help the browser learns about it
// only after the entry script has run, one more round trip before anything useful
// paints. This plugin lists that chunk, the chunks it imports and its CSS in index.html
// (modulepreload / preload), so they download in parallel with the entry.
import type { Plugin, ResolvedConfig } from "vite";

type OutputChunk = { type: "chunk"; fileName: string; facadeModuleId: string | null; imports: string[]; viteMetadata?: { importedCss: Set<string> } };
type Bundle = Record<string, OutputChunk | { type: "asset"; fileName: string }>;

export function preloadFirstScreen(moduleSuffix: string): Plugin {
  let config: ResolvedConfig;
  return {
    name: "curator:preload-first-screen",
    apply: "build",
    configResolved(c) {
      config = c;
    },
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const bundle = ctx.bundle as Bundle | undefined;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === "chunk");
        const screen = chunks.find((c) => c.facadeModuleId?.endsWith(moduleSuffix));
        if (!screen) throw new Error(`preloadFirstScreen: no chunk for ${moduleSuffix}`);
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const js = new Set<string>();
        const css = new Set<string>();
        const visit = (c: OutputChunk) => {
          if (js.has(c.fileName)) return;
          js.add(c.fileName);
          for (const f of c.viteMetadata?.importedCss ?? []) css.add(f);
          for (const f of c.imports) {
            const dep = byFile.get(f);
            if (dep) visit(dep);
          }
        };
        visit(screen);
        const href = (f: string) => config.base + f;
        const tags = [
          ...[...js]
            .filter((f) => !html.includes(href(f)))
            .map((f) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: href(f) }, injectTo: "head" as const })),
          ...[...css]
            .filter((f) => !html.includes(href(f)))
            .map((f) => ({ tag: "link", attrs: { rel: "preload", as: "style", crossorigin: true, href: href(f) }, injectTo: "head" as const })),
        ];
        return { html, tags };
      },
    },
  };
}

/**
 * Inlines the entry's stylesheet (the app shell's few kB) into index.html, so the shell
 * paints with the HTML instead of waiting for a render-blocking request. The CSP allows
 * exactly this <style> by its hash (tools/csp.ts).
 */
export function inlineEntryCss(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "curator:inline-entry-css",
    apply: "build",
    configResolved(c) {
      config = c;
    },
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const bundle = ctx.bundle as Record<string, { type: string; fileName: string; source?: string | Uint8Array }> | undefined;
        if (!bundle) return html;
        return html.replace(/<link rel="stylesheet"[^>]*href="[^"]*\/(assets\/index-[\w-]+\.css)"[^>]*>/, (link, file: string) => {
          const asset = bundle[file];
          if (!asset || asset.type !== "asset") return link;
          const css = typeof asset.source === "string" ? asset.source : new TextDecoder().decode(asset.source);
          // The disabled link is never fetched; it tells Vite's preload helper that this
          // stylesheet is in the page, or it would append it again when a lazy chunk that
          // shares it loads, after the screens' CSS, undoing their overrides.
          return `<style>${css}</style><link rel="stylesheet" href="${config.base}${file}" disabled>`;
        });
      },
    },
  };
}
