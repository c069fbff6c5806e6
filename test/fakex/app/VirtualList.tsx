/** @jsxImportSource react */
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { C } from './styles.ts';

/** Height assumed for a row not yet measured. */
const ESTIMATE = 64;
/** Rows are kept this far above and below the visible part of the viewport. */
const OVERSCAN = 300;

interface Props<T> {
  items: T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** When this changes (the user's own newest message), the list jumps to the bottom, as X does. */
  followKey?: string | undefined;
}

/**
 * X's virtualised DM list: only rows near the viewport exist; each `cellInnerDiv` is absolutely
 * positioned with `transform: translateY(…)` inside a container as tall as all rows (measured heights,
 * estimates for the rest). Rows are keyed by a recycled slot, not by message: a row keeps its node
 * while it stays in range, and a node freed by a row that left is reused for the next row that comes
 * in, showing a different message. Newest at the bottom; it sticks to the bottom while there.
 */
export function VirtualList<T>({ items, itemKey, renderItem, followKey }: Props<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const slots = useRef(new Map<string, number>());
  const stick = useRef(true);
  // Any change re-renders; the scroll position itself is read from the element, never cached, since
  // the browser may clamp it (content shrank) without a scroll event.
  const [, rerender] = useState(0);
  const tick = useCallback(() => rerender((n) => n + 1), []);
  const followed = useRef(followKey);
  if (followKey !== followed.current) {
    followed.current = followKey;
    stick.current = true;
  }

  const keys = items.map(itemKey);
  const tops = [0];
  for (const k of keys) tops.push(tops.at(-1)! + (heights.current.get(k) ?? ESTIMATE));
  const total = tops.at(-1)!;
  const scrollTop = viewport.current?.scrollTop ?? 0;
  // Before the first layout there is no element yet; a viewport squeezed to 0 px stays 0 (a fallback
  // there would differ from what the effect reads and re-render forever: React error #185).
  const clientHeight = viewport.current ? viewport.current.clientHeight : 800;
  const from = scrollTop - OVERSCAN;
  const to = scrollTop + clientHeight + OVERSCAN;
  let start = 0;
  while (start < keys.length && tops[start + 1]! <= from) start++;
  let end = start;
  while (end < keys.length && tops[end]! < to) end++;

  // Free the slots of rows that left, give free slots to rows that came in.
  const inRange = new Set(keys.slice(start, end));
  for (const k of slots.current.keys()) if (!inRange.has(k)) slots.current.delete(k);
  const used = new Set(slots.current.values());
  let free = 0;
  for (const k of inRange) {
    if (slots.current.has(k)) continue;
    while (used.has(free)) free++;
    slots.current.set(k, free);
    used.add(free);
  }

  useEffect(() => {
    const v = viewport.current;
    if (!v) return;
    const onScroll = () => {
      stick.current = v.scrollTop + v.clientHeight >= v.scrollHeight - 2;
      tick();
    };
    v.addEventListener('scroll', onScroll, { passive: true });
    // The viewport's own size, and rows changing size without a render (e.g. something mounted in them).
    const ro = new ResizeObserver(tick);
    ro.observe(v);
    observer.current = ro;
    return () => {
      v.removeEventListener('scroll', onScroll);
      ro.disconnect();
      observer.current = null;
    };
  }, [tick]);

  // Measure the rows in range; keep what is on screen in place when rows above change height.
  useLayoutEffect(() => {
    const c = container.current;
    const v = viewport.current;
    if (!c || !v) return;
    let grown = 0;
    let shiftAbove = 0;
    Array.from(c.children).forEach((el, j) => {
      const i = start + j;
      const k = keys[i];
      if (k === undefined) return;
      observer.current?.observe(el);
      const h = (el as HTMLElement).offsetHeight;
      const old = heights.current.get(k) ?? ESTIMATE;
      if (h === old) return;
      heights.current.set(k, h);
      grown += h - old;
      if (tops[i]! + old <= v.scrollTop) shiftAbove += h - old;
    });
    if (grown !== 0) c.style.height = `${total + grown}px`;
    if (stick.current) v.scrollTop = v.scrollHeight;
    else if (shiftAbove !== 0) v.scrollTop += shiftAbove;
    // Render again if the heights or the range we rendered for are out of date.
    if (grown !== 0 || v.scrollTop !== scrollTop || v.clientHeight !== clientHeight) tick();
  });

  return (
    <div data-testid="DmActivityViewport" ref={viewport} className="fx-viewport">
      <div data-testid="DmScrollerContainer" ref={container} className={C.view} style={{ height: total }}>
        {keys.slice(start, end).map((k, j) => (
          <div
            key={`slot-${slots.current.get(k)}`}
            data-testid="cellInnerDiv"
            style={{ transform: `translateY(${tops[start + j]}px)`, position: 'absolute', width: '100%' }}
          >
            {renderItem(items[start + j]!)}
          </div>
        ))}
      </div>
    </div>
  );
}
