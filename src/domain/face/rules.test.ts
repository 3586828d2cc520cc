/**
 * The face module's smaller rules at their edges: the mesh checks, a folded mesh, the
 * quality limits exactly at their values, the shape verdict's clarity and runner-up, the
 * advice blend, the neckline preference, and the 12-season flow at its boundaries.
 */
import { describe, expect, it } from "vitest";
import { styleAdviceFor } from "./advice";
import { ADVICE } from "./advice-table";
import { assertFaceMesh, type Landmark, MESH, MESH_POINT_COUNT, point } from "./landmarks";
import { measureFace } from "./measure";
import { necklineFit } from "./neckline-fit";
import { checkFaceQuality, MAX_PITCH_DEG, MAX_YAW_DEG, MIN_FACE_WIDTH_PX } from "./quality";
import { SEASON_NAMES, seasonFromTraits, seasonPalette } from "./seasons";
import { classifyFaceShape, FACE_SHAPES, MIN_SECONDARY_SHARE } from "./shape";
import { PROTOTYPES } from "./shape-rules";
import { syntheticFace } from "./synthetic-face";
import { SYNTHETIC_SHAPES } from "./synthetic-shapes";

const oval = syntheticFace(SYNTHETIC_SHAPES.oval);

describe("the face mesh checks", () => {
  it("refuses a non-finite coordinate anywhere, depth included, and accepts a mesh without depth", () => {
    const flat = oval.map(({ x, y }) => ({ x, y }));
    expect(() => assertFaceMesh(flat)).not.toThrow();
    for (const bad of [
      { x: NaN, y: 1 },
      { x: 1, y: Infinity },
      { x: 1, y: 1, z: NaN },
    ]) {
      for (const at of [0, 200, MESH_POINT_COUNT - 1]) {
        const mesh = oval.map((p, i) => (i === at ? bad : p));
        expect(() => assertFaceMesh(mesh), `${JSON.stringify(bad)} at ${at}`).toThrow("A face mesh point has a non-finite coordinate.");
      }
    }
    expect(() => assertFaceMesh(oval.slice(0, MESH_POINT_COUNT - 1))).toThrow(`A face mesh has ${MESH_POINT_COUNT} points; got ${MESH_POINT_COUNT - 1}.`);
  });

  it("says which point is missing", () => {
    expect(point(oval, MESH.chin)).toBe(oval[MESH.chin]);
    expect(() => point(oval.slice(0, 100), MESH.chin)).toThrow(`Face mesh point ${MESH.chin} missing.`);
  });
});

describe("measureFace", () => {
  // The length and the cheekbone width are positive by construction (the frame's axes run along them);
  // the forehead and jaw widths are measured along the cheekbone axis and can fold.
  it("refuses a mesh folded over (the jaw corners or the temples swapped)", () => {
    const swap = (mesh: Landmark[], a: number, b: number) => mesh.map((p, i) => (i === a ? mesh[b]! : i === b ? mesh[a]! : p));
    const folded = "The face mesh is folded over (a width or the length is not positive).";
    expect(() => measureFace(swap(oval, MESH.jawLeft, MESH.jawRight))).toThrow(folded);
    expect(() => measureFace(swap(oval, MESH.foreheadLeft, MESH.foreheadRight))).toThrow(folded);
    const narrowJaw = oval.map((p, i) => (i === MESH.jawLeft ? { ...oval[MESH.jawRight]! } : p));
    expect(() => measureFace(narrowJaw)).toThrow(folded);
  });

  it("gives the segments to draw in image coordinates, end to end", () => {
    const m = measureFace(oval);
    const at = (i: number) => ({ x: oval[i]!.x, y: oval[i]!.y });
    expect(m.lines).toEqual({
      length: [at(MESH.foreheadTop), at(MESH.chin)],
      forehead: [at(MESH.foreheadRight), at(MESH.foreheadLeft)],
      cheekbones: [at(MESH.cheekRight), at(MESH.cheekLeft)],
      jaw: [at(MESH.jawRight), at(MESH.jawLeft)],
      jawAngleRight: [at(MESH.cheekRight), at(MESH.jawRight), at(MESH.chin)],
      jawAngleLeft: [at(MESH.cheekLeft), at(MESH.jawLeft), at(MESH.chin)],
    });
  });
});

