/**
 * Binary-mask operations of the preprocessing contract (width x height, row-major,
 * 1 = set). Mirrors the helpers in models/training/preprocess.py; each returns the
 * same set of pixels as its Python twin.
 */

/** Half-open box [x0, x1) x [y0, y1). */
export interface Extent {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** 8-connected components, labelled 1.. in raster order of their first pixel. */
export function components(mask: Uint8Array, width: number, height: number): { labels: Int32Array; sizes: number[] } {
  const labels = new Int32Array(width * height);
  const sizes = [0];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = sizes.length;
    labels[start] = label;
    stack.push(start);
    let count = 0;
    while (stack.length > 0) {
      const p = stack.pop()!;
      count++;
      const y = Math.floor(p / width);
      const x = p - y * width;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
          const q = yy * width + xx;
          if (mask[q] && !labels[q]) {
            labels[q] = label;
            stack.push(q);
          }
        }
      }
    }
    sizes.push(count);
  }
  return { labels, sizes };
}

/** Bounding box of the pixels for which `test` holds; undefined when there are none. */
export function extentOf(width: number, height: number, test: (i: number) => boolean): Extent | undefined {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!test(y * width + x)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? undefined : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Fills holes: background is the 4-connected part of the complement touching the frame. */
export function fillHoles(mask: Uint8Array, width: number, height: number): Uint8Array {
  const outside = new Uint8Array(mask.length);
  const stack: number[] = [];
  const visit = (i: number): void => {
    if (!mask[i] && !outside[i]) {
      outside[i] = 1;
      stack.push(i);
    }
  };
  for (let y = 0; y < height; y++) {
    visit(y * width);
    visit(y * width + width - 1);
  }
  for (let x = 0; x < width; x++) {
    visit(x);
    visit((height - 1) * width + x);
  }
  while (stack.length > 0) {
    const p = stack.pop()!;
    const y = Math.floor(p / width);
    const x = p - y * width;
    if (y > 0) visit(p - width);
    if (y < height - 1) visit(p + width);
    if (x > 0) visit(p - 1);
    if (x < width - 1) visit(p + 1);
  }
  const filled = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) filled[i] = outside[i] ? 0 : 1;
  return filled;
}

/** 3x3 dilation. */
export function dilate(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let on = 0;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1) && !on; yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
          if (mask[yy * width + xx]) {
            on = 1;
            break;
          }
        }
      }
      out[y * width + x] = on;
    }
  }
  return out;
}
