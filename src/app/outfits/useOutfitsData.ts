import { useCallback, useMemo, useState } from "react";
import { userMessage } from "@data/errors";
import { loadLearner, type LoadedLearner } from "@data/outfits";
import { getProfile } from "@data/profile";
import { getSetting, setSetting } from "@data/settings";
import type { Item, Profile } from "@domain/wardrobe/types";
import { useLiveQuery } from "../components/useLiveQuery";
import { useToast } from "../components/toastContext";
import { useWardrobeItems } from "../wardrobe/useWardrobeItems";
import { parseFilters, toContext, type OutfitFilters } from "./filters";

export interface OutfitsData {
  /** Live items (undefined while loading). */
  items: Item[] | undefined;
  byId: ReadonlyMap<string, Item>;
  /** The learner as stored now (live across tabs), undefined while loading. */
  learner: LoadedLearner | undefined;
  profile: Profile | null | undefined;
  /** Null until the remembered filters are read. */
  filters: OutfitFilters | null;
  setFilters: (f: OutfitFilters) => void;
  context: ReturnType<typeof toContext>;
}

const loadProfile = async () => (await getProfile()) ?? null;
const loadStoredFilters = () => getSetting("outfits.filters");

/** Everything the outfit views share: the wardrobe, the learner, the profile and the day's filters. */
export function useOutfitsData(): OutfitsData {
  const toast = useToast();
  const { items: all, complete } = useWardrobeItems();
  // The first page of a big wardrobe is not enough to suggest from: wait for all of it.
  const items = complete ? all : undefined;
  const learner = useLiveQuery(loadLearner, []);
  const profile = useLiveQuery(loadProfile, []);
  const stored = useLiveQuery(loadStoredFilters, []);
  const [filters, setFiltersState] = useState<OutfitFilters | null>(null);
  // Initialised once, when both the remembered filters and the profile are in.
  if (filters === null && stored !== undefined && profile !== undefined) setFiltersState(parseFilters(stored, profile));

  const setFilters = useCallback(
    (f: OutfitFilters) => {
      setFiltersState(f);
      void setSetting("outfits.filters", f).catch((e) => toast.show({ message: `Could not remember these filters: ${userMessage(e)}`, tone: "error" }));
    },
    [toast],
  );
  const byId = useMemo(() => new Map((items ?? []).map((i) => [i.id, i] as const)), [items]);
  // No `now`: the domain takes Date.now() when it scores, so "not worn in N days" counts from the moment of asking.
  const context = useMemo(() => toContext(filters ?? parseFilters(null, profile), profile), [filters, profile]);
  return { items, byId, learner, profile, filters, setFilters, context };
}