describe("checkFaceQuality at its limits", () => {
  const base = measureFace(oval);
  const face = (cheekboneWidth: number, yaw = 0, pitch = 0) => ({ ...base, cheekboneWidth, pose: { yaw, pitch, roll: 0 } });
  it("accepts a face exactly at the minimum width and exactly at the turn limits", () => {
    expect(checkFaceQuality(face(MIN_FACE_WIDTH_PX))).toEqual({ ok: true });
    expect(checkFaceQuality(face(MIN_FACE_WIDTH_PX - 0.01))).toEqual({ ok: false, problem: "too-small", faceWidthPx: MIN_FACE_WIDTH_PX - 0.01 });
    expect(checkFaceQuality(face(200, MAX_YAW_DEG, -MAX_PITCH_DEG))).toEqual({ ok: true });
    expect(checkFaceQuality(face(200, -MAX_YAW_DEG - 0.01, 0))).toMatchObject({ ok: false, problem: "turned" });
    expect(checkFaceQuality(face(200, 0, MAX_PITCH_DEG + 0.01))).toMatchObject({ ok: false, problem: "turned", pose: { pitch: MAX_PITCH_DEG + 0.01 } });
  });
});

describe("classifyFaceShape's verdict", () => {
  const at = (shape: (typeof FACE_SHAPES)[number]) => ({ ...PROTOTYPES[shape] });

  it("reports clarity as (s1 − s2) / (s1 + s2) of the two best shares, labelled by its bands", () => {
    const points = [at("oval"), at("round"), { ...at("oval"), length: (PROTOTYPES.oval.length + PROTOTYPES.oblong.length) / 2 }];
    for (let k = 0; k <= 20; k++) {
      const a = at("square");
      const b = at("round");
      points.push({
        length: a.length + (b.length - a.length) * (k / 20),
        taper: a.taper,
        sides: a.sides,
        jawAngle: a.jawAngle + (b.jawAngle - a.jawAngle) * (k / 20),
      });
    }
    const labels = new Set<string>();
    for (const f of points) {
      const r = classifyFaceShape(f);
      const ranked = Object.values(r.scores).sort((x, y) => y - x);
      const [s1, s2] = [ranked[0]!, ranked[1]!];
      expect(r.scores[r.primary]).toBe(s1);
      expect(r.clarity).toBeCloseTo((s1 - s2) / (s1 + s2), 12);
      expect(r.clarityLabel).toBe(r.clarity >= 0.5 ? "clear" : r.clarity >= 0.2 ? "fairly clear" : "borderline");
      expect(r.secondary === null).toBe(s2 < MIN_SECONDARY_SHARE);
      labels.add(r.clarityLabel);
    }
    // The sweep crosses every band.
    expect([...labels].sort()).toEqual(["borderline", "clear", "fairly clear"]);
  });

  it("has no runner-up when no other shape is plausible", () => {
    const r = classifyFaceShape(at("oblong"));
    expect(r.primary).toBe("oblong");
    expect(r.secondary).toBeNull();
  });

  it("stays a distribution for a face far from every prototype (no 0 / 0)", () => {
    const r = classifyFaceShape({ length: 40, taper: -9, sides: 12, jawAngle: 400 });
    const total = Object.values(r.scores).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(Object.values(r.scores).every(Number.isFinite)).toBe(true);
    expect(FACE_SHAPES).toContain(r.primary);
  });
});

