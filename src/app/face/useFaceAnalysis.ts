import { useCallback, useEffect, useRef, useState } from "react";
import { FaceAnalysisError, faceClient, type FaceAnalysis, type LoadProgress } from "@ml/face-client";
import { checkStylePhoto, StylePhotoRefused } from "./photoLimit";

/** Where the Style screen is in one analysis; each state carries what that step shows. */
export type FaceState =
  | { phase: "idle" }
  | { phase: "working"; photoUrl: string; progress: LoadProgress | null }
  | { phase: "done"; photoUrl: string; photo: File; result: FaceAnalysis }
  | { phase: "failed"; photoUrl: string | null; message: string };

/**
 * Runs one photo through the face worker: shows model-loading progress, can be
 * cancelled (a newer photo cancels the older one too), and frees the photo's object URL
 * when it is replaced or the screen closes. The photo stays in memory only.
 */
export function useFaceAnalysis() {
  const [state, setState] = useState<FaceState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);
  const url = useRef<string | null>(null);

  const replaceUrl = (next: string | null) => {
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = next;
  };

  useEffect(
    () => () => {
      controller.current?.abort();
      if (url.current) URL.revokeObjectURL(url.current);
    },
    [],
  );

  const analyse = useCallback(async (photo: File) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const photoUrl = URL.createObjectURL(photo);
    replaceUrl(photoUrl);
    setState({ phase: "working", photoUrl, progress: null });
    try {
      // Only a photo whose header gives a size within the limit is ever decoded.
      await checkStylePhoto(photo);
      if (abort.signal.aborted) return;
      const result = await faceClient.analyse(photo, {
        signal: abort.signal,
        onProgress: (progress) => {
          if (!abort.signal.aborted) setState({ phase: "working", photoUrl, progress });
        },
      });
      if (!abort.signal.aborted) setState({ phase: "done", photoUrl, photo, result });
    } catch (err) {
      if (abort.signal.aborted) return; // replaced or cancelled: the newer state stands
      const message = err instanceof Error ? err.message : "Face analysis failed.";
      const readable = !(err instanceof FaceAnalysisError && err.code === "unreadable") && !(err instanceof StylePhotoRefused);
      if (!readable) replaceUrl(null);
      setState({ phase: "failed", photoUrl: readable ? photoUrl : null, message });
    }
  }, []);

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    replaceUrl(null);
    setState({ phase: "idle" });
  }, []);

  /** Starts loading the models while the user is still picking a photo. */
  const prepare = useCallback(() => {
    void faceClient.warmUp().catch(() => undefined); // a real failure surfaces on analyse
  }, []);

  return { state, analyse, cancel, prepare };
}
