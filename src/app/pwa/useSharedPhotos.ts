import { useEffect, useRef } from "react";
import { forgetShare, waitingShares } from "@data/shareInbox";
import { shareFailureMessage } from "@data/shareTarget";
import { userMessage } from "@data/errors";
import { useToast } from "../components/toastContext";
import { launch, SHARED_EVENT } from "./launch";

/** Batches this page has already handed to an import (another pass must not import them twice). */
const taken = new Set<string>();

/**
 * Photos shared into Curator (Share → Curator, Open with) wait in the inbox until the
 * Wardrobe is on screen and not importing; then they go through the normal import —
 * progress, review, per-file report — in one batch. A batch is forgotten only once
 * the import has reported on it, so closing the app mid-way loses nothing.
 * `importFiles` resolves to false when the import could not run at all.
 */
export function useSharedPhotos(importFiles: (files: File[]) => Promise<boolean>, busy: boolean): void {
  const toast = useToast();
  const run = useRef(importFiles);
  useEffect(() => {
    run.current = importFiles;
  });

  // A share the service worker could not keep: say so once.
  useEffect(() => {
    const failure = launch.shared ? shareFailureMessage(launch.shared) : null;
    if (!failure) return;
    launch.shared = null;
    toast.show({ message: failure, tone: "error", duration: Infinity });
  }, [toast]);

  useEffect(() => {
    if (busy) return;
    let stopped = false;
    const take = async () => {
      try {
        const batches = (await waitingShares()).filter((b) => !taken.has(b.id));
        if (stopped || batches.length === 0) return;
        for (const b of batches) taken.add(b.id);
        const ran = await run.current(batches.flatMap((b) => b.files));
        if (ran) await Promise.all(batches.map((b) => forgetShare(b.id)));
      } catch (e) {
        toast.show({ message: `The shared photos could not be read: ${userMessage(e)}`, tone: "error", duration: Infinity });
      }
    };
    void take();
    window.addEventListener(SHARED_EVENT, take);
    return () => {
      stopped = true;
      window.removeEventListener(SHARED_EVENT, take);
    };
  }, [busy, toast]);
}
