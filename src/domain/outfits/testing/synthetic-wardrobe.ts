/**
 * Deterministic synthetic wardrobes for tests and benchmarks: realistic category
 * mix, palette colours (neutrals more common, as in real closets), tags, genders,
 * and Siamese-like embeddings (unit vectors clustered by subtype).
 */
import { mulberry32 } from "../../colour/kmeans";
import { FASHION_PALETTE } from "../../colour/palette";
import { GENDERS, OCCASIONS, SEASONS, SUBTYPES, type Category, type Item, type ItemColour } from "../../wardrobe/types";

/**
 * The kinds the synthetic wardrobes draw from: frozen, so that a taxonomy change (new
 * kinds from a new recogniser) does not silently change every seeded wardrobe and the
 * figures measured on them. The taxonomy of November 2026 ("sunglasses" now "glasses").
 */
const FIXTURE_SUBTYPES: Record<Category, readonly string[]> = {
  ...SUBTYPES,
  accessory: ["scarf", "hat", "belt", "jewellery", "glasses", "tie"],
};
import { newItem } from "../../wardrobe/item";

/** A complete Item from the few fields a test cares about. */
export function makeItem(fields: Partial<Item> & { id: string; category: Category | null }): Item {
  return newItem(fields.id, 0, { name: fields.id, ...fields });
}

/** One colour by palette name, e.g. colour("navy"). */
export function colour(name: string, share = 1): ItemColour {
  const c = FASHION_PALETTE.find((p) => p.name === name);
  if (!c) throw new Error(`Unknown palette colour "${name}"`);
  return { hex: c.hex, name, share };
}

export interface SyntheticWardrobeOptions {
  seed?: number;
  /** Embedding size; 0 = items without embeddings. */
  embeddingDim?: number;
  /** Restrict colours to these palette names (tests that need known pairs). */
  colourNames?: readonly string[];
  now?: number;
}

const MIX: [Category, number][] = [
  ["top", 0.28],
  ["bottom", 0.18],
  ["dress", 0.08],
  ["outerwear", 0.1],
  ["shoes", 0.16],
  ["bag", 0.1],
  ["accessory", 0.1],
];

export function syntheticWardrobe(n: number, o: SyntheticWardrobeOptions = {}): Item[] {
  const rand = mulberry32(o.seed ?? 42);
  const dim = o.embeddingDim ?? 128;
  const now = o.now ?? Date.UTC(2026, 10, 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const palette = o.colourNames ? FASHION_PALETTE.filter((c) => o.colourNames!.includes(c.name)) : FASHION_PALETTE;
  const neutrals = palette.filter((c) => c.neutral);
  const accents = palette.filter((c) => !c.neutral);
  // Siamese embeddings cluster by garment type: one centre per subtype, items scattered around it.
  const centres = new Map<string, number[]>();
  const centre = (key: string) => {
    if (!centres.has(key)) centres.set(key, Array.from({ length: dim }, gauss));
    return centres.get(key)!;
  };
  const items: Item[] = [];
  for (let k = 0; k < n; k++) {
    let r = rand();
    let category: Category = "top";
    for (const [c, w] of MIX) {
      if ((r -= w) < 0) {
        category = c;
        break;
      }
    }
    const subtype = pick(FIXTURE_SUBTYPES[category]);
    const drawColour = () => (accents.length === 0 || (neutrals.length > 0 && rand() < 0.6) ? pick(neutrals) : pick(accents));
    const main = drawColour();
    const colours: ItemColour[] = [{ hex: main.hex, name: main.name, share: 1 }];
    if (rand() < 0.3) {
      const second = drawColour();
      if (second.name !== main.name) {
        const share = 0.15 + 0.25 * rand();
        colours[0]!.share = 1 - share;
        colours.push({ hex: second.hex, name: second.name, share });
      }
    }
    let embedding: number[] | null = null;
    if (dim > 0) {
      const c = centre(subtype);
      const v = c.map((x) => x + 0.8 * gauss());
      const norm = Math.hypot(...v);
      embedding = v.map((x) => x / norm);
    }
    const worn = rand() < 0.7;
    items.push(
      makeItem({
        id: `item-${String(k).padStart(5, "0")}`,
        name: `${main.name} ${subtype}`,
        category,
        subtype,
        colours,
        seasons: SEASONS.filter(() => rand() < 0.4),
        occasions: OCCASIONS.filter(() => rand() < 0.25),
        gender: pick(GENDERS),
        price: Math.round(10 + rand() * 190),
        wearCount: worn ? 1 + Math.floor(rand() * 40) : 0,
        lastWornAt: worn ? now - Math.floor(rand() * 60) * 86_400_000 : null,
        embedding,
      }),
    );
  }
  return items;
}
