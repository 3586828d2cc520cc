import { useEffect, useId, useRef, useState } from "react";
import { useOnline } from "../components/useOnline";

/**
 * "Offline" in the header while the device has no connection; pressing it says what
 * still works (nearly everything: the wardrobe, photos and their recognition, outfits,
 * style advice, backups) and what waits for a connection (sync, Shop the look).
 */
export function OfflineIndicator() {
  const online = useOnline();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  if (online) return null;
  return (
    <div className="offline-indicator">
      <button
        ref={button}
        type="button"
        className="offline-badge"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="offline-indicator"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="offline-dot" aria-hidden="true" />
        Offline
      </button>
      <div id={panelId} className="offline-panel" hidden={!open} role="region" aria-label="Working offline">
        <p>
          <strong>No connection.</strong> Still works: your wardrobe, adding photos (recognised on this device), outfits, style advice, and export or import of
          backups.
        </p>
        <p>Photo recognition and face analysis download once, the first time they are used (Settings → Storage can do it now).</p>
        <p>Needs a connection: sync with your bucket and Shop the look. Sync catches up by itself when you are back online.</p>
      </div>
    </div>
  );
}
