import { describe, expect, it } from "vitest";
import { isNum, isRec } from "./json";

describe("JSON value guards", () => {
  it("isRec: plain objects only", () => {
    expect(isRec({})).toBe(true);
    expect(isRec({ a: 1 })).toBe(true);
    expect(isRec(JSON.parse('{"x":[1]}'))).toBe(true);
    for (const v of [null, undefined, [], [1, 2], "{}", 3, true]) expect(isRec(v), JSON.stringify(v) ?? String(v)).toBe(false);
  });

  it("isNum: finite numbers only", () => {
    for (const v of [0, -1.5, 1e300, Number.MIN_VALUE]) expect(isNum(v), String(v)).toBe(true);
    for (const v of [NaN, Infinity, -Infinity, "3", null, undefined, {}, [1]]) expect(isNum(v), String(v)).toBe(false);
  });
});
