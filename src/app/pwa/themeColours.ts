/** The header's colour per theme: the browser's theme-color (index.html, tools/manifest.ts, public/theme.js say the same). */
export const THEME_COLOURS = { light: "#1f2a44", dark: "#1a2235" } as const;
