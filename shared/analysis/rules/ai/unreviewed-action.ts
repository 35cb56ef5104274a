import { defineRule, eachStep, isFirstOfId, listText, q } from '../../rule';

export default defineRule('ai/unreviewed-action', 'warn', 'An AI step in "act" mode can call a tool that changes something.', [
  eachStep([], (ctx, node, report) => {
    const reqs = isFirstOfId(ctx, node) ? ctx.requirements.get(node.id) : undefined;
    if (!reqs) return;
    let tools: Set<string> | undefined; // made for the steps that have one: most steps have none
    for (const r of reqs) if (r.role === 'tool' && r.sensitive && r.resolved.ok) (tools ??= new Set()).add(`${r.scope} (${r.resolved.action.effect})`);
    if (!tools) return;
    report({
      nodeId: node.id,
      message: `${q(ctx.label(node))} acts on its own: in "act" mode it can call ${listText([...tools])}, and nobody sees what it does before it happens.`,
      hint: 'Switch the step to "suggest" mode and do the action in an integration step after an approval, or remove the tool.',
    });
  }),
]);
