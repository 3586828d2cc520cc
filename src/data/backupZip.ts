import { Inflate } from "fflate";

/**
 * Reading a backup's zip without trusting it. Only the entries the caller asks for
 * (those data.json names) are ever decompressed, each one streamed and stopped as
 * soon as it passes its cap, the file's total cap, or a compression ratio no real
 * backup reaches (a zip bomb expands ~1000-fold): a 20 MB bomb is refused after a few
 * megabytes of output instead of filling memory. The file is read in slices (a File
 * the user picked stays on disk until then).
 */

export interface ZipLimits {
  /** data.json, decompressed. */
  maxDataBytes: number;
  /** Any other entry (a photo), decompressed. */
  maxEntryBytes: number;
  /** Everything read from one file, decompressed. */
  maxTotalBytes: number;
  /** Output per byte of input beyond `ratioAllowance`: JSON deflates ~10:1, photos ~1:1, a bomb ~1000:1. */
  maxRatio: number;
  ratioAllowance: number;
  maxEntries: number;
}

const MiB = 1 << 20;

export const ZIP_LIMITS: ZipLimits = {
  maxDataBytes: 256 * MiB,
  maxEntryBytes: 64 * MiB,
  maxTotalBytes: 2048 * MiB,
  maxRatio: 250,
  ratioAllowance: 4 * MiB,
  maxEntries: 200_000,
};

/** Why the zip was refused: not a zip we can read, or an entry (or the whole) beyond a limit. */
export class ZipProblem extends Error {
  override name = "ZipProblem";
  constructor(
    readonly code: "not-zip" | "too-large",
    /** The entry, for too-large ("" when it is the file's total). */
    readonly entry = "",
    /** The limit passed, in bytes. */
    readonly limit = 0,
  ) {
    super(code === "not-zip" ? "not a readable zip" : `${entry || "the file"} is larger than ${limit} bytes when decompressed`);
  }
}

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Input fed to the inflater at a time: at most ~1032× this comes out before the caps are checked again. */
const INFLATE_STEP = 4096;
/** Read from the file at a time. */
const READ_STEP = MiB;

const notZip = () => new ZipProblem("not-zip");

async function bytesOf(file: Blob, start: number, end: number): Promise<DataView> {
  if (start < 0 || end > file.size || start > end) throw notZip();
  return new DataView(await file.slice(start, end).arrayBuffer());
}

export class BackupZip {
  private total = 0;

  private constructor(
    private readonly file: Blob,
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly limits: ZipLimits,
  ) {}

  /** Reads the central directory (names and sizes only; nothing is decompressed). */
  static async open(file: Blob, limits: ZipLimits = ZIP_LIMITS): Promise<BackupZip> {
    if (file.size < 22) throw notZip();
    // The end record is in the last 22 bytes, or before a comment of up to 64 KiB.
    const tailStart = Math.max(0, file.size - 22 - 0xffff);
    const tail = await bytesOf(file, tailStart, file.size);
    let end = -1;
    for (let p = tail.byteLength - 22; p >= 0; p--)
      if (tail.getUint32(p, true) === EOCD) {
        end = p;
        break;
      }
    if (end < 0) throw notZip();
    const count = tail.getUint16(end + 10, true);
    const dirSize = tail.getUint32(end + 12, true);
    const dirOffset = tail.getUint32(end + 16, true);
    // Zip64 (over 65,535 entries or 4 GiB) is beyond what an export writes.
    if (count === 0xffff || dirOffset === 0xffffffff || count > limits.maxEntries) throw notZip();
    const dir = await bytesOf(file, dirOffset, dirOffset + dirSize);
    const entries = new Map<string, Entry>();
    const names = new TextDecoder("utf-8", { fatal: false });
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.byteLength || dir.getUint32(p, true) !== CENTRAL) throw notZip();
      const flags = dir.getUint16(p + 8, true);
      const method = dir.getUint16(p + 10, true);
      const nameLength = dir.getUint16(p + 28, true);
      const extra = dir.getUint16(p + 30, true);
      const comment = dir.getUint16(p + 32, true);
      if (p + 46 + nameLength > dir.byteLength) throw notZip();
      const name = names.decode(new Uint8Array(dir.buffer, dir.byteOffset + p + 46, nameLength));
      // Encrypted entries, methods other than stored/deflate, and a name given twice are not an export's.
      if (flags & 1 || (method !== 0 && method !== 8) || entries.has(name)) throw notZip();
      entries.set(name, { method, compressedSize: dir.getUint32(p + 20, true), size: dir.getUint32(p + 24, true), localOffset: dir.getUint32(p + 42, true) });
      p += 46 + nameLength + extra + comment;
    }
    return new BackupZip(file, entries, limits);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, decompressed within `max` (and the file's total); undefined if there is no such entry. */
  async read(name: string, max = name === "data.json" ? this.limits.maxDataBytes : this.limits.maxEntryBytes): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const e = this.entries.get(name);
    if (!e) return undefined;
    const tooLarge = () => new ZipProblem("too-large", name, max);
    // The sizes the zip declares may lie (they are checked again while reading), but when they admit to too much, stop now.
    if (e.size > max || (e.method === 0 && e.compressedSize > max)) throw tooLarge();
    const local = await bytesOf(this.file, e.localOffset, e.localOffset + 30);
    if (local.getUint32(0, true) !== LOCAL) throw notZip();
    const start = e.localOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
    const end = start + e.compressedSize;
    if (end > this.file.size) throw notZip();

    const chunks: Uint8Array[] = [];
    let out = 0;
    let consumed = 0;
    const take = (chunk: Uint8Array) => {
      out += chunk.length;
      this.total += chunk.length;
      if (out > max) throw tooLarge();
      if (this.total > this.limits.maxTotalBytes) throw new ZipProblem("too-large", "", this.limits.maxTotalBytes);
      if (out > this.limits.ratioAllowance && out > consumed * this.limits.maxRatio) throw tooLarge();
      chunks.push(chunk);
    };
    let finished = e.method === 0;
    const inflater =
      e.method === 8
        ? new Inflate((chunk, final) => {
            take(chunk);
            if (final) finished = true;
          })
        : null;
    for (let at = start; at < end; at += READ_STEP) {
      const slice = new Uint8Array(await this.file.slice(at, Math.min(end, at + READ_STEP)).arrayBuffer());
      if (!inflater) {
        consumed += slice.length;
        take(slice);
        continue;
      }
      for (let q = 0; q < slice.length; q += INFLATE_STEP) {
        const piece = slice.subarray(q, Math.min(slice.length, q + INFLATE_STEP));
        consumed += piece.length;
        try {
          inflater.push(piece, at + q + piece.length >= end);
        } catch (err) {
          if (err instanceof ZipProblem) throw err;
          throw notZip();
        }
      }
    }
    if (inflater && start === end) throw notZip();
    if (!finished) throw notZip();
    const bytes = new Uint8Array(out);
    let k = 0;
    for (const c of chunks) {
      bytes.set(c, k);
      k += c.length;
    }
    return bytes;
  }
}
