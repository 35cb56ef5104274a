import { defineRule } from '../../rule';

export default defineRule('workflow/no-escalation', 'warn', 'No escalation step can be reached: nothing hands an item to a person when the workflow cannot cope.', (ctx, report) => {
  // With intakes, an escalation counts only if an item can get there; without any, graph/no-intake
  // already speaks, so any escalation step will do.
  // One pass without allocating: this rule runs on every analysis, incremental ones included.
  let any = false;
  for (const n of ctx.nodes) {
    if (n.kind !== 'escalation') continue;
    any = true;
    if (!ctx.intakes.length || ctx.reachable.has(n.id)) return;
  }
  report({
    message: any
      ? 'No intake leads to an escalation step: when the AI is unsure or a step fails, nobody is handed the item.'
      : 'The workflow has no escalation step: when the AI is unsure or a step fails, nobody is handed the item.',
    hint: 'Add an escalation step and connect to it the outputs that need a person: low confidence, errors, timeouts.',
  });
});
