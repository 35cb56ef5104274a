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
 * `ready`: every step is drawn and measured. Then, once per document shown, ELK lays the workflow out in
 * its worker; the links whose steps sit where it puts them get its routes (a file laid out with ELK).
 */
export function useRouting(edges: Edge[], workflow: Workflow, sizes: ReadonlyMap<string, Size>, ready: boolean): Edge[] {
  const app = useApp();
  const routes = useStore(app.routing.routes.store, (s) => s.routes);
  const sizeOf = useMemo(() => (n: Workflow['nodes'][number]) => stepSize(sizes, n), [sizes]);

  const matched = useRef(false);
  useEffect(() => {
    if (!ready || matched.current) return;
    matched.current = true;
    const wf = app.doc.workflow;
    if (!wf || !elkFits(wf) || wf.edges.length === 0) return;
    app.routing.layout(wf, sizeOf).then(
      (layout) => {
        // Stale when the document changed or Auto-Layout routed it meanwhile: that answer wins.
        if (app.doc.workflow !== wf || app.routing.routes.routes.size) return;
        app.routing.routes.set(matchingRoutes(layout, wf, sizeOf));
      },
      // The links are drawn as they were; nothing is lost.
      () => {},
    );
  }, [ready, app, sizeOf]);

  const valid = useMemo(() => validRoutes(routes, workflow.nodes, sizeOf, workflow.edges), [routes, workflow.nodes, workflow.edges, sizeOf]);
  const apply = useMemo(() => createRouteApplier(), []);
  return useMemo(() => apply(edges, valid), [apply, edges, valid]);
}
