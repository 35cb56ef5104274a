// The canvas's side of links around steps (one call in Canvas.tsx's Graph): links whose ELK route holds
// are drawn along it (the `routed` edge type), and a workflow laid out with ELK before gets its routes
// back once its steps are drawn and measured. Nothing of this runs above ELK's size limit.
import { useEffect, useMemo, useRef } from 'react';
import type { Edge } from '@xyflow/react';
import { useStore } from 'zustand';
import { elkFits } from '../../../../shared/model/elk-layout';
import type { Point, Size } from '../../../../shared/model/placement';
import type { Workflow } from '../../../../shared/model/schema';
import { useApp } from '../../app/context';
import { stepSize } from '../next-step/geometry';
import type { RoutedEdgeData } from './RoutedEdge';
import { matchingRoutes, validRoutes } from './routes';

/** How long measurements must pause before ELK is asked to match a layout. */
const MEASURE_SETTLE_MS = 150;

/** Turns the links with a route into `routed` links; the others pass through unchanged. */
export function createRouteApplier() {
  const cache = new WeakMap<Edge, { points: readonly Point[]; edge: Edge }>();
  return (edges: Edge[], valid: ReadonlyMap<string, readonly Point[]>): Edge[] => {
    if (!valid.size) return edges;
    return edges.map((e) => {
      const points = valid.get(e.id);
      if (!points) return e;
      const hit = cache.get(e);
      if (hit?.points === points) return hit.edge;
      // A link with findings keeps them: the routed link draws the same badge.
      const findings = (e.data as { findings?: RoutedEdgeData['findings'] } | undefined)?.findings;
      const edge: Edge = { ...e, type: 'routed', data: { route: points, ...(findings ? { findings } : {}) } satisfies RoutedEdgeData };
      cache.set(e, { points, edge });
      return edge;
    });
  };
}

/**
 * `drawn`: no step is held back from the canvas. Once every step is also measured, and once per
 * document shown, ELK lays the workflow out in its worker; the links whose steps sit where it puts them
 * get its routes (a file laid out with ELK). Only new measurements wake this up, not a drag.
 */
export function useRouting(edges: Edge[], workflow: Workflow, sizes: ReadonlyMap<string, Size>, drawn: boolean): Edge[] {
  const app = useApp();
  const routes = useStore(app.routing.routes.store, (s) => s.routes);
  const sizeOf = useMemo(() => (n: Workflow['nodes'][number]) => stepSize(sizes, n), [sizes]);

  // Tried on each new measurement while the document is as it was opened (no edit to undo yet): a
  // step measured again (a font settling) may change where ELK puts things. Bursts of measurements make
  // one try; an answer to an older try is dropped.
  const attempt = useRef(0);
  useEffect(() => {
    const wf = app.doc.workflow;
    if (!drawn || !wf || app.doc.canUndo() || app.routing.routes.routes.size || !elkFits(wf) || wf.edges.length === 0) return;
    if (!wf.nodes.every((n) => sizes.has(n.id))) return;
    const mine = ++attempt.current;
    const timer = setTimeout(() => {
      app.routing.layout(wf, sizeOf).then(
        (layout) => {
          // Stale when a newer try started, the document changed, or Auto-Layout routed it meanwhile.
          if (attempt.current !== mine || app.doc.workflow !== wf || app.routing.routes.routes.size) return;
          app.routing.routes.set(matchingRoutes(layout, wf, sizeOf));
        },
        // The links are drawn as they were; nothing is lost.
        () => {},
      );
    }, MEASURE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [drawn, app, sizes, sizeOf]);

  const valid = useMemo(() => validRoutes(routes, workflow.nodes, sizeOf, workflow.edges), [routes, workflow.nodes, workflow.edges, sizeOf]);
  const apply = useMemo(() => createRouteApplier(), []);
  return useMemo(() => apply(edges, valid), [apply, edges, valid]);
}
