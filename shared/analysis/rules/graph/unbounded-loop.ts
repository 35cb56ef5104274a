import { cyclicComponents } from '../../scc';
import { defineRule, listText, q } from '../../rule';

const NAMED = 3;

export default defineRule('graph/unbounded-loop', 'warn', 'A loop that no person stops, or that has no way out.', (ctx, report) => {
  const order = new Map(ctx.nodes.map((n, i) => [n.id, i]));
  const successors = (id: string) => ctx.outgoing(id).map((e) => e.target);
  for (const component of cyclicComponents([...ctx.nodeById.keys()], successors)) {
    const members = new Set(component);
    // A loop is bounded when a person decides on each round (an approval in it, which can also time
    // out) and an item can leave it. There is no counter of rounds in the model to bound it otherwise.
    const hasApproval = component.some((id) => ctx.nodeById.get(id)?.kind === 'approval');
    const hasExit = component.some((id) => ctx.outgoing(id).some((e) => !members.has(e.target)));
    if (hasApproval && hasExit) continue;
    component.sort((a, b) => order.get(a)! - order.get(b)!);
    const names = component.slice(0, NAMED).map((id) => q(ctx.label(ctx.nodeById.get(id))));
    const steps = component.length > NAMED ? `${names.join(', ')} and ${component.length - NAMED} more` : listText(names);
    const loop = component.length === 1 ? `${steps} leads back to itself` : `${steps} form a loop`;
    report({
      nodeId: component[0],
      message: hasExit
        ? `${loop} that no person stops: an item can go round forever.`
        : `${loop} with no way out: an item that enters it never leaves.`,
      hint: hasExit
        ? 'Route the loop through an approval, so that a person decides on every round.'
        : 'Give the loop an exit, for example to an end step or an escalation.',
    });
  }
});
