import { describe, expect, it } from "vitest";
import { shareFailureMessage } from "@data/shareTarget";
import { isIosSafari } from "./installWords";

const UA = {
  iphoneSafari: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
  iphoneChrome: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1",
  ipadDesktopMode: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
  android: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
};

describe("isIosSafari", () => {
  it("is Safari on iPhone, and on an iPad that asks for desktop sites (a Mac with touch)", () => {
    expect(isIosSafari(UA.iphoneSafari, 5)).toBe(true);
    expect(isIosSafari(UA.ipadDesktopMode, 5)).toBe(true);
  });
  it("is not Chrome on iOS, a Mac without touch, or Android", () => {
    expect(isIosSafari(UA.iphoneChrome, 5)).toBe(false);
    expect(isIosSafari(UA.ipadDesktopMode, 0)).toBe(false);
    expect(isIosSafari(UA.android, 5)).toBe(false);
  });
});

describe("shareFailureMessage", () => {
  it("says why a share was not kept, and nothing for a batch id", () => {
    expect(shareFailureMessage("failed")).toMatch(/could not keep the shared files/);
    expect(shareFailureMessage("failed-empty")).toMatch(/no files arrived/);
    expect(shareFailureMessage("failed-too-many")).toMatch(/up to 200/);
    expect(shareFailureMessage("m1x2-abc")).toBeNull();
  });
});
