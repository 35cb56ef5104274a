// The first view of a document and the drawing of its steps. The view is set as soon as the pane has
// its size: all of the workflow when that fits at 40 % or more, else its intake at 40 % (a
// document opened empty keeps the default view, so steps dropped into it do not move it).
//
// A large workflow (more than DRAW_AT_ONCE steps) is drawn virtualised: React Flow gets every step at
// once, each with the size and handles it will have (geometry.ts) until it is measured, and puts in
// the page only the steps in view (onlyRenderVisibleElements). Links to steps out of view, the
// minimap and "zoom to fit" work from those estimates; a step panned into view is drawn and measured
// then. Ten thousand steps open as fast as the few dozen in view.
import { useEffect, useState, type RefObject } from 'react';
import { getViewportForBounds, useReactFlow, useStoreApi, type Edge, type InternalNode, type Viewport } from '@xyflow/react';
import { useApp } from '../app/context';
import type { StepNode } from './derive';
import { DRAW_AT_ONCE, FIT_OPTIONS, firstViewport, visibleRect } from './firstView';

/**
 * How much of the document is drawn: nothing yet, the first view, every step (a large workflow: every
 * step placed with its size and handles, the steps in view drawn and measured).
 */
export type Drawn = 'none' | 'view' | 'all';

const NOTHING: ReadonlySet<string> = new Set();

/**
 * Every step handed to React Flow is measured: its size and its handles are known (React Flow's own
 * flag follows only its `nodes` prop, and sizes stay in its store: see createNodeDeriver).
 */
export function allMeasured(lookup: ReadonlyMap<string, InternalNode>): boolean {
  for (const n of lookup.values()) if (!n.internals.handleBounds || !n.measured.width || !n.measured.height) return false;
  return true;
}

/**
 * Every step in React Flow's pane (those it puts in the page when drawing virtualised) is measured;
 * a step counts as in the pane as React Flow counts it, by its measured size or the size it was given.
 */
export function inViewMeasured(s: { nodeLookup: ReadonlyMap<string, InternalNode>; width: number; height: number; transform: [number, number, number] }): boolean {
  if (!s.width || !s.height || !s.nodeLookup.size) return false;
  const view = visibleRect({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2] }, s);
  for (const n of s.nodeLookup.values()) {
    if (n.hidden) continue;
    const width = n.measured.width ?? n.width ?? n.initialWidth ?? 0;
    const height = n.measured.height ?? n.height ?? n.initialHeight ?? 0;
    const { x, y } = n.internals.positionAbsolute;
    const inside = x < view.x + view.width && x + width > view.x && y < view.y + view.height && y + height > view.y;
    if (inside && (!n.measured.width || !n.measured.height || !n.internals.handleBounds)) return false;
  }
  return true;
}

/**
 * The corners of the box around every step placed (not hidden), drawn or not: a step not measured yet
 * counts with the size it was given (geometry.ts). Null without steps. Zoom to fit and the minimap's frame.
 */
export function placedBounds(nodeLookup: ReadonlyMap<string, InternalNode>): { x1: number; y1: number; x2: number; y2: number } | null {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of nodeLookup.values()) {
    if (n.hidden) continue;
    const { x, y } = n.internals.positionAbsolute;
    x1 = Math.min(x1, x);
    y1 = Math.min(y1, y);
    x2 = Math.max(x2, x + (n.measured.width ?? n.width ?? n.initialWidth ?? 0));
    y2 = Math.max(y2, y + (n.measured.height ?? n.height ?? n.initialHeight ?? 0));
  }
  return x1 === Infinity ? null : { x1, y1, x2, y2 };
}

/**
 * "Zoom to fit" over every step placed, drawn or not. React Flow's own fitView counts only the nodes it
 * measured, which in a large workflow are the ones in view; here a step not measured yet counts with
 * the size it was given (geometry.ts).
 */
export function fitPlaced(
  s: { nodeLookup: ReadonlyMap<string, InternalNode>; width: number; height: number; minZoom: number },
  setViewport: (vp: Viewport, options: { duration: number }) => unknown,
): void {
  const placed = placedBounds(s.nodeLookup);
  if (!placed || !s.width || !s.height) return;
  const bounds = { x: placed.x1, y: placed.y1, width: placed.x2 - placed.x1, height: placed.y2 - placed.y1 };
  setViewport(getViewportForBounds(bounds, s.width, s.height, s.minZoom, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding), { duration: 200 });
}

export interface FirstView {
  /** Steps not handed to React Flow yet: none (kept for the canvas's filters). */
  held: ReadonlySet<string>;
  drawn: Drawn;
  /** Drawn virtualised (more than DRAW_AT_ONCE steps when opened). */
  large: boolean;
}

export function useFirstView(wrapper: RefObject<HTMLDivElement | null>): FirstView {
  const app = useApp();
  const flow = useReactFlow<StepNode, Edge>();
  const flowStore = useStoreApi<StepNode, Edge>();
  // Decided once per canvas: a newly opened document gets a new canvas (App keys it by generation).
  const [opened] = useState(() => {
    const count = app.doc.workflow?.nodes.length ?? 0;
    return { empty: count === 0, large: count > DRAW_AT_ONCE };
  });
  const [drawn, setDrawn] = useState<Drawn>(opened.empty ? 'all' : 'none');
  const [viewSet, setViewSet] = useState(opened.empty);

  // The first view. React Flow measured its pane in its own effect, which ran before this one.
  useEffect(() => {
    const wf = app.doc.workflow;
    if (opened.empty || !wf) return;
    const s = flowStore.getState();
    const r = s.width && s.height ? null : wrapper.current?.getBoundingClientRect();
    const pane = { width: r?.width ?? s.width, height: r?.height ?? s.height };
    const vp = firstViewport(wf, pane, (bounds, size) => getViewportForBounds(bounds, size.width, size.height, 0.1, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding));
    void flow.setViewport(vp);
    app.ui.setZoom(vp.zoom);
    // oxlint-disable-next-line react/set-state-in-effect -- the pane's size is known only once React Flow's own effect measured it
    setViewSet(true);
  }, [app, flow, flowStore, opened, wrapper]);

  // Runs after React Flow took the steps (its store is updated in a child's effect): once what it
  // shows is measured, say so. Every step of a large workflow is placed from the start (estimates),
  // so its first view drawn is also every step drawn.
  useEffect(() => {
    if (!viewSet || opened.empty) return;
    let done = false;
    const check = () => {
      const s = flowStore.getState();
      if (done || !(opened.large ? inViewMeasured(s) : allMeasured(s.nodeLookup))) return;
      done = true;
      unsubscribe();
      setDrawn('all');
    };
    const unsubscribe = flowStore.subscribe(check);
    check();
    return () => {
      done = true;
      unsubscribe();
    };
  }, [flowStore, opened, viewSet]);

  return { held: NOTHING, drawn, large: opened.large };
}
