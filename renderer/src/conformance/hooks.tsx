// React access to the log comparison, for its panel and for the canvas. The canvas takes the
// comparison through React Flow's own props: classes and labels on its links and steps, and extra
// links for the deviations (overlay.tsx). While the batch heat map is on, it has the canvas.
import { useMemo } from 'react';
import type { Edge, Node } from '@xyflow/react';
import { useStore } from 'zustand';
import { useApp, useDoc } from '../app/context';
import { useBatch } from '../batch/hooks';
import type { LogView } from './log-view';
import { createLogEdgeDecorator, createLogNodeDecorator, deviationEdges } from './overlay';
import type { LogState } from './store';

export function useLog<T>(selector: (s: LogState) => T): T {
  return useStore(useApp().log.store, selector);
}

/** The comparison the canvas shows, or null (none, switched off, or the heat map is on). */
export function useOverlayView(): LogView | null {
  const view = useLog((s) => (s.overlay ? s.view : null));
  const heat = useBatch((s) => s.heat !== 'off' && s.shown !== null);
  return heat ? null : view;
}

function useCaseSets(view: LogView | null) {
  const selected = useLog((s) => s.selectedCase);
  return useMemo(() => {
    const path = view && selected !== null ? view.casePaths[selected] : undefined;
    return path ? { nodes: new Set(path.nodes), edges: new Set([...path.edges, ...path.deviationEdges]) } : null;
  }, [view, selected]);
}

/** The canvas's links with the log's counts, plus the deviations as extra dashed links. */
export function useLogEdges(edges: Edge[]): Edge[] {
  const view = useOverlayView();
  const inCase = useCaseSets(view);
  // Steps as they are between drags: the arcs need their ends, and where they are for their heights.
  const nodes = useDoc((s) => s.settled?.nodes);
  const decorate = useMemo(() => createLogEdgeDecorator(), []);
  const extra = useMemo(() => {
    if (!view || !nodes) return [];
    const at = new Map(nodes.map((n) => [n.id, n.position]));
    return deviationEdges(view, (id) => at.get(id), inCase?.edges ?? null);
  }, [view, nodes, inCase]);
  return useMemo(() => (view ? [...decorate(edges, view, inCase?.edges ?? null), ...extra] : edges), [view, decorate, edges, inCase, extra]);
}

/** The canvas's steps, dimmed where no case of the log went. */
export function useLogNodes<N extends Node>(nodes: N[]): N[] {
  const view = useOverlayView();
  const inCase = useCaseSets(view);
  const visited = useMemo(() => (view ? new Set(view.visited) : null), [view]);
  const decorate = useMemo(() => createLogNodeDecorator(), []);
  return useMemo(() => (visited ? decorate(nodes, visited, inCase?.nodes ?? null) : nodes), [visited, decorate, nodes, inCase]);
}
