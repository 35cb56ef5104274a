// React access to the simulation store, for the panel and for the canvas. A step subscribes only to
// its own state (an interned object, see replay.ts), so moving the token re-renders the two or three
// steps whose state changed, not the thousand others.
import { useMemo, type CSSProperties } from 'react';
import type { Edge } from '@xyflow/react';
import { useStore } from 'zustand';
import { useApp, useUi } from '../app/context';
import { IDLE_SIM, NO_SIM, type EdgeSim, type NodeSim } from './replay';
import type { SimState } from './store';

export function useSim<T>(selector: (s: SimState) => T): T {
  return useStore(useApp().sim.store, selector);
}

export function useSimNode(nodeId: string): NodeSim {
  return useStore(useApp().sim.store, (s) => s.nodes.get(nodeId) ?? (s.shown && s.overlay ? IDLE_SIM : NO_SIM));
}

/** Classes of a step for its simulation state (empty when no run is shown and it has no breakpoint). */
export function simNodeClass(sim: NodeSim): string {
  let c = sim.state ? ` sim-${sim.state}` : '';
  if (sim.waiting) c += ' sim-waiting';
  if (sim.error) c += ' sim-error';
  if (sim.breakpoint) c += ' sim-breakpoint';
  if (sim.changed) c += ' sim-changed';
  return c;
}

/** The marks a step wears during a replay: its breakpoint, how often the token entered it, "waiting". */
export function SimMarks({ sim }: { sim: NodeSim }) {
  if (sim === NO_SIM || sim === IDLE_SIM) return null;
  return (
    <>
      {sim.breakpoint ? <BreakpointDot /> : null}
      {sim.changed ? (
        <span className="sim-changed-mark" role="status" data-testid="sim-changed-mark" title="This step sent content that changed after the reviewer approved it">
          Sent changed after approval
        </span>
      ) : null}
      {sim.waiting ? (
        <span className="sim-pill sim-pill-waiting" role="status">
          Waiting for your decision
        </span>
      ) : sim.visits > 1 ? (
        <span className="sim-pill" title={`The token entered this step ${sim.visits} times`}>
          ×{sim.visits}
        </span>
      ) : null}
    </>
  );
}

/**
 * The breakpoint's dot on a step. Zoomed out, it grows against the zoom so that it keeps its size on
 * screen (a 16 px dot drawn at 60 % would be a speck); only steps with a breakpoint follow the zoom.
 */
function BreakpointDot() {
  const zoom = useUi((s) => s.zoom);
  const style = { '--sim-bp-scale': zoom > 0 && zoom < 1 ? 1 / zoom : 1 } as CSSProperties;
  return <span className="sim-bp-dot" style={style} title="Breakpoint: the replay pauses when the token enters this step" aria-label="Breakpoint" data-testid="sim-bp-dot" />;
}

/** Marks the taken edges; an edge keeps its marked object while its mark is unchanged (WeakMap by the source edge). */
function createEdgeMarker() {
  const cache = new WeakMap<Edge, { state: EdgeSim; edge: Edge }>();
  return (edges: Edge[], taken: ReadonlyMap<string, EdgeSim>): Edge[] => {
    if (!taken.size) return edges;
    return edges.map((e) => {
      const state = taken.get(e.id);
      if (!state) return e;
      const hit = cache.get(e);
      if (hit?.state === state) return hit.edge;
      const edge: Edge = { ...e, className: `${e.className ? `${e.className} ` : ''}sim-taken${state === 'last' ? ' sim-last' : ''}`, animated: state === 'last' };
      cache.set(e, { state, edge });
      return edge;
    });
  };
}

/**
 * The canvas's edges with the links the token took marked (`sim-taken`, and `sim-last` for the latest,
 * drawn animated). Only the taken edges get new objects; the others are passed through unchanged.
 */
export function useSimEdges(edges: Edge[]): Edge[] {
  const taken = useSim((s) => s.edges);
  const mark = useMemo(() => createEdgeMarker(), []);
  return useMemo(() => mark(edges, taken), [mark, edges, taken]);
}
