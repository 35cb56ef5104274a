import { defineRule } from '../../rule';

export default defineRule('workflow/no-escalation', 'warn', 'No escalation step can be reached: nothing hands an item to a person when the workflow cannot cope.', (ctx, report) => {
  // With intakes, an escalation counts only if an item can get there; without any, graph/no-intake
  // already speaks, so any escalation step will do.
  const escalations = ctx.nodes.filter((n) => n.kind === 'escalation');
  const counts = ctx.intakes.length ? escalations.some((n) => ctx.reachable.has(n.id)) : escalations.length > 0;
  if (counts) return;
  report({
    message: escalations.length
      ? 'No intake leads to an escalation step: when the AI is unsure or a step fails, nobody is handed the item.'
      : 'The workflow has no escalation step: when the AI is unsure or a step fails, nobody is handed the item.',
    hint: 'Add an escalation step and connect to it the outputs that need a person: low confidence, errors, timeouts.',
  });
});
