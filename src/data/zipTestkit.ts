/**
 * Test-only zips. deflateBomb: a raw DEFLATE stream that expands about 1032-fold (each 258 zero bytes
 * cost two bits: one dynamic-Huffman block where "length 258" and "distance 1" are
 * 1-bit codes), written directly so that a 20 MB bomb takes milliseconds to make
 * instead of compressing 20 GB of zeros. `bodyBytes` ≈ the compressed size.
 */
class Bits {
  at = 0;
  constructor(readonly out: Uint8Array) {}
  /** `n` bits of `value`, least significant first (DEFLATE's order for header fields and extra bits). */
  write(value: number, n: number): void {
    for (let i = 0; i < n; i++, this.at++) if ((value >> i) & 1) this.out[this.at >> 3]! |= 1 << (this.at & 7);
  }
  /** A Huffman code: its bits most significant first. */
  code(bits: string): void {
    for (const b of bits) this.write(b === "1" ? 1 : 0, 1);
  }
}

export function deflateBomb(bodyBytes: number): { deflated: Uint8Array<ArrayBuffer>; inflatedSize: number } {
  const out = new Uint8Array(bodyBytes + 64);
  const w = new Bits(out);
  w.write(1, 1); // BFINAL
  w.write(2, 2); // dynamic Huffman
  w.write(286 - 257, 5); // HLIT: literal/length codes 0..285
  w.write(2 - 1, 5); // HDIST: distance codes 0..1
  w.write(18 - 4, 4); // HCLEN: 18 code-length codes, in the order below
  // Code-length code: 18 → "0", 1 → "10", 2 → "11" (lengths 1, 2, 2).
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
  const clLen: Record<number, number> = { 18: 1, 1: 2, 2: 2 };
  for (const sym of order) w.write(clLen[sym] ?? 0, 3);
  const zeros = (n: number) => {
    w.code("0");
    w.write(n - 11, 7);
  };
  // Literal/length lengths: 0 → 2, 1..255 → 0, 256 (end) → 2, 257..284 → 0, 285 (length 258) → 1; distances 0, 1 → 1.
  w.code("11");
  zeros(138);
  zeros(117);
  w.code("11");
  zeros(28);
  w.code("10");
  w.code("10");
  w.code("10");
  // Canonical codes: 285 → "0"; 0 → "10"; 256 → "11"; distance 0 → "0".
  w.code("10"); // one literal zero byte to copy from
  const repeats = Math.floor((bodyBytes * 8) / 2);
  w.at += repeats * 2; // "0" "0" per 258 bytes: the buffer is already zero
  w.code("11"); // end of block
  return { deflated: out.slice(0, (w.at + 7) >> 3), inflatedSize: 1 + repeats * 258 };
}

export interface RawEntry {
  name: string;
  /** The bytes as stored in the zip (already deflated when `method` is 8). */
  stored: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the headers claim (a zip bomb may lie). */
  size: number;
  crc?: number;
}

/** A zip written by hand (local headers, central directory, end record), so a test can store any bytes and claim any sizes. */
export function zipOf(entries: RawEntry[]): Uint8Array<ArrayBuffer> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, e.method, true);
    local.setUint32(14, e.crc ?? 0, true);
    local.setUint32(18, e.stored.length, true);
    local.setUint32(22, Math.min(e.size, 0xffffffff), true);
    local.setUint16(26, name.length, true);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 20, true);
    dir.setUint16(6, 20, true);
    dir.setUint16(10, e.method, true);
    dir.setUint32(16, e.crc ?? 0, true);
    dir.setUint32(20, e.stored.length, true);
    dir.setUint32(24, Math.min(e.size, 0xffffffff), true);
    dir.setUint16(28, name.length, true);
    dir.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, e.stored);
    central.push(new Uint8Array(dir.buffer), name);
    offset += 30 + name.length + e.stored.length;
  }
  const dirSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, dirSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
