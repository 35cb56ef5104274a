// React access to the batch store, for the panel and for the canvas's heat map. A step subscribes only
// to its own heat (an interned object, see heat.ts), so switching the heat map on re-renders each step
// once, and a batch that changes nothing on a step leaves it alone.
import { useMemo } from 'react';
import type { Edge, EdgeMarker, MarkerType } from '@xyflow/react';
import { useStore } from 'zustand';
import { thousands } from '../../../shared/text';
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

/** What a link says on the heat map: "1,234 items followed this link". */
export function traversalText(n: number): string {
  return `${thousands(n)} ${n === 1 ? 'item' : 'items'} followed this link`;
}

/**
 * Widens links by traversals; a link keeps its widened object while its level and count are unchanged
 * (WeakMap by the source edge). Each widened link says its count to screen readers (aria-label); a link
 * items followed also wears the count as its label, with the sentence as the label's tooltip, so that
 * only the links that matter get the extra text.
 */
export function createEdgeWidener() {
  const cache = new WeakMap<Edge, { level: number; count: number | undefined; edge: Edge }>();
  return (edges: Edge[], levels: ReadonlyMap<string, number>, counts: Readonly<Record<string, number>> | null = null): Edge[] => {
    if (!levels.size) return edges;
    return edges.map((e) => {
      const level = levels.get(e.id);
      if (level === undefined) return e;
      const count = counts?.[e.id];
      const hit = cache.get(e);
      if (hit?.level === level && hit.count === count) return hit.edge;
      const edge: Edge = { ...e, className: `${e.className ? `${e.className} ` : ''}heat-edge heat-w${level}`, markerEnd: HEAT_ARROWS[level] ?? HEAT_ARROWS[0] };
      if (count !== undefined) {
        const sentence = traversalText(count);
        edge.ariaLabel = typeof e.label === 'string' && e.label ? `${e.label}: ${sentence}` : sentence;
        if (count > 0) {
          edge.label = (
            <>
              <title>{sentence}</title>
              {typeof e.label === 'string' && e.label ? `${e.label} · ` : ''}
              {thousands(count)}
            </>
          );
        }
      }
      cache.set(e, { level, count, edge });
      return edge;
    });
  };
}

/**
 * The canvas's edges with the heat map's widths (`heat-edge heat-w0…5`) and counts. Only links the batch
 * knows get new objects, and only while the heat map is on.
 */
export function useHeatEdges(edges: Edge[]): Edge[] {
  const levels = useBatch((s) => s.heatEdges);
  const counts = useBatch((s) => (s.heat === 'off' ? null : (s.shown?.metrics.edgeTraversals ?? null)));
  const widen = useMemo(() => createEdgeWidener(), []);
  return useMemo(() => widen(edges, levels, counts), [widen, edges, levels, counts]);
}
