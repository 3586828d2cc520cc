import { describe, expect, it } from "vitest";
import { angleAt, faceFrame, headPose, toPlane, vec } from "./frame";
import { type Landmark, MESH, MESH_POINT_COUNT } from "./landmarks";

/** A mesh with only the four frame points set (the rest at the origin). */
function mesh(points: { right: Landmark; left: Landmark; top: Landmark; chin: Landmark }): Landmark[] {
  const all: Landmark[] = Array.from({ length: MESH_POINT_COUNT }, () => ({ x: 0, y: 0, z: 0 }));
  all[MESH.cheekRight] = points.right;
  all[MESH.cheekLeft] = points.left;
  all[MESH.foreheadTop] = points.top;
  all[MESH.chin] = points.chin;
  return all;
}

const upright = mesh({ right: { x: 100, y: 200, z: 0 }, left: { x: 300, y: 200, z: 0 }, top: { x: 200, y: 80, z: 0 }, chin: { x: 200, y: 340, z: 0 } });

describe("faceFrame", () => {
  it("puts the origin between the cheekbones, x towards the person's left cheek, y down to the chin, z out of the face", () => {
    const f = faceFrame(upright);
    expect(f.origin).toEqual([200, 200, 0]);
    expect(f.x[0]).toBeCloseTo(1, 12);
    expect(f.x[1]).toBeCloseTo(0, 12);
    expect(f.y[1]).toBeCloseTo(1, 12);
    expect(f.y[0]).toBeCloseTo(0, 12);
    expect(f.z[2]).toBeCloseTo(1, 12);
  });

  it("makes y square to x even when the chin is off the perpendicular (a lopsided mesh)", () => {
    const f = faceFrame(mesh({ right: { x: 0, y: 0 }, left: { x: 10, y: 0 }, top: { x: 2, y: -5 }, chin: { x: 8, y: 10 } }));
    expect(f.x[0] * f.y[0] + f.x[1] * f.y[1] + f.x[2] * f.y[2]).toBeCloseTo(0, 12);
    expect(Math.hypot(...f.y)).toBeCloseTo(1, 12);
    expect(f.y[1]).toBeGreaterThan(0.99);
  });

  it("refuses a mesh whose cheekbones coincide instead of dividing by zero", () => {
    expect(() => faceFrame(mesh({ right: { x: 5, y: 5 }, left: { x: 5, y: 5 }, top: { x: 5, y: 0 }, chin: { x: 5, y: 9 } }))).toThrow(/Degenerate face mesh/);
  });

  it("reads missing depth as 0", () => {
    expect(vec({ x: 1, y: 2 })).toEqual([1, 2, 0]);
    expect(vec({ x: 1, y: 2, z: -3 })).toEqual([1, 2, -3]);
  });
});

describe("toPlane", () => {
  it("measures u along the cheek line and v towards the chin, from the frame origin", () => {
    const f = faceFrame(upright);
    expect(toPlane(f, { x: 250, y: 260, z: 0 })).toEqual({ u: 50, v: 60 });
    expect(toPlane(f, { x: 200, y: 80, z: 0 })).toEqual({ u: 0, v: -120 });
  });

  it("is unchanged by an in-plane tilt of the whole face", () => {
    const a = 0.3;
    const rot = (p: Landmark): Landmark => ({ x: p.x * Math.cos(a) - p.y * Math.sin(a), y: p.x * Math.sin(a) + p.y * Math.cos(a), z: 0 });
    const tilted = upright.map(rot);
    const p = toPlane(faceFrame(tilted), rot({ x: 250, y: 260 }));
    expect(p.u).toBeCloseTo(50, 9);
    expect(p.v).toBeCloseTo(60, 9);
  });
});

describe("headPose", () => {
  it("reads a frontal, upright face as 0, 0, 0", () => {
    const pose = headPose(faceFrame(upright));
    expect(pose.yaw).toBeCloseTo(0, 9);
    expect(pose.pitch).toBeCloseTo(0, 9);
    expect(pose.roll).toBeCloseTo(0, 9);
  });

  it("reads yaw from the cheek line's depth, pitch from the forehead–chin line's, roll from the image angle", () => {
    const deg = Math.PI / 180;
    // Turned 30°: the person's left cheek is 100·tan 30° further from the camera than the right.
    const yawed = headPose(
      faceFrame(
        mesh({ right: { x: 100, y: 200, z: 0 }, left: { x: 300, y: 200, z: 200 * Math.tan(30 * deg) }, top: { x: 200, y: 80 }, chin: { x: 200, y: 340 } }),
      ),
    );
    expect(yawed.yaw).toBeCloseTo(30, 9);
    expect(yawed.pitch).toBeCloseTo(0, 9);
    // Nodded: the chin closer to the camera than the forehead top (z smaller = closer) reads as a positive pitch.
    const nodded = headPose(
      faceFrame(
        mesh({ right: { x: 100, y: 200 }, left: { x: 300, y: 200 }, top: { x: 200, y: 80, z: 0 }, chin: { x: 200, y: 340, z: -260 * Math.tan(20 * deg) } }),
      ),
    );
    expect(nodded.pitch).toBeCloseTo(20, 9);
    expect(nodded.yaw).toBeCloseTo(0, 9);
    const rolled = headPose(faceFrame(mesh({ right: { x: 0, y: 0 }, left: { x: 100, y: 100 }, top: { x: -50, y: 50 }, chin: { x: 100, y: -100 } })));
    expect(rolled.roll).toBeCloseTo(45, 9);
  });
});

describe("angleAt", () => {
  const o = { u: 0, v: 0 };
  it("is the angle between the two rays, in degrees", () => {
    expect(angleAt(o, { u: 1, v: 0 }, { u: 0, v: 5 })).toBeCloseTo(90, 9);
    expect(angleAt(o, { u: 1, v: 0 }, { u: 1, v: 1 })).toBeCloseTo(45, 9);
    expect(angleAt({ u: 2, v: 2 }, { u: 3, v: 2 }, { u: 1, v: 2 })).toBeCloseTo(180, 9);
    expect(angleAt({ u: 1, v: 1 }, { u: 2, v: 1 }, { u: 1, v: 3 })).toBeCloseTo(90, 9);
  });

  it("stays defined for collinear rays whose cosine rounds past ±1", () => {
    const a = angleAt(o, { u: 0.1, v: 0.2 }, { u: 0.30000000000000004, v: 0.6 });
    expect(Number.isNaN(a)).toBe(false);
    expect(a).toBeCloseTo(0, 5);
    const b = angleAt(o, { u: 0.1, v: 0.2 }, { u: -0.30000000000000004, v: -0.6 });
    expect(b).toBeCloseTo(180, 5);
  });
});
