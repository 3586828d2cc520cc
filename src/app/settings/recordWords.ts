import type { KindName } from "@data/schema";

/**
 * How the screens name each kind of record (data/schema). Typed by the registry's
 * kinds: a new kind does not compile until it has words here. Key order is the
 * order the screens list kinds in.
 */
export interface RecordWords {
  /** "2 saved outfits": how many came in or went. A single-record kind has no count: its `one` is the whole phrase. */
  one: string;
  many: string;
  /** How a refusal names one record: "Saved outfit 3 …", "The profile …". */
  label: string;
  /** Whether the sync's one-line summary counts its changes (bookkeeping kinds are left out). */
  noticed: boolean;
}

export const RECORD_WORDS: Record<KindName, RecordWords> = {
  items: { one: "item", many: "items", label: "Item", noticed: true },
  outfits: { one: "saved outfit", many: "saved outfits", label: "Saved outfit", noticed: true },
  wearLog: { one: "wear record", many: "wear records", label: "Wear record", noticed: true },
  settings: { one: "setting", many: "settings", label: "Setting", noticed: false },
  predictions: { one: "recognition record", many: "recognition records", label: "Recognition record", noticed: false },
  profile: { one: "your profile", many: "your profile", label: "The profile", noticed: true },
  learner: { one: "your outfit preferences", many: "your outfit preferences", label: "The outfit learner", noticed: false },
};

/** Photos travel with their items; a refusal names them too. */
export const PHOTO_LABEL = "Photo";

export const labelOf = (kind: KindName | "images") => (kind === "images" ? PHOTO_LABEL : RECORD_WORDS[kind].label);

/** "1 saved outfit", "3 wear records"; a single-record kind's phrase as it is. */
export function countOf(kind: KindName, n: number, single: boolean): string {
  const w = RECORD_WORDS[kind];
  if (single) return w.one;
  return `${n} ${n === 1 ? w.one : w.many}`;
}

export const listed = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? ""));
