import { asString } from '../../../model/read';
import { defineRule, eachStep, q } from '../../rule';

export default defineRule('escalation/no-target', 'warn', 'An escalation step names no team or queue to receive the item.', [
  eachStep([], (ctx, node, report) => {
    if (node.kind !== 'escalation' || asString(ctx.configOf(node).team).trim()) return;
    report({
      nodeId: node.id,
      message: `The escalation ${q(ctx.label(node))} names no team, so the hand-off reaches nobody.`,
      hint: 'Set the team or queue that receives the item, for example "Billing team".',
    });
  }),
]);
