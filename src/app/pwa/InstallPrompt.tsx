import { useEffect, useState } from "react";
import { INSTALL_AFTER_ITEMS, isIosSafari, rememberDismissed, runsInstalled, wasDismissed, type InstallRoute } from "./installWords";
import "./pwa.css";

/** Chromium's install event (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

/** Chromium fires beforeinstallprompt early, maybe before React mounts: kept from the first script on. */
let deferred: BeforeInstallPromptEvent | null = null;
const WAITING_EVENT = "curator:install-available";
window.addEventListener("beforeinstallprompt", (e) => {
  e.preventDefault(); // no mini-infobar: Curator asks at a better moment
  deferred = e as BeforeInstallPromptEvent;
  window.dispatchEvent(new Event(WAITING_EVENT));
});
window.addEventListener("appinstalled", () => {
  deferred = null;
  window.dispatchEvent(new Event(WAITING_EVENT));
});

const route = (): InstallRoute => (runsInstalled() ? null : deferred ? "prompt" : isIosSafari(navigator.userAgent, navigator.maxTouchPoints) ? "ios" : null);

/** Watches the wardrobe's size only while a suggestion could still be shown. */
function useEnoughItems(active: boolean): boolean {
  const [enough, setEnough] = useState(false);
  useEffect(() => {
    if (!active || enough) return;
    let sub: { unsubscribe(): void } | null = null;
    let stopped = false;
    void import("@data/liveItems").then(({ watchItems }) => {
      if (stopped) return;
      sub = watchItems({ next: (items) => items.length >= INSTALL_AFTER_ITEMS && setEnough(true), error: () => undefined });
    });
    return () => {
      stopped = true;
      sub?.unsubscribe();
    };
  }, [active, enough]);
  return enough;
}

/**
 * A quiet card at the foot of the screen once the user has added a few items: Install
 * (the browser's own dialog) where the browser offers it, plain Add to Home Screen
 * steps on iOS Safari. "Not now" is remembered; nothing shows in the installed app.
 */
export function InstallPrompt() {
  const [how, setHow] = useState<InstallRoute>(() => (wasDismissed() ? null : route()));
  const [dismissed, setDismissed] = useState(wasDismissed);
  useEffect(() => {
    const update = () => setHow(route());
    window.addEventListener(WAITING_EVENT, update);
    return () => window.removeEventListener(WAITING_EVENT, update);
  }, []);
  const enough = useEnoughItems(how !== null && !dismissed);
  if (!how || dismissed || !enough) return null;

  const close = () => {
    rememberDismissed();
    setDismissed(true);
  };
  const install = async () => {
    const event = deferred;
    if (!event) return;
    deferred = null;
    await event.prompt();
    const { outcome } = await event.userChoice;
    if (outcome === "dismissed") rememberDismissed();
    setDismissed(true);
  };
  return (
    <aside className="install-card" aria-labelledby="install-title" data-testid="install-card">
      <div className="install-text">
        <p id="install-title" className="install-title">
          Install Curator
        </p>
        {how === "prompt" ? (
          <p>Open your wardrobe from the home screen, share photos straight into it, and use it offline.</p>
        ) : (
          <p>
            In Safari, tap <strong>Share</strong> <span aria-hidden="true">(the square with an arrow)</span>, then <strong>Add to Home Screen</strong>. Curator
            then opens like an app and works offline.
          </p>
        )}
      </div>
      <div className="install-actions">
        {how === "prompt" && (
          <button type="button" className="button button-primary" onClick={() => void install()}>
            Install
          </button>
        )}
        <button type="button" className="button" onClick={close}>
          {how === "prompt" ? "Not now" : "Got it"}
        </button>
      </div>
    </aside>
  );
}
