import { useRef, useState, type KeyboardEvent } from "react";

/**
 * A WAI-ARIA tab bar's state: one Tab stop for the whole bar, arrow keys (and
 * Home/End) move to the neighbouring tab, select it and focus it.
 */
export function useTabs<Id extends string>(ids: readonly Id[], initial: Id) {
  const [selected, setSelected] = useState<Id>(initial);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const select = (id: Id, focus = false) => {
    setSelected(id);
    if (focus) buttons.current[ids.indexOf(id)]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const at = ids.indexOf(selected);
    const to = e.key === "ArrowRight" ? at + 1 : e.key === "ArrowLeft" ? at - 1 : e.key === "Home" ? 0 : e.key === "End" ? ids.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    select(ids[(to + ids.length) % ids.length]!, true);
  };
  /** Props for the tab button at `index`. */
  const tabProps = (id: Id, index: number) => ({
    ref: (el: HTMLButtonElement | null) => void (buttons.current[index] = el),
    role: "tab" as const,
    type: "button" as const,
    "aria-selected": id === selected,
    tabIndex: id === selected ? 0 : -1,
    onClick: () => select(id),
  });
  return { selected, select, onKeyDown, tabProps };
}
