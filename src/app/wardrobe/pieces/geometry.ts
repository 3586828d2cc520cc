import type { Box } from "@domain/detection/types";

/** The photo's size in the detection's coordinates (photo pixels). */
export interface Frame {
  width: number;
  height: number;
}

/** What a pointer drag changes: the whole box, one corner, or a new box being drawn. */
export type DragMode = "move" | "nw" | "ne" | "sw" | "se";

/** The smallest box a person can make: 2 % of the photo's longer side (never under 4 px), so a box stays big enough to grab. */
export function minSide(frame: Frame): number {
  return Math.max(4, Math.round(0.02 * Math.max(frame.width, frame.height)));
}

/** One arrow-key step: 1 % of the photo's longer side (at least a pixel). */
export function keyStep(frame: Frame): number {
  return Math.max(1, Math.round(0.01 * Math.max(frame.width, frame.height)));
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The box made to fit the photo: at least the minimum side, never past an edge (moved back in rather than cut). */
export function fit(box: Box, frame: Frame): Box {
  const min = Math.min(minSide(frame), frame.width, frame.height);
  const width = clamp(box.width, min, frame.width);
  const height = clamp(box.height, min, frame.height);
  return { x: clamp(box.x, 0, frame.width - width), y: clamp(box.y, 0, frame.height - height), width, height };
}

/** The box `start` after the pointer moved (dx, dy) photo pixels in `mode`; the opposite corner stays put when resizing. */
export function drag(start: Box, mode: DragMode, dx: number, dy: number, frame: Frame): Box {
  if (mode === "move") {
    return {
      x: clamp(start.x + dx, 0, frame.width - start.width),
      y: clamp(start.y + dy, 0, frame.height - start.height),
      width: start.width,
      height: start.height,
    };
  }
  const min = minSide(frame);
  let x0 = start.x;
  let y0 = start.y;
  let x1 = start.x + start.width;
  let y1 = start.y + start.height;
  if (mode === "nw" || mode === "sw") x0 = clamp(x0 + dx, 0, x1 - min);
  else x1 = clamp(x1 + dx, x0 + min, frame.width);
  if (mode === "nw" || mode === "ne") y0 = clamp(y0 + dy, 0, y1 - min);
  else y1 = clamp(y1 + dy, y0 + min, frame.height);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The box spanned by two points (a box drawn with the pointer), inside the photo. */
export function span(ax: number, ay: number, bx: number, by: number, frame: Frame): Box {
  const x0 = clamp(Math.min(ax, bx), 0, frame.width);
  const y0 = clamp(Math.min(ay, by), 0, frame.height);
  const x1 = clamp(Math.max(ax, bx), 0, frame.width);
  const y1 = clamp(Math.max(ay, by), 0, frame.height);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Whether a drawn box is big enough to be a piece (a tap or a slip of the finger is not). */
export function bigEnough(box: Box, frame: Frame): boolean {
  const min = minSide(frame);
  return box.width >= min && box.height >= min;
}

/** A new piece's box: a third of the photo each way, in the middle, for the user to move and resize. */
export function middleBox(frame: Frame): Box {
  const width = Math.round(frame.width / 3);
  const height = Math.round(frame.height / 3);
  return { x: Math.round((frame.width - width) / 2), y: Math.round((frame.height - height) / 2), width, height };
}

export type Arrow = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";

/**
 * An arrow key on a focused box: moves it one step, or with `resize` (Shift) grows it to the
 * right or down (Right, Down) and shrinks it (Left, Up), its top-left corner fixed.
 */
export function nudge(box: Box, key: Arrow, resize: boolean, frame: Frame): Box {
  const step = keyStep(frame);
  const dx = key === "ArrowLeft" ? -step : key === "ArrowRight" ? step : 0;
  const dy = key === "ArrowUp" ? -step : key === "ArrowDown" ? step : 0;
  return drag(box, resize ? "se" : "move", dx, dy, frame);
}

/** Whole photo pixels, inside the photo (what leaves the review). */
export function toPixels(box: Box, frame: Frame): Box {
  const x0 = clamp(Math.round(box.x), 0, frame.width - 1);
  const y0 = clamp(Math.round(box.y), 0, frame.height - 1);
  const x1 = clamp(Math.round(box.x + box.width), x0 + 1, frame.width);
  const y1 = clamp(Math.round(box.y + box.height), y0 + 1, frame.height);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export function sameBox(a: Box, b: Box): boolean {
  return (
    Math.round(a.x) === Math.round(b.x) &&
    Math.round(a.y) === Math.round(b.y) &&
    Math.round(a.width) === Math.round(b.width) &&
    Math.round(a.height) === Math.round(b.height)
  );
}

/** "30 % of the photo" (its area share), "under 1 %" for a sliver. */
export function shareWords(box: Box, frame: Frame): string {
  const share = (box.width * box.height) / (frame.width * frame.height);
  return share < 0.005 ? "under 1 % of the photo" : `${Math.round(share * 100)} % of the photo`;
}

/** CSS placement of a box over the photo, in percentages so it scales with the picture. */
export function placement(box: Box, frame: Frame): { left: string; top: string; width: string; height: string } {
  const pc = (v: number, of: number) => `${(v / of) * 100}%`;
  return { left: pc(box.x, frame.width), top: pc(box.y, frame.height), width: pc(box.width, frame.width), height: pc(box.height, frame.height) };
}

/** "Found 1 piece", "Found 4 pieces". */
export function foundWords(n: number): string {
  return `Found ${n} ${n === 1 ? "piece" : "pieces"}`;
}

/** The main button: "Add 1 item", "Add 3 items". */
export function addWords(n: number): string {
  return `Add ${n} ${n === 1 ? "item" : "items"}`;
}
