import { describe, expect, it } from "vitest";
import { measureFace } from "./measure";
import { checkFaceQuality, MAX_PITCH_DEG, MAX_YAW_DEG, MIN_FACE_WIDTH_PX } from "./quality";
import { syntheticFace, transformFace } from "./synthetic-face";
import { SYNTHETIC_SHAPES } from "./synthetic-shapes";

const oval = syntheticFace(SYNTHETIC_SHAPES.oval);

describe("measureFace", () => {
  it("takes the tape measurements in image pixels", () => {
    const m = measureFace(transformFace(oval, { scale: 200, dx: 300, dy: 300 }));
    expect(m.cheekboneWidth).toBeCloseTo(200, 6);
    // (0.59 + 0.61) × 200, plus a little: forehead and chin differ in depth and the frame is 3-D.
    expect(m.faceLength).toBeCloseTo(240, 0);
    expect(m.foreheadWidth).toBeCloseTo(176, 6);
    expect(m.jawWidth).toBeCloseTo(156, 6);
    expect(m.ratios.lengthToWidth).toBeCloseTo(1.2, 2);
    expect(m.lines.cheekbones[0]).toEqual({ x: 200, y: 300 });
  });

  it("reads the jaw angle at the jaw corners (cheekbone – corner – chin)", () => {
    // Corner (0.39, 0.39), cheekbone (0.5, 0), chin (0, 0.61): vectors (0.11, −0.39) and (−0.39, 0.22).
    const expected = (Math.acos((0.11 * -0.39 + -0.39 * 0.22) / (Math.hypot(0.11, 0.39) * Math.hypot(0.39, 0.22))) * 180) / Math.PI;
    expect(measureFace(oval).jawAngle).toBeCloseTo(expected, 0);
  });

  it("reads head pose: roll from the image, yaw and pitch from mesh depth", () => {
    const base = measureFace(oval).pose;
    expect(measureFace(transformFace(oval, { roll: 15 })).pose.roll).toBeCloseTo(15, 6);
    expect(Math.abs(measureFace(transformFace(oval, { yaw: 25 })).pose.yaw - base.yaw)).toBeCloseTo(25, 6);
    expect(Math.abs(measureFace(transformFace(oval, { pitch: -10 })).pose.pitch - base.pitch)).toBeCloseTo(10, 6);
    // Measured on the 3-D mesh, so turning does not change the ratios.
    const turned = measureFace(transformFace(oval, { roll: 15, yaw: 25, pitch: -10, scale: 100 }));
    expect(turned.ratios.lengthToWidth).toBeCloseTo(measureFace(oval).ratios.lengthToWidth, 9);
  });
});

describe("checkFaceQuality", () => {
  it("accepts a large frontal face", () => {
    expect(checkFaceQuality(measureFace(transformFace(oval, { scale: 300 })))).toEqual({ ok: true });
  });

  it("calls a face narrower than the minimum too small", () => {
    const q = checkFaceQuality(measureFace(transformFace(oval, { scale: MIN_FACE_WIDTH_PX - 1 })));
    expect(q).toMatchObject({ ok: false, problem: "too-small" });
    expect(checkFaceQuality(measureFace(transformFace(oval, { scale: MIN_FACE_WIDTH_PX + 1 }))).ok).toBe(true);
  });

  it("calls a face turned or nodded past the limits turned", () => {
    const turned = checkFaceQuality(measureFace(transformFace(oval, { yaw: MAX_YAW_DEG + 5, scale: 300 })));
    expect(turned).toMatchObject({ ok: false, problem: "turned" });
    const nodded = checkFaceQuality(measureFace(transformFace(oval, { pitch: MAX_PITCH_DEG + 5, scale: 300 })));
    expect(nodded).toMatchObject({ ok: false, problem: "turned" });
    const slight = checkFaceQuality(measureFace(transformFace(oval, { yaw: MAX_YAW_DEG - 5, scale: 300 })));
    expect(slight.ok).toBe(true);
  });

  it("does not mind in-plane tilt (it is corrected)", () => {
    expect(checkFaceQuality(measureFace(transformFace(oval, { roll: 60, scale: 300 }))).ok).toBe(true);
  });
});
