import { asString } from '../../../model/read';
import { defineRule, eachStep, q } from '../../rule';

export default defineRule('gate/no-reviewer', 'warn', 'An approval step names no reviewer.', [
  eachStep([], (ctx, node, report) => {
    if (node.kind !== 'approval' || asString(ctx.configOf(node).reviewer).trim()) return;
    report({
      nodeId: node.id,
      message: `The approval ${q(ctx.label(node))} names no reviewer, so nobody knows the decision is theirs.`,
      hint: 'Set the reviewer role in the inspector, for example "Support lead" or "Finance manager".',
    });
  }),
]);
