import { describe, expect, it } from "vitest";
import { usableDetector } from "./choice";
import { TEST_POSTPROCESS } from "./decode";

describe("usableDetector", () => {
  const classifier = { name: "garment-classifier", version: 3, postprocess: null };
  it("says there is none when the registry has no garment-detector champion (today)", () => {
    const c = usableDetector([classifier]);
    expect(c.info).toBeNull();
    expect(c.reason).toMatch(/No garment detector/);
  });
  it("refuses a detector without its post-processing numbers", () => {
    expect(usableDetector([classifier, { name: "garment-detector", version: 1, postprocess: null }]).reason).toMatch(/v1 has no post-processing/);
  });
  it("picks the detector with its numbers", () => {
    const c = usableDetector([classifier, { name: "garment-detector", version: 2, postprocess: TEST_POSTPROCESS }]);
    expect(c.info?.version).toBe(2);
    expect(c.info?.postprocess.nms_iou).toBe(TEST_POSTPROCESS.nms_iou);
  });
});
