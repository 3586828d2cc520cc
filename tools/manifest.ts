// The web app manifest (vite-plugin-pwa writes it as manifest.webmanifest). What makes
// the installed app feel native: Share → Curator (share_target, received by
// workers/share-target.sw.ts), "Open with" for images on desktop installs
// (file_handlers, picked up by the page's launchQueue), shortcuts on the icon's long
// press, and screenshots for the richer install sheet (tools/manifest-screenshots.mjs
// takes them from the real app).
import type { ManifestOptions } from "vite-plugin-pwa";
import { SHARE_FIELD, SHARE_PATH } from "../src/data/shareTarget";
import { THEME_COLOURS } from "../src/app/pwa/themeColours";

const IMAGE_TYPES: Record<string, string[]> = {
  "image/jpeg": [".jpg", ".jpeg"],
  "image/png": [".png"],
  "image/webp": [".webp"],
  "image/gif": [".gif"],
  "image/avif": [".avif"],
  "image/heic": [".heic"],
  "image/heif": [".heif"],
};

const icon96 = [{ src: "icons/icon-192.png", sizes: "192x192", type: "image/png" }];

// ManifestOptions lags behind the spec (launch_handler, form_factor, shortcut icons).
type Manifest = Partial<ManifestOptions> & Record<string, unknown>;

export function appManifest(): Manifest {
  return {
    id: "./",
    name: "Curator — your wardrobe",
    short_name: "Curator",
    description: "Your wardrobe on your device: recognises clothes, suggests outfits, works offline.",
    theme_color: THEME_COLOURS.light,
    background_color: "#f7f5f2",
    display: "standalone",
    start_url: "./",
    scope: "./",
    categories: ["lifestyle", "shopping"],
    icons: [
      { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    share_target: {
      action: `./${SHARE_PATH}`,
      method: "POST",
      enctype: "multipart/form-data",
      params: { title: "title", text: "text", url: "url", files: [{ name: SHARE_FIELD, accept: ["image/*", ...Object.values(IMAGE_TYPES).flat()] }] },
    },
    file_handlers: [{ action: "./?open=files", accept: IMAGE_TYPES }],
    // A second "Open with" lands in the window already open instead of a new one.
    launch_handler: { client_mode: ["navigate-existing", "auto"] },
    shortcuts: [
      { name: "Add clothes", short_name: "Add", description: "Add photos of clothes to your wardrobe", url: "./?tab=wardrobe&do=add", icons: icon96 },
      { name: "Today's outfit", short_name: "Today", description: "Outfit suggestions for today", url: "./?tab=outfits&view=today", icons: icon96 },
      { name: "Plan a trip", short_name: "Trip", description: "Pack for a trip from your wardrobe", url: "./?tab=outfits&view=trip", icons: icon96 },
    ],
    screenshots: [
      { src: "screenshots/phone-wardrobe.png", sizes: "390x844", type: "image/png", form_factor: "narrow", label: "Your wardrobe on a phone" },
      { src: "screenshots/phone-outfits.png", sizes: "390x844", type: "image/png", form_factor: "narrow", label: "Outfit suggestions for today" },
      { src: "screenshots/desktop-wardrobe.png", sizes: "1280x800", type: "image/png", form_factor: "wide", label: "Your wardrobe on a computer" },
    ],
  };
}
