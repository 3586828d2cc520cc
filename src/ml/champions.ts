/** The champion models this build ships (models/registry.json at build time), as the app uses them. */
import models from "virtual:curator-models";
import type { ModelRef } from "@domain/vision/modelRef";
import type { PersonalParams } from "@domain/vision/personal";
import { PERSONAL_DEFAULTS } from "@domain/vision/personal";
import type { ClassLabel } from "@domain/vision/recognise";
import type { ModelInfo } from "./modelInfo";

const find = (name: ModelInfo["name"]) => models.find((m) => m.name === name) ?? null;
const classifier = find("garment-classifier");
const embedder = find("garment-embedder");

export const CLASSIFIER: ModelRef | null = classifier && { name: classifier.name, version: classifier.version };
export const EMBEDDER: ModelRef | null = embedder && { name: embedder.name, version: embedder.version };

/** Output index -> kind, as the classifier was trained. */
export const CLASSIFIER_LABELS: readonly ClassLabel[] = classifier?.labels ?? [];

/** The personal-recognition blend fitted with the classifier (defaults for older models). */
export const PERSONAL_PARAMS: PersonalParams = { ...PERSONAL_DEFAULTS, ...(classifier?.calibration?.personal ?? {}) };

export const ENERGY_THRESHOLD: number | null = classifier?.calibration?.energyThreshold ?? null;
