// The committed catalog must be embedded by the embedder the app ships: a promoted
// embedder (a new champion in models/registry.json) puts the app's queries in another
// space, and the endpoint would refuse every one of them (409 embedder_mismatch).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Entry {
  name: string;
  version: number;
  status: string;
  sha256?: string;
}

describe("the committed catalog", () => {
  it("was built with the champion embedder (rebuild with `node api/catalog/build.mjs` after a promotion)", () => {
    const registry = JSON.parse(readFileSync("models/registry.json", "utf8")) as { models: Entry[] };
    const champion = registry.models.find((m) => m.name === "garment-embedder" && m.status === "champion")!;
    const manifest = JSON.parse(readFileSync("api/catalog/catalog.json", "utf8")) as {
      embedder: { name: string; version: number; sha256: string };
      count: number;
    };
    expect(manifest.embedder, "rebuild the catalog: node api/catalog/build.mjs").toEqual(
      expect.objectContaining({ name: champion.name, version: champion.version, sha256: champion.sha256 }),
    );
    expect(manifest.count).toBe(60_000);
  });
});
