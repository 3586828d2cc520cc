import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { listSavedOutfits, listWearBetween, type WearLogEntry } from "@data/outfits";
import { slotOf } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";
import { useLiveQuery } from "../components/useLiveQuery";
import { useToday } from "./useToday";
import { addMonths, dateOf, monthGrid, moveFocus, sameMonth } from "./calendar";
import { DayDetails } from "./DayDetails";
import { longDate, plural } from "./format";
import { PieceThumb } from "./PieceThumb";

const monthTitle = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" });
const weekdayShort = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const weekdayLong = new Intl.DateTimeFormat(undefined, { weekday: "long" });

/** The piece that best stands for an outfit in a small cell: the dress or the top. */
function leadPiece(entry: WearLogEntry, byId: ReadonlyMap<string, Item>): Item | undefined {
  const items = entry.itemIds.map((id) => byId.get(id)).filter((i): i is Item => i !== undefined);
  return items.find((i) => slotOf(i) === "dress") ?? items.find((i) => slotOf(i) === "top") ?? items[0];
}

/** What was worn when: a month grid (arrow keys, Home/End, Page Up/Down) and the chosen day's outfits. */
export function CalendarView({ byId }: { byId: ReadonlyMap<string, Item> }) {
  const uid = useId();
  const today = useToday();
  const [focused, setFocused] = useState(today);
  const month = focused.slice(0, 7);
  const weeks = useMemo(() => monthGrid(`${month}-01`), [month]);
  const from = weeks[0]![0]!;
  const to = weeks[weeks.length - 1]![6]!;
  const entries = useLiveQuery(() => listWearBetween(from, to), [from, to]);
  const saved = useLiveQuery(listSavedOutfits, []);
  const names = useMemo(() => new Map((saved ?? []).map((o) => [o.id, o.name] as const)), [saved]);
  const byDate = useMemo(() => {
    const m = new Map<string, WearLogEntry[]>();
    for (const e of entries ?? []) m.set(e.date, [...(m.get(e.date) ?? []), e]);
    return m;
  }, [entries]);

  // Focus follows the keyboard only: a click or a month button must not steal it.
  const moveByKey = useRef(false);
  const cells = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => {
    if (!moveByKey.current) return;
    moveByKey.current = false;
    cells.current.get(focused)?.focus();
  }, [focused]);
  const onKeyDown = (e: KeyboardEvent, day: string) => {
    const next = moveFocus(day, e.key);
    if (!next) return;
    e.preventDefault();
    moveByKey.current = true;
    setFocused(next);
  };
  const titleId = `${uid}-month`;

  return (
    <div className="calendar-view">
      <div className="calendar-head">
        <button type="button" className="button" aria-label="Previous month" onClick={() => setFocused(addMonths(focused, -1))}>
          ‹
        </button>
        <h3 id={titleId} aria-live="polite">
          {monthTitle.format(dateOf(focused))}
        </h3>
        <button type="button" className="button" aria-label="Next month" onClick={() => setFocused(addMonths(focused, 1))}>
          ›
        </button>
        <button type="button" className="button" onClick={() => setFocused(today)} disabled={focused === today}>
          Today
        </button>
      </div>
      <table className="calendar" role="grid" aria-labelledby={titleId}>
        <thead>
          <tr>
            {weeks[0]!.map((d) => (
              <th key={d} scope="col" abbr={weekdayLong.format(dateOf(d))}>
                {weekdayShort.format(dateOf(d))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const list = byDate.get(day) ?? [];
                const lead = list[0] ? leadPiece(list[0], byId) : undefined;
                const label = `${longDate(dateOf(day))}${day === today ? ", today" : ""}: ${list.length ? `${plural(list.length, "outfit")} worn` : "nothing logged"}`;
                return (
                  <td key={day} role="gridcell" aria-selected={day === focused} className={sameMonth(day, focused) ? undefined : "other-month"}>
                    <button
                      type="button"
                      ref={(el) => void (el ? cells.current.set(day, el) : cells.current.delete(day))}
                      className={`day${day === today ? " is-today" : ""}${list.length ? " has-wear" : ""}`}
                      tabIndex={day === focused ? 0 : -1}
                      aria-label={label}
                      data-date={day}
                      onClick={() => setFocused(day)}
                      onKeyDown={(e) => onKeyDown(e, day)}
                    >
                      <span className="day-number" aria-hidden="true">
                        {Number(day.slice(8))}
                      </span>
                      {lead && <PieceThumb item={lead} size="s" captioned />}
                      {list.length > 1 && (
                        <span className="day-count" aria-hidden="true">
                          {list.length}
                        </span>
                      )}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted calendar-help">Arrow keys move by day and week, Page Up and Page Down by month.</p>
      <DayDetails day={focused} entries={byDate.get(focused) ?? []} loading={entries === undefined} byId={byId} names={names} />
    </div>
  );
}
