import { useEffect, useState } from "react";
import type { AutoSyncState } from "@sync/scheduler";
import { syncFailureText } from "../settings/describeSync";
import { useAutoSync } from "./useAutoSync";

const ago = (at: number, now: number): string => {
  const min = Math.floor((now - at) / 60_000);
  if (min < 1) return "just now";
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  return h < 24 ? `${h} h ago` : new Date(at).toLocaleDateString();
};

/** What the header says about automatic sync: short words, the detail in the label. */
export function syncBadgeText(state: AutoSyncState, now: number): { short: string; label: string; tone: "ok" | "busy" | "warn" } {
  switch (state.phase) {
    case "syncing":
      return { short: "Syncing…", label: "Syncing with your bucket…", tone: "busy" };
    case "retrying":
      return { short: "Sync will retry", label: `Sync failed; trying again shortly. ${syncFailureText(state.error)} Open sync settings.`, tone: "warn" };
    case "paused":
      return { short: "Sync paused", label: `Sync is paused until you act: ${syncFailureText(state.error)} Open sync settings.`, tone: "warn" };
    default:
      return state.lastSyncAt
        ? { short: "Synced", label: `Synced ${ago(state.lastSyncAt, now)}. Open sync settings.`, tone: "ok" }
        : { short: "Sync on", label: "Sync is on. Open sync settings.", tone: "ok" };
  }
}

/** A small header button, shown only while sync is on or needs the user: opens Settings. */
export function SyncBadge({ onOpen }: { onOpen: () => void }) {
  const { on, state } = useAutoSync();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  if (!on && state.phase !== "paused") return null;
  const { short, label, tone } = syncBadgeText(state, now);
  return (
    <button type="button" className={`sync-badge sync-badge-${tone}`} onClick={onOpen} aria-label={label} title={label} data-testid="sync-badge">
      <span className="sync-badge-dot" aria-hidden="true" />
      <span className="sync-badge-text">{short}</span>
    </button>
  );
}
