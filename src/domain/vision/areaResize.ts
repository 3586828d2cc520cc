/**
 * Exact area-average (box filter) resize, shared by the preprocessing contract.
 *
 * Output cell i spans [i*N, (i+1)*N) and input cell k spans [k*n, (k+1)*n) in scaled
 * units, so every overlap is an integer and the weights of a cell add up to N. On
 * integer pixels this gives exactly-rounded averages; on floats it repeats the same
 * operations, in the same order, as models/training/preprocess.py (sequential prefix
 * sums, differences, one division at the end), so both languages agree bit for bit.
 */

/** Interleaved pixels, row-major: value (y, x, c) at (y * width + x) * channels + c. */
export interface Planes {
  data: Float64Array;
  width: number;
  height: number;
  channels: number;
}

/** Numerators along one axis of `lines` independent lines (no division). */
function axisSums(
  src: Float64Array,
  dst: Float64Array,
  inLen: number,
  outLen: number,
  lines: number,
  lineStart: (line: number) => [number, number],
  inStride: number,
  outStride: number,
): void {
  const prefix = new Float64Array(inLen + 1);
  const q = new Int32Array(outLen + 1);
  const r = new Float64Array(outLen + 1);
  for (let i = 0; i <= outLen; i++) {
    const t = i * inLen;
    q[i] = Math.floor(t / outLen);
    r[i] = t % outLen;
  }
  for (let line = 0; line < lines; line++) {
    const [inOff, outOff] = lineStart(line);
    let acc = 0;
    for (let k = 0; k < inLen; k++) {
      acc += src[inOff + k * inStride]!;
      prefix[k + 1] = acc;
    }
    // S(i) = n * C[q] + x[q] * r, with x[inLen] = 0 (the padded end).
    const s = (i: number): number => {
      const qi = q[i]!;
      const x = qi < inLen ? src[inOff + qi * inStride]! : 0;
      return prefix[qi]! * outLen + x * r[i]!;
    };
    let prev = s(0);
    for (let i = 0; i < outLen; i++) {
      const next = s(i + 1);
      dst[outOff + i * outStride] = next - prev;
      prev = next;
    }
  }
}

/** Area-average resize of interleaved planes to outWidth x outHeight. */
export function areaResize(src: Planes, outWidth: number, outHeight: number): Planes {
  const { width: w, height: h, channels: c } = src;
  // Width pass: one line per (row, channel).
  const mid = new Float64Array(h * outWidth * c);
  axisSums(
    src.data,
    mid,
    w,
    outWidth,
    h * c,
    (line) => {
      const y = Math.floor(line / c);
      const ch = line % c;
      return [y * w * c + ch, y * outWidth * c + ch];
    },
    c,
    c,
  );
  return heightPass(mid, w, h, c, outWidth, outHeight);
}

function heightPass(mid: Float64Array, w: number, h: number, c: number, outWidth: number, outHeight: number): Planes {
  // One line per (column, channel); the single division by the full area comes last.
  const out = new Float64Array(outHeight * outWidth * c);
  axisSums(mid, out, h, outHeight, outWidth * c, (line) => [line, line], outWidth * c, outWidth * c);
  const area = w * h;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / area;
  return { data: out, width: outWidth, height: outHeight, channels: c };
}

/**
 * The same resize straight from RGBA bytes (`ImageData`), alpha composited over
 * white in integers, without a full-size float copy of a 12-megapixel photo.
 * Equals areaResize() of the composited RGB planes exactly (all sums are integers).
 */
export function areaResizeRgba(data: Uint8ClampedArray, w: number, h: number, outWidth: number, outHeight: number): Planes {
  const mid = new Float64Array(h * outWidth * 3);
  const row = new Float64Array((w + 1) * 3); // prefix sums C[k] per channel, interleaved
  const q = new Int32Array(outWidth + 1);
  const r = new Float64Array(outWidth + 1);
  for (let i = 0; i <= outWidth; i++) {
    q[i] = Math.floor((i * w) / outWidth);
    r[i] = (i * w) % outWidth;
  }
  const px = new Float64Array(3);
  for (let y = 0; y < h; y++) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    for (let x = 0, i = y * w * 4; x < w; x++, i += 4) {
      const a = data[i + 3]!;
      if (a === 255) {
        a0 += data[i]!;
        a1 += data[i + 1]!;
        a2 += data[i + 2]!;
      } else {
        const white = 255 * (255 - a) + 127;
        a0 += Math.floor((data[i]! * a + white) / 255);
        a1 += Math.floor((data[i + 1]! * a + white) / 255);
        a2 += Math.floor((data[i + 2]! * a + white) / 255);
      }
      row[(x + 1) * 3] = a0;
      row[(x + 1) * 3 + 1] = a1;
      row[(x + 1) * 3 + 2] = a2;
    }
    const out = y * outWidth * 3;
    let prev0 = 0;
    let prev1 = 0;
    let prev2 = 0;
    for (let i = 0; i <= outWidth; i++) {
      const qi = q[i]!;
      const ri = r[i]!;
      // x[q] (the pixel the boundary falls in) = C[q + 1] - C[q]; 0 past the end.
      for (let c = 0; c < 3; c++) px[c] = qi < w ? row[(qi + 1) * 3 + c]! - row[qi * 3 + c]! : 0;
      const s0 = row[qi * 3]! * outWidth + px[0]! * ri;
      const s1 = row[qi * 3 + 1]! * outWidth + px[1]! * ri;
      const s2 = row[qi * 3 + 2]! * outWidth + px[2]! * ri;
      if (i > 0) {
        mid[out + (i - 1) * 3] = s0 - prev0;
        mid[out + (i - 1) * 3 + 1] = s1 - prev1;
        mid[out + (i - 1) * 3 + 2] = s2 - prev2;
      }
      prev0 = s0;
      prev1 = s1;
      prev2 = s2;
    }
  }
  return heightPass(mid, w, h, 3, outWidth, outHeight);
}
