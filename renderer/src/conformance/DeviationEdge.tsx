// A deviation on the canvas: an arc above the steps from where cases left the design to where they
// came back, dashed (conformance.css), with what happened as its label. An arc, because the design's
// links run straight between steps in a row and a straight extra link would hide them; arcs that
// span the same stretch are lifted to different heights (`lane`), so their labels do not overlap.
import { memo } from 'react';
import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';

export type DeviationEdgeData = { deviation: true; lane: number };

/**
 * How far above the higher end the arc rises, by lane (canvas units): enough for its label, three
 * quarters of the way up, to clear the top of the steps it joins.
 */
export function arcLift(lane: number, span: number): number {
  return 96 + 34 * lane + Math.min(60, span * 0.06);
}

/** The arc's path and the point half-way along it (where the label goes). */
export function arcPath(sx: number, sy: number, tx: number, ty: number, lane: number): { path: string; x: number; y: number } {
  const top = Math.min(sy, ty) - arcLift(lane, Math.abs(tx - sx));
  // Forward, the arc leaves to the right and arrives from the left like a link; backward it loops over.
  const reach = tx >= sx ? Math.max(24, (tx - sx) * 0.25) : 70;
  const c1x = sx + reach;
  const c2x = tx - reach;
  const path = `M ${sx},${sy} C ${c1x},${top} ${c2x},${top} ${tx},${ty}`;
  return { path, x: (sx + 3 * c1x + 3 * c2x + tx) / 8, y: (sy + 6 * top + ty) / 8 };
}

function DeviationEdgeView(props: EdgeProps<Edge<DeviationEdgeData, 'deviation'>>) {
  const { path, x, y } = arcPath(props.sourceX, props.sourceY, props.targetX, props.targetY, props.data?.lane ?? 0);
  return (
    <BaseEdge
      id={props.id}
      path={path}
      markerEnd={props.markerEnd}
      label={props.label}
      labelX={x}
      labelY={y}
      labelShowBg
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={3}
      interactionWidth={12}
    />
  );
}

export const logEdgeTypes = { deviation: memo(DeviationEdgeView) };
