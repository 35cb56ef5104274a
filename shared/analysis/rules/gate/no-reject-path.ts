import { defineRule, eachStep, q } from '../../rule';

export default defineRule('gate/no-reject-path', 'warn', 'An approval step’s "rejected" output leads nowhere.', [
  eachStep(['outgoing'], (ctx, node, report) => {
    if (node.kind !== 'approval' || ctx.outgoingCount(node.id, 'rejected')) return;
    report({
      nodeId: node.id,
      message: `Nothing follows a rejection at ${q(ctx.label(node))}: a rejected item stops without an outcome.`,
      hint: 'Connect the "rejected" output, for example to an end step with the outcome "rejected" or to an escalation.',
    });
  }),
]);
