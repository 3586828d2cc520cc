import { useCallback, useMemo, useState } from "react";
import { userMessage } from "@data/errors";
import { listWornSince, loadLearner, localDate, type LoadedLearner } from "@data/outfits";
import { getProfile } from "@data/profile";
import { getSetting, setSetting } from "@data/settings";
import type { Hemisphere, OutfitContext, WornOutfit } from "@domain/outfits";
import type { Item, Profile } from "@domain/wardrobe/types";
import { useLiveQuery } from "../components/useLiveQuery";
import { useToast } from "../components/toastContext";
import { useWardrobeItems } from "../wardrobe/useWardrobeItems";
import { parseFilters, toContext, type OutfitFilters } from "./filters";
import { useLaundry } from "./useLaundry";
import { useWeather, type Weather } from "./useWeather";
import { dressingWeather } from "@domain/outfits/weather";

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
  /** The day the user asked for (filters and settings): what a new set of suggestions is keyed on. */
  context: ReturnType<typeof toContext>;
  /**
   * The same with what was worn lately and what is in the wash: what scoring uses.
   * Undefined until the wear log and the laundry are read.
   */
  fullContext: OutfitContext | undefined;
  hemisphere: Hemisphere;
  /** Use today's weather: the setting, today's forecast (its temperature and rain replace the typed ones) and how the last read went. */
  weather: Weather;
}

/** Two weeks of wears rest what was worn (domain/outfits/rotation.ts); a day's margin. */
const ROTATION_DAYS = 15;

const loadProfile = async () => (await getProfile()) ?? null;
const loadStoredFilters = () => getSetting("outfits.filters");
const loadHemisphere = () => getSetting("outfits.hemisphere");
const loadFeel = () => getSetting("outfits.feel");
const loadPalette = () => getSetting("outfits.palette");
const loadRecentWears = () => listWornSince(localDate(Date.now() - ROTATION_DAYS * 86_400_000));

/** Everything the outfit views share: the wardrobe, the learner, the profile, the day's filters, what was worn and what is in the wash. */
export function useOutfitsData(): OutfitsData {
  const toast = useToast();
  const { items: all, complete } = useWardrobeItems();
  // The first page of a big wardrobe is not enough to suggest from: wait for all of it.
  const items = complete ? all : undefined;
  const learner = useLiveQuery(loadLearner, []);
  const profile = useLiveQuery(loadProfile, []);
  const stored = useLiveQuery(loadStoredFilters, []);
  const hemisphere = useLiveQuery(loadHemisphere, []);
  const feel = useLiveQuery(loadFeel, []);
  const saved = useLiveQuery(loadPalette, []);
  // Only when the user let it count (Style tab): a new object only when the palette itself changes, so scoring caches hold.
  const palette = useMemo(() => (saved?.use ? { season: saved.season, suits: saved.suits, avoid: saved.avoid } : null), [saved]);
  const wears = useLiveQuery(loadRecentWears, []) as WornOutfit[] | undefined;
  const laundry = useLaundry();
  const weather = useWeather();
  const forecastDay = weather.forecast?.day;
  const dressing = useMemo(() => (forecastDay ? dressingWeather(forecastDay) : null), [forecastDay]);
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
  // No `now`: the domain takes Date.now() when it scores, so rotation and "not worn in N days" count from the moment of asking.
  const context = useMemo(
    () => toContext(filters ?? parseFilters(null, profile), profile, undefined, { hemisphere: hemisphere ?? "north", feel, weather: dressing, palette }),
    [filters, profile, hemisphere, feel, dressing, palette],
  );
  const inWash = useMemo(() => (items && laundry ? items.filter((i) => laundry.status(i)?.inWash).map((i) => i.id) : undefined), [items, laundry]);
  const ready = wears !== undefined && inWash !== undefined && hemisphere !== undefined && feel !== undefined;
  const fullContext = useMemo(() => (ready ? { ...context.context, wears, inWashItemIds: inWash } : undefined), [ready, context, wears, inWash]);
  return { items, byId, learner, profile, filters, setFilters, context, fullContext, hemisphere: hemisphere ?? "north", weather };
}
