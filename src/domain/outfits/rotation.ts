/**
 * Rotation: what a stylist does with what was worn lately. Recently worn pieces
 * rest (most for tops and dresses, least for shoes and bags, which people repeat
 * on purpose), fading out over about a week; the same combination rests longer
 * (pairs worn together, over two weeks, so the exact outfit rests most and a
 * variant sharing two pieces a little); pieces not worn for a long time get a
 * gentle nudge with a reason; heavily worn pieces give way a little to the rest of
 * the wardrobe; favourites get a small lift. All in the prior's 0–1 item and pair
 * units (score.ts), so the search and the exact score agree.
 */
import type { PreparedItem } from "./prepare";
import type { OutfitContext, Slot } from "./types";

export const DAY_MS = 86_400_000;

/** A piece worn today loses this much of its item prior (times its slot's weight), fading to nothing after REST_DAYS. */
export const ITEM_REST = 0.45;
export const REST_DAYS = 8;
/** People repeat shoes, bags and accessories on purpose; a top worn yesterday is what others notice. */
export const SLOT_REST: Readonly<Record<Slot, number>> = { top: 1, dress: 1, bottom: 0.6, outerwear: 0.15, shoes: 0.2, bag: 0.1, accessory: 0.15 };
/** Two pieces worn together today lose this much of their pair score, fading over OUTFIT_REST_DAYS. */
export const PAIR_REST = 0.35;
export const OUTFIT_REST_DAYS = 14;
/** A piece not worn for UNDERUSED_FROM_DAYS starts gaining, up to this much at UNDERUSED_FULL_DAYS. */
export const UNDERUSED_BOOST = 0.1;
export const UNDERUSED_FROM_DAYS = 30;
export const UNDERUSED_FULL_DAYS = 90;
/** At 100 wears a piece gives way by this much (log scale: the first wears count most). */
export const WEAR_COUNT_DRAG = 0.04;
export const FAVOURITE_LIFT = 0.05;

const CORE: ReadonlySet<Slot> = new Set(["top", "bottom", "dress", "outerwear"]);

/** 1 on the day, easing to 0 after `days` (quadratic: most of the rest is in the first days). */
export function freshness(ageMs: number, days: number): number {
  const d = Math.max(0, ageMs) / DAY_MS;
  return d >= days ? 0 : (1 - d / days) ** 2;
}

export interface Rotation {
  /** Item prior adjustment: negative when resting, positive when under-used or a favourite. */
  item(p: PreparedItem): number;
  /** Pair prior penalty (≥ 0) for two pieces worn together lately. */
  pair(a: PreparedItem, b: PreparedItem): number;
  /** When these pieces were last worn together (within OUTFIT_REST_DAYS), or null. */
  wornTogether(a: PreparedItem, b: PreparedItem): number | null;
  now: number;
}

export function compileRotation(ctx: Pick<OutfitContext, "wears">, now: number): Rotation {
  // Only the last two weeks matter; a long log costs one pass.
  const index = new Map<string, number>();
  const together = new Map<number, number>();
  const idOf = (id: string) => {
    let k = index.get(id);
    if (k === undefined) index.set(id, (k = index.size));
    return k;
  };
  const pending: [number, number, number][] = [];
  for (const w of ctx.wears ?? []) {
    if (!(now - w.wornAt < OUTFIT_REST_DAYS * DAY_MS) || w.wornAt > now + DAY_MS) continue;
    const ids = [...new Set(w.itemIds)].map(idOf);
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pending.push([ids[i]!, ids[j]!, w.wornAt]);
  }
  const n = index.size;
  for (const [a, b, at] of pending) {
    const key = a < b ? a * n + b : b * n + a;
    together.set(key, Math.max(together.get(key) ?? -Infinity, at));
  }
  const wornTogether = (a: PreparedItem, b: PreparedItem): number | null => {
    if (n === 0) return null;
    const ia = index.get(a.item.id);
    if (ia === undefined) return null;
    const ib = index.get(b.item.id);
    if (ib === undefined) return null;
    return together.get(ia < ib ? ia * n + ib : ib * n + ia) ?? null;
  };
  return {
    now,
    wornTogether,
    item: (p) => itemRotation(p, now),
    pair(a, b) {
      const at = wornTogether(a, b);
      if (at === null) return 0;
      const weight = CORE.has(a.slot) && CORE.has(b.slot) ? 1 : CORE.has(a.slot) || CORE.has(b.slot) ? 0.5 : 0.2;
      return PAIR_REST * weight * freshness(now - at, OUTFIT_REST_DAYS);
    },
  };
}

export function itemRotation(p: PreparedItem, now: number): number {
  const item = p.item;
  let v = 0;
  if (item.lastWornAt != null) v -= ITEM_REST * SLOT_REST[p.slot] * freshness(now - item.lastWornAt, REST_DAYS);
  v += UNDERUSED_BOOST * underused(item, now);
  if (item.favourite) v += FAVOURITE_LIFT;
  else if (item.wearCount > 0) v -= WEAR_COUNT_DRAG * Math.min(1, Math.log1p(item.wearCount) / Math.log1p(100));
  return v;
}

/** 0 (worn lately, or new) – 1 (not worn for UNDERUSED_FULL_DAYS or more; never worn since it came UNDERUSED_FULL_DAYS ago). */
export function underused(item: PreparedItem["item"], now: number): number {
  const since = item.lastWornAt ?? item.createdAt;
  const days = (now - since) / DAY_MS;
  return Math.min(1, Math.max(0, (days - UNDERUSED_FROM_DAYS) / (UNDERUSED_FULL_DAYS - UNDERUSED_FROM_DAYS)));
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "not worn since March" (with the year when it was another year), "not worn yet", or null when it was worn lately. */
export function underusedReason(p: PreparedItem, now: number): string | null {
  const item = p.item;
  if (underused(item, now) < 0.5) return null;
  const what = label(p);
  if (item.lastWornAt == null) return `${what}: not worn yet`;
  const d = new Date(item.lastWornAt);
  const year = d.getFullYear() === new Date(now).getFullYear() ? "" : ` ${d.getFullYear()}`;
  return `${what}: not worn since ${MONTHS[d.getMonth()]}${year}`;
}

/** "today", "yesterday", "3 days ago". */
export function daysAgo(at: number, now: number): string {
  const startOfToday = new Date(now);
  startOfToday.setHours(0, 0, 0, 0);
  const days = Math.max(0, Math.ceil((startOfToday.getTime() - at) / DAY_MS));
  return days === 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
}

export function label(p: PreparedItem): string {
  const name = p.item.name.trim();
  return name ? `"${name}"` : `the ${p.kind}`;
}
