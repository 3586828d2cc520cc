import { useRef, useState, type KeyboardEvent } from "react";
import type { Item } from "../../domain/wardrobe/types";
import { draftFromItems, type Draft } from "./builder";
import { BuilderView } from "./BuilderView";
import { CalendarView } from "./CalendarView";
import { StatsView } from "./StatsView";
import { SuggestionsView } from "./SuggestionsView";
import { useOutfitsData } from "./useOutfitsData";
import "./outfits.css";

const VIEWS = [
  { id: "today", label: "Today" },
  { id: "build", label: "Build" },
  { id: "calendar", label: "Calendar" },
  { id: "stats", label: "Stats" },
] as const;
type ViewId = (typeof VIEWS)[number]["id"];

/** The Outfits tab: today's suggestions, the builder, the wear calendar and the wardrobe's statistics. */
export default function OutfitsScreen() {
  const data = useOutfitsData();
  const [view, setView] = useState<ViewId>("today");
  // The builder's outfit lives here so "Change" on a suggestion can hand its pieces over.
  const [draft, setDraft] = useState<Draft>({});
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (id: ViewId, focus = false) => {
    setView(id);
    if (focus) tabs.current[VIEWS.findIndex((v) => v.id === id)]?.focus();
  };
  // Arrow keys move between the views (WAI-ARIA tabs): one Tab stop for the whole bar.
  const onKeyDown = (e: KeyboardEvent) => {
    const at = VIEWS.findIndex((v) => v.id === view);
    const to = e.key === "ArrowRight" ? at + 1 : e.key === "ArrowLeft" ? at - 1 : e.key === "Home" ? 0 : e.key === "End" ? VIEWS.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    select(VIEWS[(to + VIEWS.length) % VIEWS.length]!.id, true);
  };
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
            <button
              key={v.id}
              ref={(el) => void (tabs.current[i] = el)}
              id={`outfits-tab-${v.id}`}
              role="tab"
              type="button"
              className="subtab"
              aria-selected={v.id === view}
              aria-controls="outfits-panel"
              tabIndex={v.id === view ? 0 : -1}
              onClick={() => select(v.id)}
            >
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
      </div>
    </section>
  );
}
