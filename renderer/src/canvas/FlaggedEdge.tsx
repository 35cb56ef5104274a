// A link with findings: the usual smooth-step link (coloured by its class), plus a badge at its
// middle with the tooltip listing them. Links without findings keep React Flow's default edge.
import { memo } from 'react';
import { EdgeLabelRenderer, SmoothStepEdge, getSmoothStepPath, type Edge, type EdgeProps, type SmoothStepEdgeProps } from '@xyflow/react';
import { FindingBadge } from '../analysis/FindingBadge';
import type { FlaggedEdgeData } from './derive';

function FlaggedEdgeView(props: EdgeProps<Edge<FlaggedEdgeData, 'flagged'>>) {
  const [, x, y] = getSmoothStepPath(props);
  // Below the handle's label, when the link has one, so that both stay readable.
  const dy = props.label ? 18 : 0;
  return (
    <>
      <SmoothStepEdge {...(props as SmoothStepEdgeProps)} />
      {props.data ? (
        <EdgeLabelRenderer>
          <div className="edge-badge nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y + dy}px)` }}>
            <FindingBadge summary={props.data.findings} testId={`badge-edge-${props.id}`} />
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const edgeTypes = { flagged: memo(FlaggedEdgeView) };
