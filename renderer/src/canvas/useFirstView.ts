// The first view of a document and the drawing of its steps. The view is set as soon as the pane has
// its size: all of the workflow when that fits at 40 % or more, else its intake at 40 % (a
// document opened empty keeps the default view, so steps dropped into it do not move it). A large
// workflow is then handed to React Flow in parts: the steps in view first, the others in batches,
// each batch once the one before is measured, so the canvas can be used while the rest is drawn.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { getViewportForBounds, useReactFlow, useStoreApi, type Edge, type InternalNode } from '@xyflow/react';
import { useApp } from '../app/context';
import type { StepNode } from './derive';
import { BATCH, DRAW_AT_ONCE, FIT_OPTIONS, drawOrder, firstViewport } from './firstView';

/** How much of the document is drawn and measured: nothing yet, the first view, every step. */
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

export interface FirstView {
  /** Steps not handed to React Flow yet (empty once every step is drawn). */
  held: ReadonlySet<string>;
  drawn: Drawn;
  /** Drawn in parts (more than DRAW_AT_ONCE steps when opened). */
  large: boolean;
}

export function useFirstView(wrapper: RefObject<HTMLDivElement | null>): FirstView {
  const app = useApp();
  const flow = useReactFlow<StepNode, Edge>();
  const flowStore = useStoreApi<StepNode, Edge>();
  // Decided once per canvas: a newly opened document gets a new canvas (App keys it by generation).
  const [opened] = useState(() => {
    const ids = app.doc.workflow?.nodes.map((n) => n.id) ?? [];
    return { empty: ids.length === 0, ids: ids.length > DRAW_AT_ONCE ? ids : null };
  });
  const [held, setHeld] = useState<ReadonlySet<string>>(() => (opened.ids ? new Set(opened.ids) : NOTHING));
  const [drawn, setDrawn] = useState<Drawn>(opened.empty ? 'all' : 'none');
  const [viewSet, setViewSet] = useState(opened.empty);
  /** The steps still to hand over, nearest to the first view first. */
  const queue = useRef<string[]>([]);

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
    if (opened.ids) {
      const order = drawOrder(wf, vp, pane);
      queue.current = order.rest;
      // oxlint-disable-next-line react/set-state-in-effect -- the pane's size is known only once React Flow's own effect measured it
      setHeld(new Set(order.rest));
    }
    setViewSet(true);
  }, [app, flow, flowStore, opened, wrapper]);

  // Runs after React Flow took the steps no longer held (its store is updated in a child's effect):
  // once they are measured, say what is drawn and hand over the next batch.
  useEffect(() => {
    if (!viewSet || opened.empty) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const check = () => {
      if (done || !allMeasured(flowStore.getState().nodeLookup)) return;
      done = true;
      unsubscribe();
      if (!held.size) {
        setDrawn('all');
        return;
      }
      setDrawn('view');
      // In a task of its own, after this frame is painted, so input gets through between batches.
      timer = setTimeout(() => {
        queue.current = queue.current.slice(BATCH);
        setHeld(queue.current.length ? new Set(queue.current) : NOTHING);
      }, 0);
    };
    const unsubscribe = flowStore.subscribe(check);
    check();
    return () => {
      done = true;
      unsubscribe();
      clearTimeout(timer);
    };
  }, [flowStore, held, opened, viewSet]);

  return { held, drawn, large: opened.ids !== null };
}
