// The log's comparison on the canvas, as pure functions over React Flow's own nodes and edges: design
// links coloured by how often the log's cases took them, steps no case reached dimmed, and the
// deviations as extra dashed links between the steps where cases left the design. A link or step
// keeps its decorated object while its decoration is unchanged (WeakMap by the object it came from),
// so React Flow re-renders only what changed.
import type { Edge, EdgeMarker, MarkerType, Node } from '@xyflow/react';
import { plural, thousands } from '../../../shared/text';
import type { DeviationEdge, LogView } from './log-view';

/** Levels of a design link by the share of cases that took it: 0 none, then up to 5 %, 20 %, 50 %, more. */
export const LOG_LEVELS = [0, 0.05, 0.2, 0.5] as const;

export function logLevel(count: number, cases: number): number {
  if (!(count > 0) || !(cases > 0)) return 0;
  const share = count / cases;
  let level = 1;
  for (let i = 1; i < LOG_LEVELS.length; i++) if (share > LOG_LEVELS[i]) level = i + 1;
  return level;
}

/** "138 of 200 cases took this link". */
export function takenText(count: number, cases: number): string {
  return `${thousands(count)} of ${plural(cases, 'case')} took this link`;
}

/** What an extra link says: its most frequent deviation, and how many cases. */
export function deviationText(d: Pick<DeviationEdge, 'what' | 'cases'>): string {
  const more = d.what.length > 1 ? ` (+${d.what.length - 1} more)` : '';
  return `${d.what[0] ?? 'off the design'}${more} · ${plural(d.cases.length, 'case')}`;
}

/** The deviations' arrowhead, in the theme's colour for trouble. */
const ARROW: EdgeMarker = { type: 'arrowclosed' as MarkerType, width: 16, height: 16, color: 'var(--danger)' };

/** Decorates design links with the log's counts; an unchanged decoration keeps its object. */
export function createLogEdgeDecorator() {
  const cache = new WeakMap<Edge, { key: string; edge: Edge }>();
  return (edges: Edge[], view: LogView, caseEdges: ReadonlySet<string> | null): Edge[] =>
    edges.map((e) => {
      const count = view.edgeCounts[e.id];
      if (count === undefined) return e;
      const cases = view.result.cases;
      const level = logLevel(count, cases);
      const inCase = caseEdges?.has(e.id) ?? false;
      const key = `${level}:${count}:${cases}:${inCase ? 1 : caseEdges ? 0 : -1}`;
      const hit = cache.get(e);
      if (hit?.key === key) return hit.edge;
      const sentence = takenText(count, cases);
      const classes = [`log-edge log-l${level}`, inCase ? 'log-in-case' : caseEdges ? 'log-off-case' : ''].filter(Boolean).join(' ');
      const edge: Edge = { ...e, className: `${e.className ? `${e.className} ` : ''}${classes}` };
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
      cache.set(e, { key, edge });
      return edge;
    });
}

/** Where a step is on the canvas (its top-left corner), or undefined when it is not there. */
export type PositionOf = (nodeId: string) => { x: number; y: number } | undefined;

/**
 * Lanes for the arcs: each deviation gets the lowest lane no other arc over an overlapping stretch of
 * the canvas has (shorter arcs first, so they stay low), and the arcs' labels do not sit on each other.
 */
export function arcLanes(deviations: readonly Pick<DeviationEdge, 'id' | 'source' | 'target'>[], positionOf: PositionOf): Map<string, number> {
  const spans = deviations.map((d) => {
    const a = positionOf(d.source)?.x ?? 0;
    const b = positionOf(d.target)?.x ?? 0;
    return { id: d.id, from: Math.min(a, b), to: Math.max(a, b) + 240 };
  });
  spans.sort((p, q) => p.to - p.from - (q.to - q.from) || p.from - q.from);
  const lanes: { from: number; to: number }[][] = [];
  const out = new Map<string, number>();
  for (const s of spans) {
    let lane = lanes.findIndex((taken) => taken.every((t) => s.to <= t.from || s.from >= t.to));
    if (lane === -1) lane = lanes.push([]) - 1;
    lanes[lane].push(s);
    out.set(s.id, lane);
  }
  return out;
}

/** A label of at most `max` characters. */
function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The extra links of the deviations, between steps that are on the canvas. */
export function deviationEdges(view: LogView, positionOf: PositionOf, caseEdges: ReadonlySet<string> | null): Edge[] {
  const shownDeviations = view.deviationEdges.filter((d) => positionOf(d.source) && positionOf(d.target));
  const lanes = arcLanes(shownDeviations, positionOf);
  return shownDeviations.map((d): Edge => {
    const inCase = caseEdges?.has(d.id) ?? false;
    const shown = d.cases.length > 3 ? `${d.cases.slice(0, 3).join(', ')} and ${thousands(d.cases.length - 3)} more` : d.cases.join(', ');
    return {
      id: d.id,
      source: d.source,
      sourceHandle: d.sourceHandle,
      target: d.target,
      targetHandle: null,
      type: 'deviation',
      className: `log-deviation${inCase ? ' log-in-case' : caseEdges ? ' log-off-case' : ''}`,
      markerEnd: ARROW,
      selectable: false,
      focusable: false,
      deletable: false,
      reconnectable: false,
      zIndex: 1,
      ariaLabel: `Off the design: ${d.what.join('; ')} (cases ${shown})`,
      label: (
        <>
          <title>{`Cases left the design here: ${d.what.join('; ')}. Cases: ${shown}.`}</title>
          {short(deviationText(d), 48)}
        </>
      ),
      data: { deviation: true, lane: lanes.get(d.id) ?? 0 },
    };
  });
}

/** Dims steps no case reached; marks the steps of the case shown. */
export function createLogNodeDecorator() {
  const cache = new WeakMap<Node, { key: string; node: Node }>();
  return <N extends Node>(nodes: N[], visited: ReadonlySet<string>, caseNodes: ReadonlySet<string> | null): N[] =>
    nodes.map((n) => {
      const reached = visited.has(n.id);
      const inCase = caseNodes?.has(n.id) ?? false;
      if (reached && !caseNodes) return n;
      const key = `${reached ? 1 : 0}:${caseNodes ? (inCase ? 1 : 0) : -1}`;
      const hit = cache.get(n);
      if (hit?.key === key) return hit.node as N;
      const classes = [reached ? '' : 'log-unvisited', caseNodes ? (inCase ? 'log-in-case' : 'log-off-case') : ''].filter(Boolean).join(' ');
      const node = { ...n, className: `${n.className ? `${n.className} ` : ''}${classes}` };
      cache.set(n, { key, node });
      return node;
    });
}
