// end → a none end event named after the step, with its outcome in the documentation.
import type { NodeOfKind } from '../../../model/schema';
import { stepName, type ExportContext } from '../context';
import type { StepFragment } from './fragment';

export function endStep(ctx: ExportContext, node: NodeOfKind<'end'>): StepFragment {
  const id = ctx.ids.take(`EndEvent_${node.id}`);
  return {
    entry: id,
    elements: [{ id, kind: 'endEvent', name: stepName(node), documentation: `Outcome: ${node.config.outcome || 'none given'}.`, stepId: node.id, at: { x: 0, y: 22 } }],
    flows: [],
    exits: [],
  };
}
