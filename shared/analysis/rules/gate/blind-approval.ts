import { showAlso } from '../../../model/edits/approval-shows';
import { buildWorkflowIndex } from '../../../workflow-index/workflow-index';
import { defineRule, isFirstOfId, listText, q } from '../../rule';

export default defineRule('gate/blind-approval', 'warn', 'An approval does not show its reviewer something a sensitive step after it sends.', (ctx, report) => {
  const coverage = ctx.coverage();
  for (const node of ctx.nodes) {
    if (node.kind !== 'approval' || !isFirstOfId(ctx, node)) continue;
    const unshown = coverage.unshown(node.id);
    if (!unshown.length) continue;
    const gate = q(ctx.label(node));
    const vars = listText(unshown.map((u) => u.variable));
    const steps = [...new Set(unshown.flatMap((u) => u.stepIds))].map((id) => q(ctx.label(ctx.nodeById.get(id))));
    report({
      nodeId: node.id,
      message: `${gate} does not show its reviewer ${vars}, which ${listText(steps)} ${steps.length > 1 ? 'send' : 'sends'} after it is approved: the reviewer approves without seeing it.`,
      hint: `Add ${vars} to what ${gate} shows (in the inspector, "Shown to the reviewer").`,
    });
  }
}, {
  fixes(wf, { nodeId }) {
    if (!nodeId) return [];
    const unshown = (doc: typeof wf) => buildWorkflowIndex(doc).coverage().unshown(nodeId).map((u) => u.variable);
    const missing = unshown(wf);
    if (!missing.length) return [];
    return [{ title: `Show ${listText(missing)} to the reviewer`, apply: (doc) => showAlso(doc, nodeId, unshown(doc)) }];
  },
});
