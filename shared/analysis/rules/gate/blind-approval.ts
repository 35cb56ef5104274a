import { showAlso } from '../../../model/edits/approval-shows';
import type { WorkflowNode } from '../../../model/schema';
import { sameItems } from '../../../same-items';
import { buildWorkflowIndex } from '../../../workflow-index/workflow-index';
import type { AnalysisContext } from '../../context';
import type { Finding, Report } from '../../types';
import { defineRule, eachStep, isFirstOfId, listText, q } from '../../rule';

/**
 * The finding last made from an approval's unshown list (the coverage keeps that list from one version
 * of the document to the next while nothing it depends on changes), with the steps it names: after an
 * edit elsewhere, the same approval and steps give the same finding without building its text again.
 */
const MADE = new WeakMap<readonly { variable: string; stepIds: readonly string[] }[], { node: WorkflowNode; steps: (WorkflowNode | undefined)[]; finding: Omit<Finding, 'ruleId' | 'severity'> }>();

/**
 * The check of one approval, apart from the step part: its callbacks close over the approval, and a
 * step part with them would allocate their context for every step it is called for.
 */
function checkApproval(ctx: AnalysisContext, node: WorkflowNode, report: Report): void {
  const unshown = ctx.coverage().unshown(node.id);
  if (!unshown.length) return;
  const stepNodes = [...new Set(unshown.flatMap((u) => u.stepIds))].map((id) => ctx.nodeById.get(id));
  const made = MADE.get(unshown);
  if (made && made.node === node && sameItems(made.steps, stepNodes)) {
    report(made.finding);
    return;
  }
  const gate = q(ctx.label(node));
  const vars = listText(unshown.map((u) => u.variable));
  const steps = stepNodes.map((s) => q(ctx.label(s)));
  const finding = {
    nodeId: node.id,
    message: `${gate} does not show its reviewer ${vars}, which ${listText(steps)} ${steps.length > 1 ? 'send' : 'sends'} after it is approved: the reviewer approves without seeing it.`,
    hint: `Add ${vars} to what ${gate} shows (in the inspector, "Shown to the reviewer").`,
  };
  MADE.set(unshown, { node, steps: stepNodes, finding });
  report(finding);
}

export default defineRule('gate/blind-approval', 'warn', 'An approval does not show its reviewer something a sensitive step after it sends.', [
  // Per approval, so that an edit checks again only the approvals whose coverage it may change.
  eachStep(['coverage'], (ctx, node, report) => {
    if (node.kind === 'approval' && isFirstOfId(ctx, node)) checkApproval(ctx, node, report);
  }),
], {
  fixes(wf, { nodeId }) {
    if (!nodeId) return [];
    const unshown = (doc: typeof wf) => buildWorkflowIndex(doc).coverage().unshown(nodeId).map((u) => u.variable);
    const missing = unshown(wf);
    if (!missing.length) return [];
    return [{ title: `Show ${listText(missing)} to the reviewer`, apply: (doc) => showAlso(doc, nodeId, unshown(doc)) }];
  },
});
