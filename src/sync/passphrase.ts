/**
 * How strong a new bucket's passphrase must be. The key file (salt, iteration count,
 * key check) is readable by whoever can read the bucket, so a weak passphrase can be
 * guessed offline at the speed of PBKDF2: at 600,000 rounds, about 2,000 guesses a
 * second per GPU. 60 bits (a four-word phrase, or 12 mixed characters) keeps that
 * beyond reach; common patterns (repeats, runs like "1234" or "abcd", keyboard rows,
 * well-known passwords) count for little.
 */
export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_PASSPHRASE_BITS = 60;

const COMMON = [
  "password",
  "passphrase",
  "passwort",
  "qwerty",
  "azerty",
  "letmein",
  "welcome",
  "iloveyou",
  "admin",
  "monkey",
  "dragon",
  "sunshine",
  "football",
  "baseball",
  "princess",
  "curator",
  "wardrobe",
  "secret",
];
const ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn", "1234567890"];

function charsetSize(p: string): number {
  let n = 0;
  if (/[a-z]/.test(p)) n += 26;
  if (/[A-Z]/.test(p)) n += 26;
  if (/[0-9]/.test(p)) n += 10;
  if (/[^A-Za-z0-9]/.test(p)) n += /[^\x20-\x7e]/.test(p) ? 100 : 33;
  return Math.max(n, 1);
}

/** Characters that add little: repeats of the previous one, and steps of a run (abc, 321, qwe). */
function predictable(p: string): number {
  const s = p.toLowerCase();
  let weak = 0;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    const inRow = ROWS.some(
      (row) =>
        row.includes(s.slice(i - 1, i + 1)) ||
        [...row]
          .reverse()
          .join("")
          .includes(s.slice(i - 1, i + 1)),
    );
    if (d === 0 || d === 1 || d === -1 || inRow) weak++;
  }
  return weak;
}

/** An estimate of the passphrase's strength in bits (deliberately pessimistic about patterns). */
export function passphraseBits(passphrase: string): number {
  const p = passphrase.normalize("NFC");
  let effective = [...p].length - predictable(p);
  const lower = p.toLowerCase();
  for (const word of COMMON) if (lower.includes(word)) effective -= word.length - 1;
  // Few distinct characters are few choices, whatever the length.
  effective = Math.min(effective, new Set(p).size * 2);
  return Math.max(0, effective) * Math.log2(charsetSize(p));
}

/** Why a passphrase is too weak to set a bucket up with, in the user's words; null when it will do. */
export function passphraseProblem(passphrase: string): string | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `Use at least ${MIN_PASSPHRASE_LENGTH} characters (a few unrelated words is easiest to remember).`;
  if (passphraseBits(passphrase) < MIN_PASSPHRASE_BITS)
    return "This passphrase is too easy to guess (repeats, runs like 1234 or abcd, or a common password). Add a few unrelated words.";
  return null;
}
