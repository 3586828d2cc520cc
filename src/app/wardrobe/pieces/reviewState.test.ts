import { describe, expect, it } from "vitest";
import type { Detection } from "@domain/detection/types";
import { initialState, keptPieces, reviewReducer, type ReviewAction } from "./reviewState";

const mask = { width: 2, height: 2, alpha: new Uint8Array([0, 255, 255, 0]) };
const detection: Detection = {
  photoWidth: 800,
  photoHeight: 600,
  pieces: [
    { box: { x: 10, y: 10, width: 200, height: 150 }, score: 0.9, mask },
    { box: { x: 400, y: 20, width: 300, height: 250 }, score: 0.8, mask },
    { box: { x: 50, y: 300, width: 250, height: 250 }, score: 0.7, mask: null },
  ],
  model: { name: "garment-detector", version: 1 },
};
const run = (...actions: ReviewAction[]) => actions.reduce(reviewReducer, initialState(detection));

describe("the piece review's state", () => {
  it("keeps every detected piece as it is when the user changes nothing", () => {
    expect(keptPieces(run())).toEqual(detection.pieces.map((p) => ({ ...p, added: false, adjusted: false })));
  });

  it("drops, keeps again, and drops with Delete", () => {
    const state = run({ type: "toggle", id: 2 }, { type: "drop", id: 3 }, { type: "toggle", id: 3 }, { type: "drop", id: 1 });
    expect(keptPieces(state).map((p) => p.score)).toEqual([0.7]);
  });

  it("a moved box loses its mask (it described the old box) and keeps its score; moving it back restores the mask", () => {
    const moved = run({ type: "box", id: 1, box: { x: 30.4, y: 40.6, width: 200, height: 150 } });
    expect(keptPieces(moved)[0]).toEqual({ box: { x: 30, y: 41, width: 200, height: 150 }, score: 0.9, mask: null, added: false, adjusted: true });
    const back = reviewReducer(moved, { type: "box", id: 1, box: detection.pieces[0]!.box });
    expect(keptPieces(back)[0]).toEqual({ ...detection.pieces[0], added: false, adjusted: false });
  });

  it("an added piece comes last, inside the photo, marked as the user's", () => {
    const state = run({ type: "add", box: { x: 700, y: 500, width: 200, height: 200 } });
    expect(state.pieces.map((p) => p.id)).toEqual([1, 2, 3, 4]);
    expect(keptPieces(state)[3]).toEqual({ box: { x: 600, y: 400, width: 200, height: 200 }, score: 1, mask: null, added: true, adjusted: false });
  });
});
