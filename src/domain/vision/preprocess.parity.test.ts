// TS <-> Python parity of preprocessing contract v1: the app's code must turn the
// committed images (models/testdata/contract/, made by models/training/contract_data.py)
// into the same tensors, boxes and "not found" verdicts as the Python evaluation.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CONTRACT_VERSION, preprocessGarment, type RgbaImage } from "./preprocess";

const DIR = new URL("../../../models/testdata/contract/", import.meta.url);

interface Case {
  name: string;
  description: string;
  file: string;
  width: number;
  height: number;
  channels: 3 | 4;
  found: boolean;
  reason: string | null;
  bbox: [number, number, number, number];
  workBox: [number, number, number, number];
  maskPixels: number;
  threshold: number;
  unevenLight: boolean;
  tensorIndex: number;
}

const manifest = JSON.parse(readFileSync(new URL("manifest.json", DIR), "utf8")) as {
  contractVersion: number;
  tensorFile: string;
  cases: Case[];
};
const tensorBytes = gunzipSync(readFileSync(new URL(manifest.tensorFile, DIR)));
const tensors = new Float32Array(tensorBytes.buffer, tensorBytes.byteOffset, tensorBytes.byteLength / 4);

function loadImage(c: Case): RgbaImage {
  const raw = gunzipSync(readFileSync(new URL(c.file, DIR)));
  expect(raw.length).toBe(c.width * c.height * c.channels);
  if (c.channels === 4) return { data: new Uint8ClampedArray(raw), width: c.width, height: c.height };
  const data = new Uint8ClampedArray(c.width * c.height * 4);
  for (let i = 0, j = 0; i < raw.length; i += 3, j += 4) {
    data[j] = raw[i]!;
    data[j + 1] = raw[i + 1]!;
    data[j + 2] = raw[i + 2]!;
    data[j + 3] = 255;
  }
  return { data, width: c.width, height: c.height };
}

describe("preprocessing contract parity with models/training/preprocess.py", () => {
  it("is the same contract version and has a varied set of cases", () => {
    expect(manifest.contractVersion).toBe(CONTRACT_VERSION);
    expect(manifest.cases.length).toBeGreaterThanOrEqual(16);
    expect(manifest.cases.filter((c) => !c.found).length).toBeGreaterThanOrEqual(2);
    expect(tensors.length).toBe(manifest.cases.length * 784);
  });

  let worst = 0;
  for (const c of manifest.cases) {
    it(`${c.name}: ${c.description}`, () => {
      const r = preprocessGarment(loadImage(c));
      expect(r.found).toBe(c.found);
      if (!r.found) {
        expect(r.reason).toBe(c.reason);
        return;
      }
      expect([r.bbox.x, r.bbox.y, r.bbox.width, r.bbox.height]).toEqual(c.bbox);
      expect([r.workBox.x, r.workBox.y, r.workBox.width, r.workBox.height]).toEqual(c.workBox);
      expect(r.mask.reduce((a, b) => a + b, 0)).toBe(c.maskPixels);
      expect(r.threshold).toBe(c.threshold);
      expect(r.unevenLight).toBe(c.unevenLight);
      const expected = tensors.subarray(c.tensorIndex * 784, (c.tensorIndex + 1) * 784);
      let maxDiff = 0;
      for (let i = 0; i < 784; i++) maxDiff = Math.max(maxDiff, Math.abs(r.tensor[i]! - expected[i]!));
      worst = Math.max(worst, maxDiff);
      expect(maxDiff).toBeLessThanOrEqual(1e-4);
    });
  }

  it("reports the worst difference", () => {
    // Printed for the record; the per-case tests above are the gate.
    console.info(`contract parity: worst max |TS - Python| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-4);
  });
});
