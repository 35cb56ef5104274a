// The zoomed-out look of a step (level of detail). Below SIMPLE_BELOW a step's words (kind, summary,
// output names) are too small to read and cost the most to draw; the step becomes a box in its kind's
// colour with its icon and a short label in a larger font, readable at 40 %. Below TINY_BELOW even
// that is a speck: the box keeps only its colour ("boxes without text"). The box keeps the step's size
// and its handles where the full step has them, so links do not move and React Flow measures nothing
// again when the zoom crosses a threshold. Findings, the replay's state and the heat map keep their
// colours (the `.step` state classes); the heat map's figure and the replay's marks stay on.
//
// Canvas.tsx registers `stepNodeTypes` for a large workflow (over DRAW_AT_ONCE steps): the full step
// (StepNode.tsx) or this box, by zoom. A small workflow keeps the full step at every zoom, with its
// CSS-only far look below the same zoom (useZoomVariable.ts): every word stays in the page there.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './stepBox.css';
import { memo, type CSSProperties } from 'react';
import { Handle, Position, useStore, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { KINDS, outputsOf } from '../../../shared/kinds/registry';
import { displayText } from '../../../shared/model/display-text';
import { Icon } from '../chrome/icons';
import { HeatMark, heatNodeClass, useHeatNode } from '../batch/hooks';
import { SimMarks, simNodeClass, useSimNode } from '../simulation/hooks';
import type { StepNode } from './derive';
import { stepGeometry } from './geometry';
import { StepNodeComponent } from './StepNode';
import { FAR_ZOOM } from './useZoomVariable';
import { outputHandleOffset } from './next-step/geometry';

/** Below this zoom a step is drawn as a box: the zoom where small workflows' steps go simple too. */
export const SIMPLE_BELOW = FAR_ZOOM;
/** Below this zoom the box drops its icon and label too. */
export const TINY_BELOW = 0.25;

export type Detail = 'full' | 'box' | 'tiny';

export function detailAt(zoom: number): Detail {
  return zoom >= SIMPLE_BELOW ? 'full' : zoom >= TINY_BELOW ? 'box' : 'tiny';
}

/** Each step reads only which look the zoom calls for: crossing a threshold re-renders the steps in the page once. */
const detailOf = (s: ReactFlowState) => detailAt(s.transform[2]);

function StepBoxView({ data, selected, height, tiny }: Pick<NodeProps<StepNode>, 'data' | 'selected' | 'height'> & { tiny: boolean }) {
  const { node, findings } = data;
  const def = KINDS[node.kind];
  const outputs = outputsOf(node);
  const label = displayText(node.label, 60) || def.label;
  // The size React Flow has for the step (measured, or the expected one it was given).
  const h = height ?? stepGeometry(node).height;
  const style = { '--kind': def.colour, height: h } as CSSProperties;
  const sim = useSimNode(node.id);
  const heat = useHeatNode(node.id);
  const heatClass = heatNodeClass(heat);
  return (
    <div
      className={`step step-box${tiny ? ' is-tiny' : ''}${selected ? ' is-selected' : ''}${findings?.severity ? ` has-${findings.severity}` : ''}${simNodeClass(sim)}${heatClass}`}
      style={style}
      data-kind={node.kind}
      data-detail={tiny ? 'tiny' : 'box'}
      data-testid={`node-${node.id}`}
      data-sim-state={sim.state ?? undefined}
      data-heat={heat.level < 0 ? undefined : heat.reached ? heat.level : 'unreached'}
      title={`${def.label}: ${displayText(node.label, 160) || 'No label'}`}
    >
      <SimMarks sim={sim} />
      <HeatMark heat={heat} />
      {def.acceptsInput && <Handle type="target" position={Position.Left} className="step-in" />}
      {tiny ? null : (
        <>
          <span className="step-box-icon">
            <Icon name={def.icon} size={30} />
          </span>
          <span className="step-box-label">{label}</span>
        </>
      )}
      {outputs.map((o) => (
        <Handle key={o.id} type="source" position={Position.Right} id={o.id} className="step-handle" style={{ top: outputHandleOffset(node, o.id, h) }} />
      ))}
    </div>
  );
}

/** The step as the zoom calls for it: the full step, or the box. */
function StepByDetail(props: NodeProps<StepNode>) {
  const detail = useStore(detailOf);
  if (detail === 'full') return <StepNodeComponent {...props} />;
  return <StepBoxView data={props.data} selected={props.selected} height={props.height} tiny={detail === 'tiny'} />;
}

export const stepNodeTypes = { step: memo(StepByDetail) };
