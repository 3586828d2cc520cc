import { table } from "./table";

/** The on-device outfit learner's state (its rules in domain/outfits). */
export interface LearnerRecord {
  /** LEARNER_ID; an unreadable state is kept aside as "me-unreadable" before it is replaced. */
  id: string;
  state: unknown;
  updatedAt: number;
}

export const LEARNER_ID = "me";

export const learnerTable = table<LearnerRecord>()("learner", "id", { 3: "id" });
