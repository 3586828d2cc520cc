import { describe, expect, it } from "vitest";
import { dedupe, MIN_TILE, tilesFor, TILE_ZOOM } from "./tiles";
import type { DetectedFace } from "./types";

const face = (x: number, y: number, w: number): DetectedFace => ({
  landmarks: [],
  box: { xMin: x, yMin: y, width: w, height: w * 1.2 },
});

describe("tilesFor", () => {
  it("covers the whole image with tiles inside it", () => {
    const tiles = tilesFor(1024, 768);
    expect(tiles).toHaveLength(24);
    for (const t of tiles) {
      expect(t.size).toBe(256);
      expect(t.x + t.size).toBeLessThanOrEqual(1024);
      expect(t.y + t.size).toBeLessThanOrEqual(768);
    }
    for (let y = 0; y < 768; y += 7)
      for (let x = 0; x < 1024; x += 7) expect(tiles.some((t) => x >= t.x && x < t.x + t.size && y >= t.y && y < t.y + t.size)).toBe(true);
  });

  it("puts every face up to a third of a tile wholly inside some tile", () => {
    const tiles = tilesFor(1280, 960);
    const size = tiles[0]!.size;
    const f = Math.floor(size / 3);
    for (let y = 0; y + f <= 960; y += 13)
      for (let x = 0; x + f <= 1280; x += 13) expect(tiles.some((t) => x >= t.x && x + f <= t.x + t.size && y >= t.y && y + f <= t.y + t.size)).toBe(true);
  });

  it("skips images too small to zoom into", () => {
    expect(tilesFor(MIN_TILE * TILE_ZOOM - 1, 4000)).toEqual([]);
    expect(tilesFor(MIN_TILE * TILE_ZOOM, MIN_TILE * TILE_ZOOM)).toHaveLength(16);
  });
});

describe("dedupe", () => {
  it("merges the same face seen from overlapping tiles, keeps distinct faces", () => {
    const a = face(100, 100, 40);
    const aAgain = face(104, 98, 42);
    const b = face(300, 110, 40);
    expect(dedupe([a, aAgain, b])).toEqual([a, b]);
  });
});
