import { defineRule, eachStep, q } from '../../rule';

export default defineRule('graph/unreachable', 'warn', 'No intake leads to a step, so it never runs.', [
  eachStep(['reach'], (ctx, node, report) => {
    // Without intakes graph/no-intake says it once instead of once per step.
    if (!ctx.intakes.length || node.kind === 'intake' || ctx.reachable.has(node.id)) return;
    report({
      nodeId: node.id,
      message: `No intake leads to ${q(ctx.label(node))}, so it never runs.`,
      hint: 'Connect it from a step that runs, or delete it.',
    });
  }),
]);
