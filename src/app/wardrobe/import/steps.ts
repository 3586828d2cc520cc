import type { Item } from "../../../domain/wardrobe/types";
import type { ProcessedPhoto } from "../../../../workers/image/process";

/**
 * Per-photo analysis that runs after decoding and before the item is stored:
 * the vision work adds steps here (classify, dominant colours, embedding). A step
 * returns the item fields it fills; failures are reported as notes, never lose
 * the photo.
 */
export interface ImportStep {
  /** Shown to the user when the step fails, e.g. "Recognition". */
  label: string;
  /** Longer side of the bitmap the step needs in `photo.analysis` (e.g. 224). */
  analysisSide?: number;
  run(ctx: { photo: ProcessedPhoto; file: File; signal: AbortSignal; item: Partial<Item> }): Promise<Partial<Item>>;
}

/** The steps every import runs, in order. Empty until on-device models exist. */
export const importSteps: ImportStep[] = [];
