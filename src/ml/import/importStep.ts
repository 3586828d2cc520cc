import type { Item } from "@domain/wardrobe/types";
import type { ProcessedPhoto } from "../image-client";
import type { RelatedRecords } from "@data/items";

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
  run(ctx: StepContext): Promise<StepOutput>;
}

export interface StepContext {
  photo: ProcessedPhoto;
  file: File;
  signal: AbortSignal;
  item: Partial<Item>;
  /** Messages for the user about this photo ("Looks like a near-duplicate of …"). */
  notes: string[];
}

/** Item fields the step fills, and records to store in the same transaction as the item. */
export interface StepOutput {
  fields: Partial<Item>;
  related?: RelatedRecords;
}
