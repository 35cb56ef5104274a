// A link drawn along its ELK route (routes.ts): straight runs and right angles with rounded corners, in
// the channels between steps. It ends exactly at its handles (React Flow's end points, which sit a few
// pixels off the step's border), keeps the usual look (arrow, tone, selection, simulation and heat-map
// classes, the output's name when selected) and, for a link with findings, the badge FlaggedEdge draws.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import type { Point } from '../../../../shared/model/placement';
import { FindingBadge } from '../../analysis/FindingBadge';
import type { FindingSummary } from '../../analysis/findingIndex';

export type RoutedEdgeData = { route: readonly Point[]; findings?: FindingSummary };
export type RoutedFlowEdge = Edge<RoutedEdgeData, 'routed'>;

/** Corner radius of the bends. */
const RADIUS = 8;

/** The route with its ends on the handles: the first and last runs keep their direction. */
export function snappedRoute(route: readonly Point[], start: Point, end: Point): Point[] {
  const points = route.map((p) => ({ ...p }));
  if (points.length < 2) return [start, end];
  const last = points.length - 1;
  // A horizontal first run (as ELK starts every link out of an east port) stays horizontal.
  if (points.length > 2 && points[0].y === points[1].y) points[1].y = start.y;
  if (points.length > 2 && points[last].y === points[last - 1].y) points[last - 1].y = end.y;
  points[0] = start;
  points[last] = end;
  // A straight link whose ends are not quite level gets a step in the middle rather than a slant.
  if (points.length === 2 && start.y !== end.y) {
    const mid = (start.x + end.x) / 2;
    return [start, { x: mid, y: start.y }, { x: mid, y: end.y }, end];
  }
  return points;
}

/** An SVG path through the points, each corner rounded (never more than half of either run). */
export function roundedPath(points: readonly Point[]): string {
  if (!points.length) return '';
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [a, b, c] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(RADIUS, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const before = toward(b, a, r);
    const after = toward(b, c, r);
    d += ` L${before.x},${before.y} Q${b.x},${b.y} ${after.x},${after.y}`;
  }
  const end = points[points.length - 1];
  return `${d} L${end.x},${end.y}`;
}

function toward(from: Point, to: Point, distance: number): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  return { x: from.x + ((to.x - from.x) / length) * distance, y: from.y + ((to.y - from.y) / length) * distance };
}

/** The point halfway along the route, where its label and badge go. */
export function midpoint(points: readonly Point[]): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const run = Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
    if (run >= left && run > 0) return toward(points[i - 1], points[i], left);
    left -= run;
  }
  return points[0] ?? { x: 0, y: 0 };
}

function RoutedEdgeView(props: EdgeProps<RoutedFlowEdge>) {
  const { data } = props;
  const points = snappedRoute(data?.route ?? [], { x: props.sourceX, y: props.sourceY }, { x: props.targetX, y: props.targetY });
  const mid = midpoint(points);
  // Below the handle's label, when the link has one, so that both stay readable (as FlaggedEdge).
  const dy = props.label ? 18 : 0;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={roundedPath(points)}
        markerEnd={props.markerEnd}
        markerStart={props.markerStart}
        style={props.style}
        label={props.label}
        labelX={mid.x}
        labelY={mid.y}
        labelStyle={props.labelStyle}
        labelShowBg={props.labelShowBg}
        labelBgStyle={props.labelBgStyle}
        labelBgPadding={props.labelBgPadding}
        labelBgBorderRadius={props.labelBgBorderRadius}
        interactionWidth={props.interactionWidth}
      />
      {data?.findings ? (
        <EdgeLabelRenderer>
          <div className="edge-badge nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${mid.x}px, ${mid.y + dy}px)` }}>
            <FindingBadge summary={data.findings} testId={`badge-edge-${props.id}`} />
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const routedEdgeTypes = { routed: memo(RoutedEdgeView) };
