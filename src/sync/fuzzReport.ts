/**
 * The sync fuzzer's report (fuzzTestkit.ts runs it): the faults and operations it
 * counts, one run's report and the soak's totals, and how two devices' dumps are
 * compared (records the merge matches by content keyed alike, the first difference named).
 */

export const FAULTS = ["cut", "concurrent", "cleanup", "skewed-clock", "keyfile-removed", "replayed-records", "photo-lost"] as const;
export type Fault = (typeof FAULTS)[number];
export const OPERATIONS = ["add", "edit", "delete", "restore", "photo", "purge", "wear", "unwear", "setting", "sync"] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface FuzzReport {
  seed: number;
  rounds: number;
  /** Operations done, per device (index) and kind. */
  operations: Record<Operation, number>[];
  faults: Record<Fault, number>;
  /** Syncs that ended in a refusal or failure the fault explains, by code/reason. */
  refusals: Record<string, number>;
  syncs: { ok: number; failed: number };
  /** Skew of each device's clock, in hours. */
  skewHours: number[];
  items: number;
  photos: number;
  /** Items whose newest written version is not what every device holds (not deleted ones), and live items whose photo is missing or wrong. */
  itemsLost: number;
  photosLost: number;
  /** Anything that broke an invariant (empty when the run passed). */
  problems: string[];
}

/**
 * A dump with saved outfits and wears identified as the merge matches them (an
 * outfit by its items, a wear by its day and items): two devices may keep the same
 * one under different ids and creation times for ever, by design (schema/tombstones.ts).
 */
export function byKeys(text: string): string {
  const d = JSON.parse(text) as Record<string, Record<string, unknown>[]>;
  const items = (r: Record<string, unknown>) => [...((r.itemIds as string[]) ?? [])].sort().join("+");
  const outfitKeys = new Map((d.outfits ?? []).map((o) => [o.id, items(o)]));
  const rekey = (rows: Record<string, unknown>[], key: (r: Record<string, unknown>) => string) =>
    rows
      .map(({ id: _id, createdAt: _created, ...r }) => ({
        ...r,
        id: key(r),
        ...(r.outfitId !== undefined ? { outfitId: r.outfitId === null ? null : (outfitKeys.get(r.outfitId as string) ?? "unknown outfit") } : {}),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  d.outfits = rekey(d.outfits ?? [], items);
  d.wearLog = rekey(d.wearLog ?? [], (w) => `${String(w.date)} ${items(w)}`);
  return JSON.stringify(d);
}

/** Where two dumps (syncTestkit's) first differ: the table and the row, each side shortened. */
export function firstDifference(a: string, b: string): string {
  const [x, y] = [JSON.parse(a) as Record<string, Record<string, unknown>[]>, JSON.parse(b) as Record<string, Record<string, unknown>[]>];
  for (const table of Object.keys(x)) {
    const key = (r: Record<string, unknown>) => String(r.id ?? r.key);
    const here = new Map((x[table] ?? []).map((r) => [key(r), JSON.stringify(r)]));
    const there = new Map((y[table] ?? []).map((r) => [key(r), JSON.stringify(r)]));
    for (const id of new Set([...here.keys(), ...there.keys()]))
      if (here.get(id) !== there.get(id)) {
        // Records matched by a key (a wear's day and items) rather than their id: show their namesakes on both sides too.
        const row = JSON.parse(here.get(id) ?? there.get(id)!) as { date?: string; itemIds?: string[] };
        const same = (r: Record<string, unknown>) =>
          row.date !== undefined &&
          r.date === row.date &&
          JSON.stringify([...((r.itemIds as string[]) ?? [])].sort()) === JSON.stringify([...(row.itemIds ?? [])].sort());
        const kin = row.date ? ` | here: ${JSON.stringify((x[table] ?? []).filter(same))} | there: ${JSON.stringify((y[table] ?? []).filter(same))}` : "";
        return `${table} ${id}: ${here.get(id)?.slice(0, 400) ?? "none"} ≠ ${there.get(id)?.slice(0, 400) ?? "none"}${kin}`;
      }
  }
  return "(same rows, another order)";
}

/** Adds reports up (for the soak's totals). */
export function totals(
  reports: FuzzReport[],
): Omit<FuzzReport, "seed" | "problems" | "skewHours" | "operations"> & { operations: Record<Operation, number>; problems: number } {
  const ops = Object.fromEntries(OPERATIONS.map((o) => [o, 0])) as Record<Operation, number>;
  const faults = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  const refusals: Record<string, number> = {};
  const out = { rounds: 0, operations: ops, faults, refusals, syncs: { ok: 0, failed: 0 }, items: 0, photos: 0, itemsLost: 0, photosLost: 0, problems: 0 };
  for (const r of reports) {
    out.rounds += r.rounds;
    for (const d of r.operations) for (const o of OPERATIONS) ops[o] += d[o];
    for (const f of FAULTS) faults[f] += r.faults[f];
    for (const [k, v] of Object.entries(r.refusals)) refusals[k] = (refusals[k] ?? 0) + v;
    out.syncs.ok += r.syncs.ok;
    out.syncs.failed += r.syncs.failed;
    out.items += r.items;
    out.photos += r.photos;
    out.itemsLost += r.itemsLost;
    out.photosLost += r.photosLost;
    out.problems += r.problems.length;
  }
  return out;
}
