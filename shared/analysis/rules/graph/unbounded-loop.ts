import { defineRule, listText, q, workflowWide } from '../../rule';

const NAMED = 3;

export default defineRule('graph/unbounded-loop', 'warn', 'A loop that no person stops, or that has no way out.', [
  // Only the loops and the steps on them matter: an edit elsewhere leaves the findings as they are.
  workflowWide(
    (ctx, report) => {
      for (const loop of ctx.cycles()) {
        const members = new Set(loop);
        // A loop is bounded when a person decides on each round (an approval in it, which can also time
        // out) and an item can leave it. There is no counter of rounds in the model to bound it otherwise.
        const hasApproval = loop.some((id) => ctx.nodeById.get(id)?.kind === 'approval');
        const hasExit = loop.some((id) => ctx.outgoing(id).some((e) => !members.has(e.target)));
        if (hasApproval && hasExit) continue;
        const component = loop; // in document order
        const names = component.slice(0, NAMED).map((id) => q(ctx.label(ctx.nodeById.get(id))));
        const steps = component.length > NAMED ? `${names.join(', ')} and ${component.length - NAMED} more` : listText(names);
        const text = component.length === 1 ? `${steps} leads back to itself` : `${steps} form a loop`;
        report({
          nodeId: component[0],
          message: hasExit
            ? `${text} that no person stops: an item can go round forever.`
            : `${text} with no way out: an item that enters it never leaves.`,
          hint: hasExit
            ? 'Route the loop through an approval, so that a person decides on every round.'
            : 'Give the loop an exit, for example to an end step or an escalation.',
        });
      }
    },
    ['cycles'],
  ),
]);
