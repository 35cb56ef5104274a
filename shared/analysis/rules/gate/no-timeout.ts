import { defineRule, eachStep, q } from '../../rule';

export default defineRule('gate/no-timeout', 'warn', 'An approval step has no timeout, or its "timeout" output leads nowhere.', [
  eachStep(['outgoing'], (ctx, node, report) => {
    if (node.kind !== 'approval') return;
    const hours = ctx.configOf(node).timeoutHours;
    const step = q(ctx.label(node));
    if (typeof hours !== 'number' || !(hours > 0)) {
      report({
        nodeId: node.id,
        message: `${step} has no timeout: if nobody decides, the item waits forever.`,
        hint: 'Set a timeout in hours and connect the "timeout" output, for example to an escalation.',
      });
    } else if (!ctx.outgoingCount(node.id, 'timeout')) {
      report({
        nodeId: node.id,
        message: `When ${step} times out after ${hours} h, nothing follows: the item stops without an outcome.`,
        hint: 'Connect the "timeout" output, for example to an escalation or a reminder.',
      });
    }
  }),
]);
