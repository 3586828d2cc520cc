import { LearnerStateError, parseLearnerState } from "@domain/outfits";
import { BadRecord, record, time } from "./fields";
import { mergeNewer, noCounts, type Counts, type RecordKind } from "./kind";
import { LEARNER_ID, learnerTable, type LearnerRecord } from "./tables/learner";

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

export const learner = {
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
  merge: (ctx, rows) => mergeNewer(learnerTable, ctx, rows),
} satisfies RecordKind<"learner", LearnerRecord, Counts>;
