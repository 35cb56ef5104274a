// The one node component for every kind, drawn from the kind registry: icon, colour, kind name,
// label, one-line summary and exactly the kind's output handles, each labelled. Text only — labels
// and prompts are never rendered as HTML.
import { memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { KINDS, outputsOf } from '../../../shared/kinds/registry';
import { displayText } from '../../../shared/model/display-text';
import { FindingBadge } from '../analysis/FindingBadge';
import { Icon } from '../chrome/icons';
import { SimMarks, simNodeClass, useSimNode } from '../simulation/hooks';
import { HeatMark, heatNodeClass, useHeatNode } from '../batch/hooks';
import type { StepNode } from './derive';
import { outputTone } from './outputTone';

function StepNodeView({ data, selected }: NodeProps<StepNode>) {
  const { node, summary, findings } = data;
  const def = KINDS[node.kind];
  const outputs = outputsOf(node);
  const style = { '--kind': def.colour } as CSSProperties;
  // One line each, without control or bidi characters; CSS then clamps to the node's width.
  const label = displayText(node.label, 160);
  const line = displayText(summary, 200);
  // The replay's state of this step only (see simulation/hooks.tsx).
  const sim = useSimNode(node.id);
  // Its heat on the batch heat map, likewise only its own (see batch/hooks.tsx).
  const heat = useHeatNode(node.id);
  return (
    <div
      className={`step${selected ? ' is-selected' : ''}${findings?.severity ? ` has-${findings.severity}` : ''}${simNodeClass(sim)}${heatNodeClass(heat)}`}
      style={style}
      data-kind={node.kind}
      data-testid={`node-${node.id}`}
      data-sim-state={sim.state ?? undefined}
      data-heat={heat.level < 0 ? undefined : heat.reached ? heat.level : 'unreached'}
    >
      {/* Shown instead of the small print when zoomed out (useZoomVariable): the same size, so nothing moves;
          first, so that badges, marks and handles are drawn over it. */}
      <div className="step-far" aria-hidden="true">
        <Icon name={def.icon} size={30} />
        <span className="step-far-label">{label || def.label}</span>
      </div>
      <SimMarks sim={sim} />
      <HeatMark heat={heat} />
      {findings ? <FindingBadge summary={findings} testId={`badge-${node.id}`} className="step-badge" /> : null}
      {def.acceptsInput && <Handle type="target" position={Position.Left} className="step-in" aria-label={`Input of ${label || def.label}`} />}
      <div className="step-head">
        <span className="step-icon">
          <Icon name={def.icon} size={14} />
        </span>
        <span className="step-kind">{def.label}</span>
      </div>
      <div className="step-body">
        <div className={`step-label${label ? '' : ' is-empty'}`}>{label || 'No label'}</div>
        <div className="step-summary" title={line}>
          {line}
        </div>
      </div>
      {outputs.length > 0 && (
        <div className="step-outputs">
          {outputs.map((h) => (
            <div key={h.id} className={`step-out tone-${outputTone(h.id)}`}>
              <span className="step-out-label">{displayText(h.label, 40, h.id)}</span>
              <Handle type="source" position={Position.Right} id={h.id} className="step-handle" aria-label={`Output "${displayText(h.label, 40, h.id)}" of ${label || def.label}`} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const StepNodeComponent = memo(StepNodeView);
export const nodeTypes = { step: StepNodeComponent };
