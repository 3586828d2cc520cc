import { LearnerStateError, parseLearnerState } from "../../domain/outfits";
import { BadRecord, record, time } from "./fields";
import { kind, newerByKey, noCounts, table, type Counts } from "./kind";

/** The on-device outfit learner's state (its rules in domain/outfits). */
export interface LearnerRecord {
  /** LEARNER_ID; an unreadable state is kept aside as "me-unreadable" before it is replaced. */
  id: string;
  state: unknown;
  updatedAt: number;
}

export const LEARNER_ID = "me";

export const learnerTable = table<LearnerRecord>()("learner", "id", { 3: "id" });

export function parseLearner(raw: unknown): LearnerRecord {
  const r = record(raw);
  if (r.id !== LEARNER_ID) throw new BadRecord(`id is not "${LEARNER_ID}"`);
  try {
    return { id: LEARNER_ID, state: parseLearnerState(r.state), updatedAt: time(r.updatedAt, "updatedAt") };
  } catch (e) {
    if (e instanceof LearnerStateError) throw new BadRecord(e.why);
    throw e;
  }
}

export const learner = kind<LearnerRecord, Counts>()({
  name: "learner",
  since: 2,
  single: true,
  tables: [learnerTable],
  counts: noCounts,
  // Only a learner the app can read leaves the device: an unreadable one would make the whole file or document refused elsewhere.
  read: async (db) => {
    const rec = await learnerTable.of(db).get(LEARNER_ID);
    if (!rec) return [];
    try {
      return [{ id: rec.id, state: parseLearnerState(rec.state), updatedAt: rec.updatedAt }];
    } catch {
      return [];
    }
  },
  parse: parseLearner,
  keyOf: (l) => l.id,
  version: (l) => `l ${l.updatedAt}`,
  merge: newerByKey(learnerTable),
});