describe("styleAdviceFor", () => {
  it("titles each topic in the user's words", () => {
    expect(styleAdviceFor({ primary: "oval", secondary: null, clarityLabel: "clear" }).lines.map((l) => l.title)).toEqual([
      "Necklines & collars",
      "Glasses & sunglasses",
      "Earrings",
      "Hair length",
    ]);
  });

  it("blends in the runner-up only when the verdict is not clear", () => {
    for (const primary of FACE_SHAPES)
      for (const secondary of FACE_SHAPES) {
        if (secondary === primary) continue;
        const clear = styleAdviceFor({ primary, secondary, clarityLabel: "clear" });
        expect(clear.avoidNecklines.sort()).toEqual([...ADVICE[primary].avoid].sort());
        expect(clear.suitedNecklines).toEqual(ADVICE[primary].suited.filter((n) => !ADVICE[primary].avoid.includes(n)));
        for (const clarityLabel of ["fairly clear", "borderline"] as const) {
          const blended = styleAdviceFor({ primary, secondary, clarityLabel });
          // The runner-up's "avoid" is kept unless the primary suits it; nothing it avoids is recommended.
          const expectedAvoid = new Set([...ADVICE[primary].avoid, ...ADVICE[secondary].avoid.filter((n) => !ADVICE[primary].suited.includes(n))]);
          expect(new Set(blended.avoidNecklines)).toEqual(expectedAvoid);
          expect(blended.suitedNecklines).toEqual(ADVICE[primary].suited.filter((n) => !expectedAvoid.has(n) && !ADVICE[secondary].avoid.includes(n)));
        }
      }
  });

  it("every shape but the oval (which suits them all) has necklines to avoid", () => {
    for (const shape of FACE_SHAPES) expect(ADVICE[shape].avoid.length > 0, shape).toBe(shape !== "oval");
  });
});

describe("necklineFit", () => {
  it("never counts 'none', even in a profile that lists it", () => {
    expect(necklineFit("none", { suitedNecklines: ["none", "v-neck"], avoidNecklines: [] })).toBe(0);
    expect(necklineFit("none", { suitedNecklines: [], avoidNecklines: ["none"] })).toBe(0);
    expect(necklineFit("v-neck", { suitedNecklines: ["none", "v-neck"], avoidNecklines: [] })).toBe(0.95);
    expect(necklineFit("v-neck", undefined)).toBe(0);
  });
});

describe("the 12-season flow at its boundaries", () => {
  it("the dominant trait's lead over the next is the margin", () => {
    expect(seasonFromTraits({ warmth: 0.8, depth: -0.3, clarity: 0.1 })).toEqual({ season: "warm spring", dominant: "warmth", margin: 0.5 });
    expect(seasonFromTraits({ warmth: -0.2, depth: 0.9, clarity: -0.6 }).margin).toBeCloseTo(0.3, 12);
  });

  it("reads warmth 0 as warm and depth 0 or clarity 0 as not deep / not bright", () => {
    expect(seasonFromTraits({ warmth: 0, depth: 0.9, clarity: 0.1 }).season).toBe("deep autumn");
    expect(seasonFromTraits({ warmth: 0, depth: -0.9, clarity: 0.1 }).season).toBe("light spring");
    expect(seasonFromTraits({ warmth: -0.9, depth: 0, clarity: 0.1 }).season).toBe("cool summer");
    expect(seasonFromTraits({ warmth: 0.9, depth: 0, clarity: 0.1 }).season).toBe("warm spring");
    expect(seasonFromTraits({ warmth: 0.1, depth: -0.2, clarity: 0 }).season).toBe("light spring");
    expect(seasonFromTraits({ warmth: 0.1, depth: 0.2, clarity: -0.9 }).season).toBe("soft autumn");
    expect(seasonFromTraits({ warmth: -0.1, depth: 0.2, clarity: 0.9 }).season).toBe("bright winter");
    expect(seasonFromTraits({ warmth: -0.1, depth: 0.2, clarity: -0.9 }).season).toBe("soft summer");
  });

  it("every season says in a sentence why its colours", () => {
    for (const name of SEASON_NAMES) expect(seasonPalette(name).summary, name).toMatch(/^[A-Z].{20,}\.$/);
  });
});
