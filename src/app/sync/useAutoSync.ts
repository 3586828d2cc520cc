import { useEffect, useSyncExternalStore } from "react";
import { autoSyncView, startAutoSync, subscribeAutoSync, type AutoSyncView } from "@sync/auto";
import { describeSyncSummary } from "../settings/describeSync";

/** The automatic sync's state (src/sync/auto.ts), for the badge and the Sync section. */
export const useAutoSync = (): AutoSyncView => useSyncExternalStore(subscribeAutoSync, autoSyncView);

/** Used once by the App: automatic sync for the app's life, its summaries in the screens' words. */
export function useAutoSyncRunner(): void {
  useEffect(() => startAutoSync({ describe: describeSyncSummary }), []);
}
