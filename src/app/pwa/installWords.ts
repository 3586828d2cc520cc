// When and how Curator suggests installing itself. Quiet by design: only once the user
// has added a few items (they have shown they want the app), never while it already
// runs installed, and "Not now" is remembered on this device.

/** Items in the wardrobe before the suggestion appears. */
export const INSTALL_AFTER_ITEMS = 3;
const DISMISSED_KEY = "curator:install-dismissed";

export type InstallRoute = "prompt" | "ios" | null;

/** iPhone/iPad Safari: no install prompt exists there, only Share → Add to Home Screen. */
export function isIosSafari(ua: string, maxTouchPoints: number): boolean {
  const ios = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && maxTouchPoints > 1);
  // Other iOS browsers (CriOS, FxiOS, EdgiOS) add themselves to the user agent.
  return ios && /Safari\//.test(ua) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(ua);
}

export function runsInstalled(): boolean {
  return matchMedia("(display-mode: standalone)").matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
}

export function wasDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) !== null;
  } catch {
    return false;
  }
}

export function rememberDismissed(now = Date.now()): void {
  try {
    localStorage.setItem(DISMISSED_KEY, String(now));
  } catch {
    /* private mode: asked again next visit */
  }
}
