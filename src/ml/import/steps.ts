import { visionStep } from "./visionStep";
import type { ImportStep } from "./importStep";

// What a step is lives in importStep.ts, which the steps import (so no step imports this list).
export type { ImportStep, StepContext, StepOutput } from "./importStep";

/** The steps every import runs, in order: on-device recognition. */
export const importSteps: ImportStep[] = [visionStep];
