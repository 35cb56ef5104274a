import { defineRule } from '../../rule';

export default defineRule('graph/no-end', 'warn', 'The workflow has no end step, so no item finishes with an outcome.', (ctx, report) => {
  if (ctx.nodes.some((n) => n.kind === 'end')) return;
  report({
    message: 'The workflow has no end step, so no item ever finishes with an outcome.',
    hint: 'Add an end step with an outcome (resolved, rejected, escalated…) and connect the last steps to it.',
  });
});
