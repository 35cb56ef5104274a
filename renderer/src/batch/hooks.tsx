// React access to the batch store, for the panel and for the canvas's heat map. A step subscribes only
// to its own heat (an interned object, see heat.ts), so switching the heat map on re-renders each step
// once, and a batch that changes nothing on a step leaves it alone.
import { useMemo } from 'react';
import type { Edge, EdgeMarker, MarkerType } from '@xyflow/react';
import { useStore } from 'zustand';
import { useApp } from '../app/context';
import { NO_HEAT, type NodeHeat } from './heat';
import type { BatchState } from './store';

export function useBatch<T>(selector: (s: BatchState) => T): T {
  return useStore(useApp().batch.store, selector);
}

export function useHeatNode(nodeId: string): NodeHeat {
  return useStore(useApp().batch.store, (s) => s.heatNodes.get(nodeId) ?? NO_HEAT);
}

/** Classes of a step for its heat (empty while the heat map is off). */
export function heatNodeClass(heat: NodeHeat): string {
  if (heat === NO_HEAT) return '';
  return heat.reached ? ` heat heat-l${heat.level}` : ' heat heat-unreached';
}

/** The figure a step wears on the heat map: its visits, or its mean time. */
export function HeatMark({ heat }: { heat: NodeHeat }) {
  if (heat === NO_HEAT) return null;
  return (
    <span className="heat-pill" title={heat.title} data-testid="heat-pill">
      {heat.text}
    </span>
  );
}

/**
 * Arrowheads by width level, sized in canvas units: the default ones scale with the line's width, which
 * would make a busy link's arrow several times larger than the steps it joins. (A type-only import
 * keeps React Flow's runtime out of this module.)
 */
const HEAT_ARROWS: EdgeMarker[] = [26, 28, 32, 36, 42, 48].map((size) => ({ type: 'arrowclosed' as MarkerType, width: size, height: size, markerUnits: 'userSpaceOnUse' }));

/** Widens links by traversals; a link keeps its widened object while its level is unchanged (WeakMap by the source edge). */
function createEdgeWidener() {
  const cache = new WeakMap<Edge, { level: number; edge: Edge }>();
  return (edges: Edge[], levels: ReadonlyMap<string, number>): Edge[] => {
    if (!levels.size) return edges;
    return edges.map((e) => {
      const level = levels.get(e.id);
      if (level === undefined) return e;
      const hit = cache.get(e);
      if (hit?.level === level) return hit.edge;
      const edge: Edge = { ...e, className: `${e.className ? `${e.className} ` : ''}heat-edge heat-w${level}`, markerEnd: HEAT_ARROWS[level] ?? HEAT_ARROWS[0] };
      cache.set(e, { level, edge });
      return edge;
    });
  };
}

/**
 * The canvas's edges with the heat map's widths (`heat-edge heat-w0…5`). Only links the batch knows
 * get new objects, and only while the heat map is on.
 */
export function useHeatEdges(edges: Edge[]): Edge[] {
  const levels = useBatch((s) => s.heatEdges);
  const widen = useMemo(() => createEdgeWidener(), []);
  return useMemo(() => widen(edges, levels), [widen, edges, levels]);
}
