import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshDatabasePerTest } from "../backupTestkit";
import { db } from "../db";
import { mergeBackup, type Backup } from "../merge";
import { emptyRecords } from "./index";
import { contentText, incomingWins, keptOnTie, outcome } from "./kind";
import { settingsTable, type SettingRecord } from "./tables/settings";

// The merge's tie rule: two different copies dated alike are settled by their content, the
// same way on every device. These pin the canonical content text it compares and the rule.

describe("contentText", () => {
  it("is the same text for equal content whatever the key order, at any depth", () => {
    expect(contentText({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(contentText({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 })).toBe(contentText({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }));
    // Arrays keep their order: a different order is different content.
    expect(contentText({ a: [1, 2] })).not.toBe(contentText({ a: [2, 1] }));
  });

  it("writes a Blob as its type and size, anywhere in the record", () => {
    const blob = new Blob(["abcd"], { type: "image/webp" });
    expect(contentText({ photo: blob, list: [blob] })).toBe('{"list":["blob image/webp 4"],"photo":"blob image/webp 4"}');
    expect(contentText({ photo: new Blob(["abc"], { type: "image/webp" }) })).not.toBe(contentText({ photo: blob }));
  });

  it("leaves out the named top-level fields only", () => {
    const item = { id: "a", wearCount: 3, nested: { wearCount: 1 } };
    expect(contentText(item, ["wearCount"])).toBe('{"id":"a","nested":{"wearCount":1}}');
    expect(contentText({ ...item, wearCount: 9 }, ["wearCount"])).toBe(contentText(item, ["wearCount"]));
    expect(contentText(item)).toBe('{"id":"a","nested":{"wearCount":1},"wearCount":3}');
  });

  it("takes values that are not records as they are (an array's indices are not fields to leave out)", () => {
    expect(contentText([{ b: 1, a: 2 }, 3], ["0"])).toBe('[{"a":2,"b":1},3]');
    expect(contentText(null, ["a"])).toBe("null");
    expect(contentText("text")).toBe('"text"');
    expect(contentText(7)).toBe("7");
  });
});

describe("the tie rule", () => {
  const at = (updatedAt: number, note: string) => ({ updatedAt, note });
  // '{"note":"b",…}' sorts after '{"note":"a",…}': on a tie, "b" is the copy every device keeps.
  const a = at(5, "a");
  const b = at(5, "b");

  it("the newer copy wins; a copy with nothing here is taken", () => {
    expect(incomingWins(at(6, "a"), b)).toBe(true);
    expect(incomingWins(at(4, "z"), a)).toBe(false);
    expect(incomingWins(a, undefined)).toBe(true);
    expect(outcome(a, undefined)).toBe("added");
    expect(outcome(at(6, "a"), b)).toBe("updated");
    expect(outcome(at(4, "z"), a)).toBe("unchanged");
  });

  it("dated alike: the greater content wins on both sides, an equal copy changes nothing", () => {
    expect(incomingWins(b, a)).toBe(true);
    expect(incomingWins(a, b)).toBe(false);
    expect(incomingWins(at(5, "a"), a)).toBe(false);
    expect(outcome(b, a)).toBe("updated");
    expect(outcome(a, b)).toBe("unchanged");
  });

  it("says when the copy here won a tie against a different incoming copy (the source must be told)", () => {
    expect(keptOnTie(a, b)).toBe(true);
    expect(keptOnTie(b, a)).toBe(false);
    expect(keptOnTie(at(5, "a"), a)).toBe(false);
    expect(keptOnTie(at(4, "a"), b)).toBe(false);
    expect(keptOnTie(at(6, "a"), b)).toBe(false);
    expect(keptOnTie(a, undefined)).toBe(false);
  });

  it("compares by the content function given", () => {
    // By length "aaa" beats "zz"; by the whole content text it would lose.
    const byLength = (r: { note: string }) => String(r.note.length);
    expect(incomingWins(at(5, "aaa"), at(5, "zz"))).toBe(false);
    expect(incomingWins(at(5, "aaa"), at(5, "zz"), byLength)).toBe(true);
    expect(outcome(at(5, "aaa"), at(5, "zz"), byLength)).toBe("updated");
    expect(keptOnTie(at(5, "aaa"), at(5, "zz"), byLength)).toBe(false);
    expect(keptOnTie(at(5, "zz"), at(5, "aaa"), byLength)).toBe(true);
  });
});

describe("mergeNewer (settings)", () => {
  freshDatabasePerTest();
  const setting = (key: string, value: unknown, updatedAt: number): SettingRecord => ({ key, value, updatedAt });
  const merge = async (settings: SettingRecord[], ties = { keptHere: 0 }) => {
    const backup = { ...emptyRecords(), settings, images: new Map() } as Backup;
    return { summary: await mergeBackup(backup, db, ties), ties };
  };

  it("writes the copies that win, counts each, and counts the ties the copy here won", async () => {
    await settingsTable.of(db).bulkPut([setting("backend", "wasm", 5), setting("outfits.filters", "b", 5), setting("outfits.trip", null, 9)]);
    const { summary, ties } = await merge([
      setting("backend", "webgpu", 5), // a tie the incoming copy wins ("webgpu" > "wasm")
      setting("outfits.filters", "a", 5), // a tie the copy here wins: counted for the source
      setting("outfits.trip", null, 8), // older: unchanged
      setting("outfits.palette", null, 1), // new here
    ]);
    expect(summary.settings).toEqual({ added: 1, updated: 1, unchanged: 2 });
    expect(ties.keptHere).toBe(1);
    const rows = new Map((await settingsTable.of(db).toArray()).map((s) => [s.key, s.value]));
    expect(rows.get("backend")).toBe("webgpu");
    expect(rows.get("outfits.filters")).toBe("b");
    expect(rows.has("outfits.palette")).toBe(true);
  });

  it("never takes a device-only setting from outside, and does not count it", async () => {
    await settingsTable.of(db).put(setting("device:shopEndpoint", "/api", 1));
    const { summary, ties } = await merge([
      setting("device:shopEndpoint", "https://evil.example", 9),
      setting("device:weather", { enabled: true, place: null }, 9),
    ]);
    expect(summary.settings).toEqual({ added: 0, updated: 0, unchanged: 0 });
    expect(ties.keptHere).toBe(0);
    expect(await settingsTable.of(db).get("device:shopEndpoint")).toEqual(setting("device:shopEndpoint", "/api", 1));
    expect(await settingsTable.of(db).get("device:weather")).toBeUndefined();
  });
});
