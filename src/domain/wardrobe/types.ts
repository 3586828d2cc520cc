/** The wardrobe's vocabulary, in the user's words. Pure types: no DOM, no storage. */
import type { ModelRef } from "../vision/modelRef";
import type { StoredModelRef } from "../vision/modelRef";

export const CATEGORIES = ["top", "bottom", "dress", "outerwear", "shoes", "bag", "accessory"] as const;
export type Category = (typeof CATEGORIES)[number];

export const SUBTYPES: Record<Category, readonly string[]> = {
  top: ["t-shirt", "shirt", "blouse", "sweater", "hoodie", "tank top", "polo"],
  bottom: ["trousers", "jeans", "shorts", "skirt", "leggings"],
  dress: ["dress", "jumpsuit", "overalls"],
  outerwear: ["coat", "jacket", "blazer", "cardigan", "raincoat"],
  shoes: ["sneakers", "boots", "sandals", "heels", "loafers", "flats"],
  bag: ["handbag", "backpack", "tote", "clutch", "crossbody"],
  accessory: ["scarf", "hat", "belt", "jewellery", "glasses", "watch", "tie", "socks", "gloves"],
};

/** Subtype names that were renamed: read from old rows, backups and other devices' records. */
export const RENAMED_SUBTYPES: Readonly<Record<string, string>> = { sunglasses: "glasses" };

/**
 * A kind the user named themselves ("kimono", "tie clip"): allowed in any category as long
 * as it is not one of another category's built-in kinds. Taught kinds are items' subtypes:
 * they travel with backups and sync like any other field.
 */
export function isTaughtKindName(category: Category, subtype: string): boolean {
  const name = subtype.trim();
  if (name.length === 0 || name.length > 40 || name !== subtype || [...name].some((ch) => ch < " " || ch === "<" || ch === ">")) return false;
  if (SUBTYPES[category].includes(name)) return false;
  return !CATEGORIES.some((c) => SUBTYPES[c].includes(name));
}

/** The subtype as stored now: renamed names mapped. */
export function currentSubtype(subtype: string | null): string | null {
  return subtype === null ? null : (RENAMED_SUBTYPES[subtype] ?? subtype);
}

export const SEASONS = ["spring", "summer", "autumn", "winter"] as const;
export type Season = (typeof SEASONS)[number];

export const OCCASIONS = ["casual", "work", "formal", "sport", "party", "outdoor"] as const;
export type Occasion = (typeof OCCASIONS)[number];

export const GENDERS = ["women", "men", "unisex"] as const;
export type Gender = (typeof GENDERS)[number];

export const NECKLINES = ["crew", "v-neck", "scoop", "boat", "square", "sweetheart", "halter", "turtleneck", "collared", "off-shoulder", "none"] as const;
export type Neckline = (typeof NECKLINES)[number];

/** One colour of an item: sRGB hex, a fashion name ("navy"), and its share of the garment (0–1). */
export interface ItemColour {
  hex: string;
  name: string;
  share: number;
}

/** How the item's category was decided (filled by the classifier in the vision issue). */
export interface Recognition {
  /** The classifier that decided (read it with readModelRef: older rows hold text). */
  modelVersion: StoredModelRef;
  top: { category: Category; subtype: string; confidence: number }[];
  confirmedByUser: boolean;
  /** The classifier was below the confidence threshold: the user is asked to choose. */
  needsReview?: boolean;
  /** The photo did not look like clothing: the user keeps it (choosing its kind) or drops it. */
  notClothing?: boolean;
  threshold?: number;
}

export interface Item {
  id: string; // UUID, stable across devices (sync relies on it)
  createdAt: number; // ms since epoch
  updatedAt: number;
  name: string;
  category: Category | null;
  subtype: string | null;
  colours: ItemColour[];
  seasons: Season[];
  occasions: Occasion[];
  material: string;
  brand: string;
  price: number | null; // in the user's currency
  purchaseDate: string | null; // YYYY-MM-DD
  gender: Gender | null;
  neckline: Neckline | null;
  notes: string;
  favourite: boolean;
  wearCount: number;
  lastWornAt: number | null;
  /** Blob keys in the images table. */
  imageId: string | null;
  recognition: Recognition | null;
  embedding: number[] | null; // 128-d, unit length (vision issue)
  /** The embedder that made `embedding` (absent on items made before it was recorded: treated as unknown). */
  embeddedBy?: ModelRef | null;
  /** 64-bit hash of the garment's outline (vision issue): near-duplicate detection. */
  silhouette?: string | null;
  /** Laundry, when the user keeps track of it (absent: never marked clean or put in the wash by hand). */
  laundry?: ItemLaundry | null;
  deletedAt: number | null; // soft delete: undo and sync tombstones
}

/**
 * An item's laundry marks. Whether it is "in the wash" is worked out from these and
 * the wear log (domain/outfits/laundry.ts): worn its kind's number of times since
 * `cleanedAt`, or put in the wash by hand after it.
 */
export interface ItemLaundry {
  /** When the user last marked it clean; wears logged after it count towards the next wash. */
  cleanedAt: number | null;
  /** When the user put it in the wash by hand (before its number of wears). */
  inWashSince: number | null;
}

/** Images live in their own table: the original (location metadata stripped) and a thumbnail. */
export interface StoredImage {
  id: string;
  itemId: string;
  createdAt: number;
  updatedAt: number;
  original: Blob;
  thumbnail: Blob;
  width: number;
  height: number;
  mimeType: string;
  sha256: string; // of the stored original bytes
  /**
   * The photo this one was cut out of, when one photo held several garments (issue 16):
   * `original` is then the piece's cut-out and the whole photo is a SourcePhoto, stored
   * once and shared by every piece's image. Absent or null: the photo is the item's own.
   */
  sourcePhotoId?: string | null;
  /**
   * Where the piece lay in that photo: [x0, y0, x1, y1] in the source photo's pixels (the
   * detector's box, as kept by the person). Shown, cropped with a margin, when the user
   * prefers pieces "as photographed" (domain/wardrobe/sourceBox.ts). Absent on older pieces:
   * the whole photo is shown then. Meaningless without `sourcePhotoId`.
   */
  sourceBox?: SourceBox | null;
}

/** [x0, y0, x1, y1] in a photo's pixels: x0 < x1, y0 < y1, inside the photo. */
export type SourceBox = readonly [number, number, number, number];

/**
 * A photo several items were cut out of, stored once (table sourcePhotos) and shared:
 * each piece's StoredImage refers to it. It is kept while any image refers to it (a
 * deleted item's image too, until the undo window has passed and it is purged).
 * Immutable: nothing edits it, so copies with the same id are the same photo.
 */
export interface SourcePhoto {
  id: string;
  createdAt: number;
  blob: Blob;
  width: number;
  height: number;
  mimeType: string;
  sha256: string; // of `blob`'s bytes
}

/** The user's profile: one record, id "me". Face analysis saves its result here. */
export interface Profile {
  id: "me";
  createdAt: number;
  updatedAt: number;
  gender: Gender | null;
  faceShape: { primary: string; secondary: string | null; scores: Record<string, number>; clarity: number } | null;
  suitedNecklines: Neckline[];
  avoidNecklines: Neckline[];
  /** The selfie the face shape came from: kept only when the user asks (face issue). */
  selfie?: ProfileSelfie | null;
}

export interface ProfileSelfie {
  blob: Blob;
  width: number;
  height: number;
  mimeType: string;
  savedAt: number;
}
