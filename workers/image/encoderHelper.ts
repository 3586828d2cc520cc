/**
 * The encoder helper thread (workers/encoder.worker.ts), started by the image worker on
 * its first photo of several pieces where the device has a core to spare, and kept while
 * the image worker lives. If it cannot start or stops, every call waiting on it rejects
 * (the caller encodes that piece itself) and no helper is used again.
 */
import { transfer, wrap, type Remote } from "comlink";
import type { EncoderApi } from "../encoder.worker";
import type { CutOut, EncodeTimings } from "./encodePiece";

export interface EncoderHelper {
  encode(bitmap: ImageBitmap): Promise<{ cut: CutOut; timings: EncodeTimings }>;
}

let helper: EncoderHelper | null | undefined;

export function encoderHelper(): EncoderHelper | null {
  if (helper !== undefined) return helper;
  helper = null;
  if (typeof Worker === "undefined" || (globalThis.navigator?.hardwareConcurrency ?? 1) < 2) return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL("../encoder.worker.ts", import.meta.url), { type: "module", name: "curator-encoder" });
  } catch {
    return null;
  }
  const api: Remote<EncoderApi> = wrap<EncoderApi>(worker);
  const failed = new Promise<never>((_, reject) => {
    const stop = (why: string) => {
      helper = null;
      worker.terminate();
      reject(new Error(why));
    };
    worker.addEventListener("error", () => stop("The encoder helper stopped."));
    worker.addEventListener("messageerror", () => stop("The encoder helper could not read a piece."));
  });
  failed.catch(() => {}); // a call waiting on it gets the rejection; nobody else needs it
  const started: EncoderHelper = { encode: (bitmap) => Promise.race([api.encode(transfer(bitmap, [bitmap])), failed]) };
  helper = started;
  return started;
}
