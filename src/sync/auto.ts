import { CancelledError } from "@domain/errors";
import { db } from "@data/db";
import { ALL_TABLES as TABLES } from "@data/schema/tables/index";
import { readConnection, recordLastSync, toConfig, type Secret, type SyncConnection } from "./connection";
import { SyncScheduler, type AutoSyncState, type SchedulerOptions } from "./scheduler";
import type { SyncSummary } from "./sync";

/**
 * Automatic sync while sync is on and the passphrase is at hand (remembered, or
 * entered this session): shortly after the app starts, a few seconds after local
 * changes, when the browser is back online, and when the tab comes back after a
 * while. Nothing runs, and the sync engine is never loaded, while sync is off.
 * The screens follow it through subscribeAutoSync (app/sync/useAutoSync.ts).
 */

// The sync engine and the S3 SDK are loaded only when a sync runs.
const loadSync = () => import("./sync");

// The passphrase lives here for the page's life (switching tabs keeps it, a reload forgets it); a device asked to
// remember opens the bucket with the keys it stored instead.
let passphraseThisSession = "";
export const getSessionPassphrase = () => passphraseThisSession;
export function setSessionPassphrase(p: string): void {
  passphraseThisSession = p;
  void autoSyncSettingsChanged();
}

export interface AutoSyncView {
  /** Sync is on and the passphrase is at hand: syncs run by themselves. */
  on: boolean;
  state: AutoSyncState;
}

let view: AutoSyncView = { on: false, state: { phase: "idle", lastSyncAt: null } };
const listeners = new Set<() => void>();
const publish = (next: AutoSyncView) => {
  view = next;
  for (const l of listeners) l();
};

export const autoSyncView = (): AutoSyncView => view;
export function subscribeAutoSync(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let active = false;
let running: AbortController | null = null;
/** How a finished sync is summed up for the connection's "last synced" line (the screen's words, given at start). */
let describe: (summary: SyncSummary) => string = () => "";
const scheduler = new SyncScheduler(runAuto, (state) => publish({ ...view, state }));

/** The stored connection and what opens its bucket: the session passphrase, remembered keys (or an earlier version's stored passphrase). */
async function currentConnection(): Promise<{ stored: SyncConnection; secret: Secret } | null> {
  const stored = await readConnection();
  if (!stored) return null;
  const secret: Secret = { passphrase: passphraseThisSession || stored.passphrase || undefined, keys: stored.keys };
  return secret.passphrase || secret.keys ? { stored, secret } : null;
}

async function runAuto(): Promise<void> {
  const connection = await currentConnection();
  // Turned off (or the passphrase forgotten) meanwhile: nothing to do, and not a sync.
  if (!connection) throw new CancelledError("Sync is off.");
  const controller = new AbortController();
  running = controller;
  try {
    const sync = await loadSync();
    const summary = await sync.syncNow(toConfig(connection.stored, connection.secret), { signal: controller.signal });
    await recordLastSync(describe(summary), Date.now(), summary.keys);
  } finally {
    running = null;
  }
}

/** A sync the user asked for: never at the same time as an automatic one; success lifts a pause. */
export const runSyncManually = <T>(work: () => Promise<T>): Promise<T> => scheduler.runManually(work);

/** Call after the connection or the session passphrase changed: turns automatic sync on or off. */
export async function autoSyncSettingsChanged(): Promise<void> {
  active = (await currentConnection()) !== null;
  if (!active) running?.abort();
  scheduler.resume();
  publish({ ...view, on: active });
}

const notifyChange = () => {
  if (active) scheduler.changed();
};

let installed = false;

/** Every change to a table of the record schema that sync carries (not this device's own settings) asks for a sync. */
function installChangeHooks(): void {
  if (installed) return;
  installed = true;
  for (const def of TABLES) {
    const table = def.of(db);
    const changed = (key: unknown, row?: unknown) => {
      if (def.syncs(key ?? (row as Record<string, unknown> | undefined)?.[def.key])) notifyChange();
    };
    table.hook("creating", (key, row) => void changed(key, row));
    table.hook("updating", (_mods, key) => void changed(key));
    table.hook("deleting", (key) => void changed(key));
  }
}

/**
 * Starts watching for reasons to sync; returns the stop function. `describe` words a sync's summary for "last synced";
 * `timing` changes the scheduler's waits (tests; the app keeps the defaults).
 */
export function startAutoSync(options: { describe: (summary: SyncSummary) => string; timing?: Partial<SchedulerOptions> }): () => void {
  describe = options.describe;
  scheduler.tune(options.timing ?? {});
  installChangeHooks();
  const online = () => active && scheduler.online();
  const visibility = () => active && scheduler.visibility(document.visibilityState === "visible");
  window.addEventListener("online", online);
  document.addEventListener("visibilitychange", visibility);
  let stopped = false;
  void autoSyncSettingsChanged().then(() => {
    if (!stopped && active) scheduler.started();
  });
  return () => {
    stopped = true;
    window.removeEventListener("online", online);
    document.removeEventListener("visibilitychange", visibility);
    active = false;
    running?.abort();
    scheduler.resume();
  };
}
