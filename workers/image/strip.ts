/**
 * Removes a JPEG's metadata without touching its pixels: the image data (tables,
 * frame header, scans) is copied byte for byte and everything that can describe the
 * person or the camera — EXIF (GPS, camera, dates, its embedded thumbnail), XMP,
 * IPTC, comments, multi-picture and maker segments, anything after the end marker
 * (e.g. a motion photo's video) — is dropped. Only what decoders need to show the
 * right colours is kept: a JFIF header without thumbnail, the ICC profile and the
 * Adobe colour-transform flag.
 *
 * Why not re-encode: a 12 MP re-encode cost ~0.5 s per photo on this hardware and
 * loses quality; this is a few ms and lossless. The caller re-encodes instead when
 * the pixels must change (EXIF rotation, CMYK, downscaling).
 */
const u16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);

function startsWithAscii(b: Uint8Array, at: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** Segments a decoder needs for colour; every other APPn and COM is metadata. */
function keepApp(b: Uint8Array, marker: number, seg: number, len: number): boolean {
  // JFIF (no thumbnail: both thumbnail dimensions 0) — not the JFXX extension.
  if (marker === 0xe0) return startsWithAscii(b, seg, "JFIF\0") && len >= 16 && b[seg + 12] === 0 && b[seg + 13] === 0;
  if (marker === 0xe2) return startsWithAscii(b, seg, "ICC_PROFILE\0");
  if (marker === 0xee) return startsWithAscii(b, seg, "Adobe");
  return false;
}

/** End of an entropy-coded scan starting at `q`: the position of the next real marker. */
function scanEnd(b: Uint8Array, q: number): number {
  for (;;) {
    q = b.indexOf(0xff, q);
    if (q < 0 || q + 1 >= b.length) return -1;
    const n = b[q + 1] ?? 0;
    if (n === 0x00 || (n >= 0xd0 && n <= 0xd7))
      q += 2; // stuffed byte or restart marker
    else if (n === 0xff)
      q += 1; // fill byte before a marker
    else return q;
  }
}

/**
 * The JPEG without metadata, or null when its structure is not the plain
 * SOI … SOF … SOS … EOI this expects (the caller then re-encodes).
 */
export function stripJpegMetadata(b: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  const keep: [number, number][] = [[0, 2]];
  let p = 2;
  let frame = false;
  let scans = 0;
  while (p + 1 < b.length) {
    if (b[p] !== 0xff) return null;
    const marker = b[p + 1] ?? 0;
    if (marker === 0xff) {
      p++;
      continue;
    }
    if (marker === 0xd9) {
      keep.push([p, p + 2]);
      if (!frame || scans === 0) return null;
      const out = new Uint8Array(keep.reduce((n, [s, e]) => n + e - s, 0));
      let o = 0;
      for (const [s, e] of keep) {
        out.set(b.subarray(s, e), o);
        o += e - s;
      }
      return out;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      keep.push([p, p + 2]); // standalone markers carry no length
      p += 2;
      continue;
    }
    if (p + 4 > b.length) return null;
    const len = u16(b, p + 2);
    const end = p + 2 + len;
    if (len < 2 || end > b.length) return null;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = true;
    if (marker === 0xda) {
      const next = scanEnd(b, end);
      if (next < 0) return null;
      keep.push([p, next]);
      scans++;
      p = next;
      continue;
    }
    if (marker !== 0xfe && (!isApp || keepApp(b, marker, p + 4, len))) keep.push([p, end]);
    p = end;
  }
  return null;
}
