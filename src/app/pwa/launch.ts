// How the app was opened: a home-screen shortcut (?tab=…&view=…&do=add), a share from
// another app (?shared=<batch>, set by the service worker), or "Open with" on a desktop
// install (?open=files, files arriving through the launch queue). Read once at start;
// the address bar is then put back to the plain app URL, so a reload does not act again.
import { keepSharedFiles } from "@data/shareInbox";
import { SHARE_PARAM } from "@data/shareTarget";

export interface Launch {
  tab: string | null;
  /** A view inside the tab (Outfits → Today, Trips). */
  view: string | null;
  /** "add": the Add photos button gets the focus (a file picker cannot open without a tap). */
  action: string | null;
  /** The share batch id the service worker kept, or a failure word. */
  shared: string | null;
}

function read(): Launch {
  const params = new URLSearchParams(location.search);
  const launch: Launch = {
    tab: params.get("tab"),
    view: params.get("view"),
    action: params.get("do"),
    shared: params.get(SHARE_PARAM),
  };
  if (params.has("open")) launch.tab = "wardrobe";
  if (launch.shared) launch.tab = "wardrobe";
  const ours = ["tab", "view", "do", SHARE_PARAM, "open"];
  if (ours.some((k) => params.has(k))) {
    for (const k of ours) params.delete(k);
    const rest = params.toString();
    history.replaceState(history.state, "", `${location.pathname}${rest ? `?${rest}` : ""}${location.hash}`);
  }
  return launch;
}

export const launch: Launch = read();

/** Fired when files were handed over while the app is running (launch queue). */
export const SHARED_EVENT = "curator:shared-files";

interface LaunchParams {
  files: readonly { getFile(): Promise<File> }[];
}
type LaunchWindow = Window & { launchQueue?: { setConsumer(consumer: (params: LaunchParams) => void): void } };

/**
 * "Open with Curator" on a desktop install: the files are kept in the same inbox a share
 * uses, then the Wardrobe imports them. `onFiles` lets the app switch to the Wardrobe.
 */
export function listenForOpenedFiles(onFiles: () => void): void {
  const queue = (window as LaunchWindow).launchQueue;
  if (!queue) return;
  queue.setConsumer((params) => {
    if (!params.files.length) return;
    void Promise.all(params.files.map((h) => h.getFile()))
      .then((files) => keepSharedFiles(files, "open"))
      .then(() => {
        onFiles();
        window.dispatchEvent(new CustomEvent(SHARED_EVENT));
      })
      .catch((e: unknown) => console.warn("Curator: opened files could not be kept", e));
  });
}

/**
 * Selects a view inside a tab that renders its own tab bar (Outfits): once its tab
 * button (`#<prefix><view>`) appears, it is clicked, as a person would. Gives up after
 * a few seconds if that view does not exist (the tab's first view stays).
 */
export function openView(id: string, timeoutMs = 8000): () => void {
  const tryOpen = () => {
    const button = document.getElementById(id);
    if (!(button instanceof HTMLButtonElement)) return false;
    if (button.getAttribute("aria-selected") !== "true") button.click();
    return true;
  };
  if (tryOpen()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryOpen()) stop();
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}
