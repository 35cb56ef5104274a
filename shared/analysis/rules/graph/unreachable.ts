import { defineRule, q } from '../../rule';

export default defineRule('graph/unreachable', 'warn', 'No intake leads to a step, so it never runs.', (ctx, report) => {
  if (!ctx.intakes.length) return; // graph/no-intake says it once instead of once per step
  for (const node of ctx.nodes) {
    if (node.kind === 'intake' || ctx.reachable.has(node.id)) continue;
    report({
      nodeId: node.id,
      message: `No intake leads to ${q(ctx.label(node))}, so it never runs.`,
      hint: 'Connect it from a step that runs, or delete it.',
    });
  }
});
