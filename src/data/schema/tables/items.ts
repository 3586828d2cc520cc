import type { Item } from "@domain/wardrobe/types";
import { upgradeItemModelRefs } from "../../upgrades/modelRefs";
import { upgradeRenamedSubtypes } from "../../upgrades/subtypes";
import { table } from "./table";

/** Wardrobe items (type and checks in domain/wardrobe), deleted ones kept as tombstones. */
export const itemsTable = table<Item>()(
  "items",
  "id",
  { 1: "id, createdAt, updatedAt, category, favourite, wearCount, price, deletedAt, *seasons, *occasions" },
  { upgrades: { 5: upgradeItemModelRefs, 6: upgradeRenamedSubtypes } },
);
