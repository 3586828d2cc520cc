import type { PredictionLog } from "@domain/vision/predictionLog";
import { upgradePredictionModelRefs } from "../../upgrades/modelRefs";
import { table } from "./table";

/**
 * The recognition log: every prediction and correction, with the model (type in
 * domain/vision). v5: model identities become objects, which IndexedDB cannot index
 * (and nothing looked records up by model), so that index goes.
 */
export const predictionsTable = table<PredictionLog>()(
  "predictions",
  "id",
  { 2: "id, itemId, createdAt, modelVersion, outcome", 5: "id, itemId, createdAt, outcome" },
  { upgrades: { 5: upgradePredictionModelRefs } },
);
