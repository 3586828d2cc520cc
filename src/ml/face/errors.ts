/** Why a face analysis could not give an answer (the "no face"-style outcomes are results, not errors). */
export type FaceErrorCode = "unreadable" | "engine" | "not-downloaded";

export class FaceAnalysisError extends Error {
  constructor(
    readonly code: FaceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "FaceAnalysisError";
  }
}
