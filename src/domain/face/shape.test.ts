import { describe, expect, it } from "vitest";
import astronaut from "./fixtures/astronaut-mesh.json";
import type { Landmark } from "./landmarks";
import { classifyFaceShape, FACE_SHAPES, faceShapeFromLandmarks } from "./shape";
import { PROTOTYPES } from "./shape-rules";
import { syntheticFace, transformFace } from "./synthetic-face";
import { SYNTHETIC_SHAPES } from "./synthetic-shapes";

const astronautMesh: Landmark[] = astronaut.points.map(([x = 0, y = 0, z = 0]) => ({ x, y, z }));

describe("faceShapeFromLandmarks", () => {
  for (const shape of FACE_SHAPES) {
    it(`classifies the synthetic ${shape} face as ${shape}`, () => {
      const { shape: result } = faceShapeFromLandmarks(syntheticFace(SYNTHETIC_SHAPES[shape]));
      expect(result.primary).toBe(shape);
      expect(result.scores[shape]).toBeGreaterThan(0.5);
      expect(result.secondary).not.toBe(shape);
    });
  }

  const poses = [
    { roll: 30, scale: 250, dx: 320, dy: 240 },
    { roll: -75, scale: 0.01 },
    { roll: 180, scale: 3.7, dx: -40, dy: 1000 },
    { yaw: 12, pitch: -9, roll: 8, scale: 480, dx: 600, dy: 400 },
  ];
  for (const shape of FACE_SHAPES) {
    it(`gives the same ${shape} result however the face is rotated, scaled or moved`, () => {
      const base = faceShapeFromLandmarks(syntheticFace(SYNTHETIC_SHAPES[shape])).shape;
      for (const pose of poses) {
        const moved = faceShapeFromLandmarks(transformFace(syntheticFace(SYNTHETIC_SHAPES[shape]), pose)).shape;
        expect(moved.primary).toBe(base.primary);
        expect(moved.secondary).toBe(base.secondary);
        for (const s of FACE_SHAPES) expect(moved.scores[s]).toBeCloseTo(base.scores[s], 9);
        expect(moved.clarity).toBeCloseTo(base.clarity, 9);
      }
    });
  }

  it("measures a real face mesh (the NASA astronaut portrait) as the oval reference it was calibrated on", () => {
    const { measurements, shape } = faceShapeFromLandmarks(astronautMesh);
    expect(measurements.ratios.lengthToWidth).toBeCloseTo(1.16, 1);
    expect(measurements.ratios.foreheadToCheekbone).toBeCloseTo(0.86, 1);
    expect(measurements.ratios.jawToCheekbone).toBeCloseTo(0.83, 1);
    expect(measurements.jawAngle).toBeGreaterThan(128);
    expect(measurements.jawAngle).toBeLessThan(138);
    expect(shape.primary).toBe("oval");
    expect(shape.clarityLabel).not.toBe("borderline");
  });

  it("is unchanged when the real mesh is mirrored and rotated", () => {
    const base = faceShapeFromLandmarks(astronautMesh).shape;
    const rotated = faceShapeFromLandmarks(transformFace(astronautMesh, { roll: 40, scale: 2 })).shape;
    for (const s of FACE_SHAPES) expect(rotated.scores[s]).toBeCloseTo(base.scores[s], 9);
  });

  it("rejects something that is not a face mesh", () => {
    expect(() => faceShapeFromLandmarks(astronautMesh.slice(0, 100))).toThrow(RangeError);
    const broken = astronautMesh.map((p, i) => (i === 10 ? { x: Number.NaN, y: p.y } : p));
    expect(() => faceShapeFromLandmarks(broken)).toThrow(RangeError);
    const flat = astronautMesh.map(() => ({ x: 5, y: 5, z: 0 }));
    expect(() => faceShapeFromLandmarks(flat)).toThrow(RangeError);
  });
});

describe("classifyFaceShape", () => {
  it("scores are shares that sum to 1 and put each prototype first", () => {
    for (const shape of FACE_SHAPES) {
      const r = classifyFaceShape(PROTOTYPES[shape]);
      const total = FACE_SHAPES.reduce((a, s) => a + r.scores[s], 0);
      expect(total).toBeCloseTo(1, 12);
      expect(r.primary).toBe(shape);
    }
  });

  it("calls a face half-way between two prototypes borderline, with both named", () => {
    const a = PROTOTYPES.oval;
    const b = PROTOTYPES.oblong;
    const mid = {
      length: (a.length + b.length) / 2,
      taper: (a.taper + b.taper) / 2,
      sides: (a.sides + b.sides) / 2,
      jawAngle: (a.jawAngle + b.jawAngle) / 2,
    };
    const r = classifyFaceShape(mid);
    expect(new Set([r.primary, r.secondary])).toEqual(new Set(["oval", "oblong"]));
    expect(r.clarityLabel).toBe("borderline");
    expect(r.clarity).toBeLessThan(0.2);
  });

  it("stays finite for absurd measurements far from every prototype", () => {
    const r = classifyFaceShape({ length: 9, taper: -3, sides: 4, jawAngle: 10 });
    for (const s of FACE_SHAPES) expect(Number.isFinite(r.scores[s])).toBe(true);
    expect(FACE_SHAPES).toContain(r.primary);
  });
});
