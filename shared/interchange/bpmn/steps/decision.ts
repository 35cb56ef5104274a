// decision → an exclusive gateway with one conditional flow per rule, in rule order (Zeebe takes the
// first flow, in XML order, whose condition holds, as Flowgate takes the first rule), and `else` as
// the gateway's default flow.
import type { NodeOfKind } from '../../../model/schema';
import { comparesWithNothing, ruleExpression } from '../conditions';
import { stepName, type ExportContext } from '../context';
import type { StepFragment, StepExit } from './fragment';

export function decisionStep(ctx: ExportContext, node: NodeOfKind<'decision'>): StepFragment {
  const id = ctx.ids.take(`Gateway_${node.id}`);
  const label = stepName(node);
  const exits: StepExit[] = node.config.rules.map((rule, i) => {
    if (comparesWithNothing(rule)) {
      ctx.warn(`"${label}", rule "${rule.label || rule.id}": Camunda cannot tell a missing variable from an empty one, so comparing with no value also matches a missing variable.`, node.id);
    }
    return {
      handle: rule.id,
      from: id,
      condition: `=${ruleExpression(rule, ctx.scope)}`,
      label: rule.label || rule.id,
      deadEnd: `${label}: ${rule.label || rule.id}`,
      deadEndAt: { x: 100, y: 7 + i * 56 },
    };
  });
  exits.push({ handle: 'else', from: id, isDefault: true, label: 'else', deadEnd: `${label}: no rule matched`, deadEndAt: { x: 100, y: 7 + exits.length * 56 } });
  return {
    entry: id,
    elements: [{ id, kind: 'exclusiveGateway', name: label, stepId: node.id, at: { x: 0, y: 15 } }],
    flows: [],
    exits,
  };
}
