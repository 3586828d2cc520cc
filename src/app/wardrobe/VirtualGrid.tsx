import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import type { Item } from "@domain/wardrobe/types";
import { ItemCard } from "./ItemCard";

const GAP = 12;
const MIN_CELL = 150;
const CAPTION = 52; // name + meta lines under the 4:5 thumbnail
const OVERSCAN_ROWS = 3;

let firstPaintMarked = false;

/**
 * A window-scrolled, virtualised grid: only the rows near the viewport exist in
 * the DOM, so 10,000 items cost the same as 50. Arrow keys, Home/End and
 * PageUp/PageDown move a roving focus; Enter or Space opens the item.
 */
export function VirtualGrid({ items, onOpen, label }: { items: readonly Item[]; onOpen: (id: string) => void; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [view, setView] = useState({ top: 0, height: typeof window === "undefined" ? 800 : window.innerHeight });
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    ro.observe(el);
    setWidth(el.getBoundingClientRect().width);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const el = ref.current;
      if (!el) return;
      const rect = el.getBoundingClientRect();
      // Viewport expressed in the grid's own coordinates.
      setView({ top: -rect.top, height: window.innerHeight });
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    // Content above the grid can grow or shrink without any scroll (an import
    // report dismissed, the review strip gone): the grid then moves on the page
    // and the rows to render change. Watch the grid's section and the body.
    const shifts = new ResizeObserver(onScroll);
    const el = ref.current;
    if (el?.parentElement) shifts.observe(el.parentElement);
    shifts.observe(document.body);
    return () => {
      cancelAnimationFrame(frame);
      shifts.disconnect();
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
    };
  }, []);

  const columns = Math.max(2, Math.floor((width + GAP) / (MIN_CELL + GAP)));
  const cellWidth = width > 0 ? (width - GAP * (columns - 1)) / columns : MIN_CELL;
  const rowHeight = Math.round(cellWidth * 1.25 + CAPTION + GAP);
  const rowCount = Math.ceil(items.length / columns);
  const firstRow = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN_ROWS);
  const lastRow = Math.min(rowCount - 1, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN_ROWS);
  const clampedActive = Math.min(active, Math.max(0, items.length - 1));
  const activeRow = Math.floor(clampedActive / columns);
  // If the focused item scrolled out of the DOM, the first rendered one takes the tab stop.
  const tabbable = activeRow >= firstRow && activeRow <= lastRow ? clampedActive : firstRow * columns;

  useEffect(() => {
    if (firstPaintMarked || items.length === 0 || width === 0) return;
    firstPaintMarked = true;
    requestAnimationFrame(() => performance.mark("curator:grid-first-paint"));
  }, [items.length, width]);

  useEffect(() => {
    if (!focusPending.current) return;
    const btn = ref.current?.querySelector<HTMLButtonElement>(`[data-index="${clampedActive}"]`);
    if (btn) {
      focusPending.current = false;
      btn.focus({ preventScroll: true });
    }
  });

  const moveTo = useCallback(
    (index: number) => {
      const i = Math.max(0, Math.min(items.length - 1, index));
      setActive(i);
      focusPending.current = true;
      const el = ref.current;
      if (!el) return;
      const gridTop = el.getBoundingClientRect().top + window.scrollY;
      const rowTop = gridTop + Math.floor(i / columns) * rowHeight;
      const header = 8;
      if (rowTop < window.scrollY + header) window.scrollTo({ top: rowTop - header });
      else if (rowTop + rowHeight > window.scrollY + window.innerHeight) window.scrollTo({ top: rowTop + rowHeight - window.innerHeight });
    },
    [items.length, columns, rowHeight],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor(window.innerHeight / rowHeight));
    const moves: Record<string, number> = {
      ArrowRight: clampedActive + 1,
      ArrowLeft: clampedActive - 1,
      ArrowDown: clampedActive + columns,
      ArrowUp: clampedActive - columns,
      PageDown: clampedActive + columns * pageRows,
      PageUp: clampedActive - columns * pageRows,
      Home: e.ctrlKey ? 0 : clampedActive - (clampedActive % columns),
      End: e.ctrlKey ? items.length - 1 : clampedActive - (clampedActive % columns) + columns - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    moveTo(target);
  };

  const rows = [];
  for (let r = firstRow; r <= lastRow; r++) {
    const cells = items.slice(r * columns, r * columns + columns);
    rows.push(
      <div
        key={r}
        role="row"
        aria-rowindex={r + 1}
        className="grid-row"
        style={{ transform: `translateY(${r * rowHeight}px)`, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: GAP, height: rowHeight - GAP }}
      >
        {cells.map((item, c) => {
          const index = r * columns + c;
          return (
            <div role="gridcell" key={item.id} onFocus={() => index !== clampedActive && setActive(index)}>
              <ItemCard item={item} index={index} tabbable={index === tabbable} onOpen={onOpen} />
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      className="grid"
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount}
      aria-colcount={columns}
      onKeyDown={onKeyDown}
      style={{ height: rowCount * rowHeight }}
    >
      {width > 0 && rows}
    </div>
  );
}
