import { useState } from "react";
import { useTabs } from "../components/useTabs";
import type { Item } from "@domain/wardrobe/types";
import { draftFromItems, type Draft } from "./builder";
import { BuilderView } from "./BuilderView";
import { CalendarView } from "./CalendarView";
import { CapsuleView } from "./CapsuleView";
import { LaundryView } from "./LaundryView";
import { TripView } from "./TripView";
import { StatsView } from "./StatsView";
import { SuggestionsView } from "./SuggestionsView";
import { useOutfitsData } from "./useOutfitsData";
import "./outfits.css";

const VIEWS = [
  { id: "today", label: "Today" },
  { id: "build", label: "Build" },
  { id: "calendar", label: "Calendar" },
  { id: "stats", label: "Stats" },
  { id: "laundry", label: "Laundry" },
  { id: "trip", label: "Trip" },
  { id: "capsule", label: "Capsule" },
] as const;
type ViewId = (typeof VIEWS)[number]["id"];
const VIEW_IDS = VIEWS.map((v) => v.id);

/** The Outfits tab: today's suggestions, the builder, the wear calendar, the wardrobe's statistics, the laundry, trips and capsules. */
export default function OutfitsScreen() {
  const data = useOutfitsData();
  const { selected: view, select, onKeyDown, tabProps } = useTabs<ViewId>(VIEW_IDS, "today");
  // The builder's outfit lives here so "Change" on a suggestion can hand its pieces over.
  const [draft, setDraft] = useState<Draft>({});
  const openInBuilder = (items: Item[]) => {
    setDraft(draftFromItems(items));
    select("build", true);
  };

  return (
    <section className="outfits" aria-labelledby="outfits-title">
      <div className="outfits-head">
        <h2 id="outfits-title">Outfits</h2>
        <div className="subtabs" role="tablist" aria-label="Outfit views" onKeyDown={onKeyDown}>
          {VIEWS.map((v, i) => (
            <button key={v.id} {...tabProps(v.id, i)} id={`outfits-tab-${v.id}`} className="subtab" aria-controls="outfits-panel">
              {v.label}
            </button>
          ))}
        </div>
      </div>
      <div id="outfits-panel" role="tabpanel" aria-labelledby={`outfits-tab-${view}`} className="outfits-panel">
        {view === "today" && <SuggestionsView data={data} onEdit={openInBuilder} />}
        {view === "build" && <BuilderView data={data} draft={draft} onDraft={setDraft} />}
        {view === "calendar" && <CalendarView byId={data.byId} />}
        {view === "stats" && <StatsView items={data.items} />}
        {view === "laundry" && <LaundryView items={data.items} />}
        {view === "trip" && <TripView data={data} />}
        {view === "capsule" && <CapsuleView data={data} />}
      </div>
    </section>
  );
}
