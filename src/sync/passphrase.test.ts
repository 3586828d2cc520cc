import { describe, expect, it } from "vitest";
import { MIN_PASSPHRASE_BITS, MIN_PASSPHRASE_LENGTH, passphraseBits, passphraseProblem } from "./passphrase";

describe("how strong a new bucket's passphrase must be", () => {
  it("asks for at least 12 characters, counted as the user sees them (not UTF-16 units)", () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(12);
    expect(passphraseProblem("Xk9#mQ2$vL7")).toBe("Use at least 12 characters (a few unrelated words is easiest to remember).");
    // Eleven emoji are 22 UTF-16 units but eleven characters.
    expect(passphraseProblem("🧥👗👠🧣🧤👒🕶👜🎒👟👔")).toMatch(/^Use at least 12 characters/);
  });

  it("accepts unrelated words and mixed characters, and refuses repeats, runs, keyboard rows and common passwords", () => {
    const weak = "This passphrase is too easy to guess (repeats, runs like 1234 or abcd, or a common password). Add a few unrelated words.";
    for (const good of ["correct horse battery staple", "Xk9#mQ2$vL7p", "velvet tram oyster lamp", "Ünïcödé-wörds-ärë-fïnë"])
      expect(passphraseProblem(good), good).toBeNull();
    for (const bad of [
      "aaaaaaaaaaaaaaaa",
      "abcdefghijklmnop",
      "1234567890123456",
      "qwertyuiopasdfgh",
      "poiuytrewqlkjhgf",
      "password12345678",
      "curatorwardrobe1",
      "abababababababab",
      "9876543210987654",
    ])
      expect(passphraseProblem(bad), bad).toBe(weak);
  });

  it("estimates bits from the characters used and the unpredictable ones", () => {
    expect(MIN_PASSPHRASE_BITS).toBe(60);
    // 12 unrelated lower-case letters: 12 × log2(26).
    expect(passphraseBits("qmzjxvkwpfhb")).toBeCloseTo(12 * Math.log2(26), 6);
    // Each character class widens the alphabet: lower 26, upper +26, digits +10, ASCII symbols +33, others +100.
    expect(passphraseBits("qZ")).toBeCloseTo(2 * Math.log2(52), 6);
    expect(passphraseBits("q7")).toBeCloseTo(2 * Math.log2(36), 6);
    expect(passphraseBits("q#")).toBeCloseTo(2 * Math.log2(59), 6);
    expect(passphraseBits("qé")).toBeCloseTo(2 * Math.log2(26 + 100), 6);
    expect(passphraseBits("")).toBe(0);
    // A repeat and a one-step run add nothing; a common word counts as one character.
    expect(passphraseBits("qq")).toBeCloseTo(1 * Math.log2(26), 6);
    expect(passphraseBits("qr")).toBeCloseTo(1 * Math.log2(26), 6);
    expect(passphraseBits("rq")).toBeCloseTo(1 * Math.log2(26), 6);
    expect(passphraseBits("adminxqz")).toBeCloseTo((8 - 4) * Math.log2(26), 6); // "admin" is worth one character
    expect(passphraseBits("dragonxm")).toBeCloseTo((8 - 1 - 5) * Math.log2(26), 6); // and "on" is a one-step run
    // Few distinct characters are few choices: at most two per distinct character.
    expect(passphraseBits("qmqmqmqmqmqm")).toBeCloseTo(4 * Math.log2(26), 6);
    // NFC: a composed and a decomposed é are the same passphrase.
    expect(passphraseBits("caf\u0065\u0301 noir x")).toBeCloseTo(passphraseBits("caf\u00e9 noir x"), 9);
  });
});
