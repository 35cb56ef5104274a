// The links handed to React Flow in a large workflow: those that may be in view. React Flow keeps a
// lookup of every link it is given (rebuilt whenever the list changes) and, when drawing only what is
// in view, works out the links in view over the whole list on every change of its store — a click, a
// measurement, each frame of a pan. At 10,000 steps and 17,800 links that was 0.2 s to hand the links
// over and tens of milliseconds per store change. Here the list is cut to the links whose box (from
// their two steps) meets the view grown by half its size on each side; it is cut again only when the
// view leaves that area, or the steps or links change. React Flow then picks the links in view among
// those, exactly as it would among all of them: a link is drawn when its box meets the view.
import { useCallback, useMemo, useRef } from 'react';
import { useStore, type Edge, type ReactFlowState } from '@xyflow/react';
import { sameItems } from '../../../shared/same-items';
import { visibleRect, type Rect } from './firstView';

/** How much of the view's size is added on each side of the area whose links are handed over. */
const GROW = 0.5;

interface Placed {
  id: string;
  position: { x: number; y: number };
  measured?: { width?: number; height?: number };
  initialWidth?: number;
  initialHeight?: number;
  width?: number;
  height?: number;
}

export const contains = (outer: Rect, inner: Rect) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** The view grown by GROW of its size on each side. */
export function coveringArea(view: Rect): Rect {
  return { x: view.x - view.width * GROW, y: view.y - view.height * GROW, width: view.width * (1 + 2 * GROW), height: view.height * (1 + 2 * GROW) };
}

/** The area (in flow coordinates) whose links are handed over: kept while the view stays inside it. */
function useCoveredArea(enabled: boolean): Rect | null {
  const covered = useRef<Rect | null>(null);
  const select = useCallback(
    (s: ReactFlowState) => {
      if (!enabled || !s.width || !s.height) return null;
      const view = visibleRect({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2] }, s);
      const c = covered.current;
      if (c && contains(c, view)) return c;
      const next = coveringArea(view);
      covered.current = next;
      return next;
    },
    [enabled],
  );
  return useStore(select);
}

/** `edges` whose box meets `area`, in their order; a link to a step not in `nodes` is left out (React Flow draws none). */
export function edgesMeeting<E extends Edge>(edges: readonly E[], nodes: readonly Placed[], area: Rect): E[] {
  const byId = new Map<string, Placed>();
  for (const n of nodes) byId.set(n.id, n);
  const x2 = area.x + area.width;
  const y2 = area.y + area.height;
  const out: E[] = [];
  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const sw = s.measured?.width ?? s.width ?? s.initialWidth ?? 0;
    const sh = s.measured?.height ?? s.height ?? s.initialHeight ?? 0;
    const tw = t.measured?.width ?? t.width ?? t.initialWidth ?? 0;
    const th = t.measured?.height ?? t.height ?? t.initialHeight ?? 0;
    const left = Math.min(s.position.x, t.position.x);
    const top = Math.min(s.position.y, t.position.y);
    const right = Math.max(s.position.x + sw, t.position.x + tw);
    const bottom = Math.max(s.position.y + sh, t.position.y + th);
    if (right > area.x && left < x2 && bottom > area.y && top < y2) out.push(e);
  }
  return out;
}

/**
 * The previous list when the new one holds the same links (a click on a step renews the steps, not
 * the links), so that React Flow does not take them over again.
 */
function sameAsLast<E>() {
  let last: E[] = [];
  return (next: E[]): E[] => {
    if (sameItems(next, last)) return last;
    last = next;
    return next;
  };
}

/** The links to hand to React Flow: all of them, or in a large workflow (`enabled`) those that may be in view. */
export function useEdgesInView<E extends Edge>(edges: E[], nodes: readonly Placed[], enabled: boolean): E[] {
  const area = useCoveredArea(enabled);
  const same = useMemo(() => sameAsLast<E>(), []);
  return useMemo(() => (enabled ? same(area ? edgesMeeting(edges, nodes, area) : []) : edges), [edges, nodes, area, enabled, same]);
}
