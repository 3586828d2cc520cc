// Runs inside the service worker (workbox's generated sw.js pulls it in with
// importScripts; tools/vite-share-target.ts bundles it). Android's Share → Curator
// POSTs the shared files here as multipart form data (manifest `share_target`): they
// are kept in IndexedDB and the app opens on the Wardrobe, whose normal import takes
// over. Nothing here needs the network, so sharing works offline too.
import { keepSharedFiles } from "@data/shareInbox";
import { SHARE_FIELD, SHARE_PATH, SHARE_PARAM, SHARE_FAILED } from "@data/shareTarget";

declare const self: ServiceWorkerGlobalScope;

/** More than this in one share is refused as a whole (the page says so): nothing silently dropped. */
const MAX_FILES = 200;

async function receive(request: Request): Promise<Response> {
  const scope = self.registration.scope;
  const back = (value: string) => Response.redirect(new URL(`./?${SHARE_PARAM}=${encodeURIComponent(value)}`, scope).href, 303);
  try {
    const form = await request.formData();
    // Every file is kept, images or not: the import says clearly why a PDF is not a photo.
    const files = form.getAll(SHARE_FIELD).filter((f): f is File => typeof f !== "string");
    if (files.length === 0) return back(`${SHARE_FAILED}-empty`);
    if (files.length > MAX_FILES) return back(`${SHARE_FAILED}-too-many`);
    return back(await keepSharedFiles(files, "share"));
  } catch (e) {
    console.warn("Curator: a share could not be kept", e);
    return back(SHARE_FAILED);
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "POST") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname !== new URL(SHARE_PATH, self.registration.scope).pathname) return;
  event.respondWith(receive(request));
});
