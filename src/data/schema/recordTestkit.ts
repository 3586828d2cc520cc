import { expect } from "vitest";
import { BadRecord } from "./fields";

/** The words a record parser refuses with ("(accepted)" when it does not); anything but a BadRecord fails the test. */
export function why(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(BadRecord);
    return (e as Error).message;
  }
  return "(accepted)";
}

/** Each damaged record in `cases` is refused by `parse` with exactly its words. */
export function refusesEach(parse: (raw: unknown) => unknown, cases: [unknown, string][]): void {
  for (const [raw, words] of cases)
    expect(
      why(() => parse(raw)),
      words,
    ).toBe(words);
}
