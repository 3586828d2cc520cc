import { useEffect, useSyncExternalStore } from "react";
import { db } from "../../data/db";
import { getSetting, isDeviceSetting, type SyncConnection } from "../../data/settings";
import type { SyncConfig } from "../../sync";
import { CancelledError } from "../../domain/errors";
import { describeSyncSummary, SYNC_SETTING } from "../settings/describeSync";
import { SyncScheduler, type AutoSyncState } from "./scheduler";

/**
 * Automatic sync while sync is on and the passphrase is at hand (remembered, or
 * entered this session): shortly after the app starts, a few seconds after local
 * changes, when the browser is back online, and when the tab comes back after a
 * while. Nothing runs, and the sync engine is never loaded, while sync is off.
 */

/** This device's connection as stored in the device-only setting. */
export type StoredSync = SyncConnection;

export const toConfig = (c: { endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string }, passphrase: string): SyncConfig => ({
  endpoint: c.endpoint.trim(),
  region: c.region.trim() || "us-east-1",
  bucket: c.bucket.trim(),
  accessKeyId: c.accessKeyId.trim(),
  secretAccessKey: c.secretAccessKey.trim(),
  passphrase,
});

// The sync engine and the S3 SDK are loaded only when a sync runs.
const loadSync = () => import("../../sync");

// A passphrase that is not remembered lives here for the page's life: switching tabs keeps it, a reload forgets it.
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

let active = false;
let running: AbortController | null = null;
const scheduler = new SyncScheduler(runAuto, (state) => publish({ ...view, state }));

async function currentConnection(): Promise<{ stored: StoredSync; passphrase: string } | null> {
  const stored = await getSetting(SYNC_SETTING);
  const passphrase = stored ? (stored.passphrase ?? passphraseThisSession) : "";
  return stored && passphrase ? { stored, passphrase } : null;
}

/** Keeps the last sync's summary on the stored connection, unless sync was turned off meanwhile. */
export async function recordLastSync(text: string, at = Date.now()): Promise<StoredSync | null> {
  return db.transaction("rw", db.settings, async () => {
    const rec = await db.settings.get(SYNC_SETTING);
    if (!rec?.value) return null;
    const next: StoredSync = { ...(rec.value as StoredSync), lastSync: { at, text } };
    await db.settings.put({ ...rec, value: next });
    return next;
  });
}

async function runAuto(): Promise<void> {
  const connection = await currentConnection();
  // Turned off (or the passphrase forgotten) meanwhile: nothing to do, and not a sync.
  if (!connection) throw new CancelledError("Sync is off.");
  const controller = new AbortController();
  running = controller;
  try {
    const sync = await loadSync();
    const summary = await sync.syncNow(toConfig(connection.stored, connection.passphrase), { signal: controller.signal });
    await recordLastSync(describeSyncSummary(summary));
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

function installChangeHooks(): void {
  if (installed) return;
  installed = true;
  for (const table of [db.items, db.images, db.profile, db.predictions, db.outfits, db.wearLog, db.learner]) {
    table.hook("creating", notifyChange);
    table.hook("updating", notifyChange);
    table.hook("deleting", notifyChange);
  }
  // This device's own settings (the sync connection and its last-sync note) are never synced: not a change.
  db.settings.hook("creating", (key) => void (isDeviceSetting(String(key)) || notifyChange()));
  db.settings.hook("updating", (_mods, key) => void (isDeviceSetting(String(key)) || notifyChange()));
  db.settings.hook("deleting", (key) => void (isDeviceSetting(String(key)) || notifyChange()));
}

/** Starts watching for reasons to sync; returns the stop function. */
export function startAutoSync(): () => void {
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

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The automatic sync's state, for the Sync section. */
export const useAutoSync = (): AutoSyncView => useSyncExternalStore(subscribe, () => view);

/** Used once by the App: automatic sync for the app's life. */
export function useAutoSyncRunner(): void {
  useEffect(() => startAutoSync(), []);
}
