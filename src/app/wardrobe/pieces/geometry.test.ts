import { describe, expect, it } from "vitest";
import { addWords, bigEnough, drag, fit, foundWords, middleBox, minSide, nudge, placement, shareWords, span, toPixels } from "./geometry";

const frame = { width: 1000, height: 500 };

describe("piece box geometry", () => {
  it("moves a box but never past the photo's edges", () => {
    const box = { x: 100, y: 100, width: 200, height: 100 };
    expect(drag(box, "move", 50, -30, frame)).toEqual({ x: 150, y: 70, width: 200, height: 100 });
    expect(drag(box, "move", 5000, 5000, frame)).toEqual({ x: 800, y: 400, width: 200, height: 100 });
    expect(drag(box, "move", -5000, -5000, frame)).toEqual({ x: 0, y: 0, width: 200, height: 100 });
  });

  it("resizes from a corner with the opposite corner fixed, down to the minimum side", () => {
    const box = { x: 100, y: 100, width: 200, height: 100 };
    expect(drag(box, "se", 30, 20, frame)).toEqual({ x: 100, y: 100, width: 230, height: 120 });
    expect(drag(box, "nw", 30, 20, frame)).toEqual({ x: 130, y: 120, width: 170, height: 80 });
    expect(drag(box, "ne", -1000, 1000, frame)).toEqual({ x: 100, y: 180, width: minSide(frame), height: 20 });
    expect(drag(box, "sw", -1000, 1000, frame)).toEqual({ x: 0, y: 100, width: 300, height: 400 });
    expect(minSide(frame)).toBe(20);
  });

  it("arrow keys move one step; Shift+arrows grow right/down and shrink left/up", () => {
    const box = { x: 100, y: 100, width: 200, height: 100 };
    expect(nudge(box, "ArrowRight", false, frame)).toEqual({ x: 110, y: 100, width: 200, height: 100 });
    expect(nudge(box, "ArrowUp", false, frame)).toEqual({ x: 100, y: 90, width: 200, height: 100 });
    expect(nudge(box, "ArrowRight", true, frame)).toEqual({ x: 100, y: 100, width: 210, height: 100 });
    expect(nudge(box, "ArrowUp", true, frame)).toEqual({ x: 100, y: 100, width: 200, height: 90 });
  });

  it("a drawn box is the span of two points inside the photo; a tap is not a piece", () => {
    expect(span(300, 400, 100, -50, frame)).toEqual({ x: 100, y: 0, width: 200, height: 400 });
    expect(bigEnough(span(10, 10, 15, 80, frame), frame)).toBe(false);
    expect(bigEnough(span(10, 10, 40, 80, frame), frame)).toBe(true);
  });

  it("fits a box into the photo and rounds it to whole pixels", () => {
    expect(fit({ x: 950, y: -10, width: 100, height: 2 }, frame)).toEqual({ x: 900, y: 0, width: 100, height: 20 });
    expect(toPixels({ x: 10.4, y: 0.6, width: 99.8, height: 600 }, frame)).toEqual({ x: 10, y: 1, width: 100, height: 499 });
    expect(middleBox(frame)).toEqual({ x: 334, y: 167, width: 333, height: 167 });
  });

  it("says the area share, the count and the button in words", () => {
    expect(shareWords({ x: 0, y: 0, width: 500, height: 300 }, frame)).toBe("30 % of the photo");
    expect(shareWords({ x: 0, y: 0, width: 10, height: 10 }, frame)).toBe("under 1 % of the photo");
    expect(foundWords(1)).toBe("Found 1 piece");
    expect(foundWords(4)).toBe("Found 4 pieces");
    expect(addWords(1)).toBe("Add 1 item");
    expect(addWords(3)).toBe("Add 3 items");
    expect(placement({ x: 250, y: 50, width: 500, height: 250 }, frame)).toEqual({ left: "25%", top: "10%", width: "50%", height: "50%" });
  });
});
