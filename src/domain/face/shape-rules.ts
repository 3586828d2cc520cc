export const FACE_SHAPES = ["oval", "round", "square", "heart", "oblong", "diamond", "triangle"] as const;
export type FaceShape = (typeof FACE_SHAPES)[number];

/**
 * The four numbers the shape rules look at, all free of scale (ratios to the cheekbone
 * width) and of rotation (taken in the face frame).
 */
export interface ShapeFeatures {
  /** Face length ÷ cheekbone width: long faces (oblong) vs short ones (round, square). */
  length: number;
  /** (forehead − jaw) ÷ cheekbones: > 0 wider on top (heart), < 0 wider below (triangle). */
  taper: number;
  /** Mean of forehead and jaw ÷ cheekbones: low when the cheekbones stick out (diamond). */
  sides: number;
  /** Jaw corner angle in degrees: small = angular (square), large = soft or pointed. */
  jawAngle: number;
}

/**
 * Where each face shape sits in feature space (see ShapeFeatures), and how far a face may
 * stray from it. Face-shape categories are a stylists' convention, not anatomy, so the
 * numbers combine three sources:
 *
 * 1. The stylists' definitions, as used by hairdressers' and eyewear retailers' face
 *    shape guides: oval — about 1.5× as long as wide (hairline to chin vs cheekbones),
 *    forehead a little wider than the jaw, jaw softly rounded; round — about as long as
 *    wide, full cheeks, soft jaw; square — about as long as wide, forehead, cheekbones
 *    and jaw of similar width, angular jaw; oblong — clearly longer than oval with
 *    similar widths; heart — forehead widest, tapering to a narrow, pointed chin;
 *    diamond — cheekbones clearly widest, narrow forehead and jaw; triangle (pear) —
 *    jaw widest, narrow forehead.
 * 2. Adult anthropometric norms (Farkas, "Anthropometry of the Head and Face", 2nd ed.,
 *    1994): the jaw (go–go) is about three quarters of the cheekbone width (zy–zy), the
 *    minimum forehead width (ft–ft) about 0.8 of it, hairline-to-chin height about 1.3×
 *    it; a typical gonial (jaw-corner) angle is ~120–130°. The average face is what the
 *    stylists call oval, so the oval prototype sits at the average.
 * 3. The mesh's own geometry. Mesh point 10 is mid-forehead, not the hairline, so mesh
 *    face length is ~0.88 of hairline-to-chin (measured on the NASA astronaut portrait,
 *    whose mesh gives length 1.16, forehead 0.86, jaw 0.83, jaw angle 131°: an
 *    average, oval face; a second crop of the same photo gave 1.18, 0.88, 0.80, 133°,
 *    which is the size of photo noise). The mesh forehead (points 54/284) sits higher than ft–ft and
 *    the mesh jaw corners (172/397) slightly above gonion, so both read wider than the
 *    norms above. Our jaw angle is the outline's angle at the jaw corner (cheekbone –
 *    jaw corner – chin), not the radiographic gonial angle: a square jaw reads ~115–120°,
 *    a circular jaw-line ~135°, a straight V-shaped jaw tending towards 145°+.
 *
 * So, in mesh units: "as long as wide" (round, square) ≈ 1.05; oval ≈ 1.18; oblong
 * ≈ 1.38 (a hairline ratio of ~1.55); a forehead "a little wider than the jaw" is a taper
 * of ~0.06 (the average), "forehead widest, narrow chin" ~0.20, "jaw widest" ≈ −0.10.
 */
export const PROTOTYPES: Record<FaceShape, ShapeFeatures> = {
  oval: { length: 1.18, taper: 0.06, sides: 0.84, jawAngle: 132 },
  round: { length: 1.04, taper: 0.05, sides: 0.86, jawAngle: 137 },
  square: { length: 1.06, taper: 0.02, sides: 0.91, jawAngle: 118 },
  heart: { length: 1.18, taper: 0.2, sides: 0.82, jawAngle: 142 },
  oblong: { length: 1.38, taper: 0.05, sides: 0.87, jawAngle: 128 },
  diamond: { length: 1.22, taper: 0.05, sides: 0.75, jawAngle: 140 },
  triangle: { length: 1.12, taper: -0.1, sides: 0.86, jawAngle: 124 },
};

/**
 * One "step" per feature: roughly the landmark noise of a good selfie (±2–3 % on each
 * width ratio, ±4° on the jaw angle) doubled, so photo noise alone moves a face by
 * well under one step, while neighbouring prototypes are 2–3 steps apart.
 */
export const SPREAD: ShapeFeatures = { length: 0.07, taper: 0.05, sides: 0.04, jawAngle: 7 };
