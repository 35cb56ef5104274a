import type { ConnectorAction } from '../../../connectors/types';
import { insertSecondApproval, moveApprovalBefore, planMoveApproval, planSecondApproval } from '../../../model/edits/approval-move';
import { variableText } from '../../../workflow-index/variable-flow';
import { actionPhrase } from '../../../workflow-index/wording';
import type { AnalysisContext } from '../../context';
import type { WorkflowNode } from '../../../model/schema';
import { sameItems } from '../../../same-items';
import type { StaleUse } from '../../../workflow-index/approval-coverage';
import type { Requirement } from '../../../workflow-index/requirements';
import type { Finding, QuickFix, Severity } from '../../types';
import { defineRule, listText, q } from '../../rule';
import { approvalSeverity } from './missing-approval';

interface Made {
  reqs: readonly Requirement[] | undefined;
  nodes: (WorkflowNode | undefined)[];
  finding: (Omit<Finding, 'ruleId' | 'severity'> & { severity: Severity }) | null;
}

/**
 * The finding last made from a step's stale uses (the coverage keeps that list from one version of the
 * document to the next while nothing it depends on changes), with what it read: after an edit elsewhere,
 * the same step, requirements, approvals and writers give the same finding without building it again.
 */
const MADE = new WeakMap<readonly StaleUse[], Made>();

/** The finding about one step's stale uses, or null when the step has no sensitive action. */
function findingOf(ctx: AnalysisContext, nodeId: string, uses: readonly StaleUse[]): Made['finding'] {
  const node = ctx.nodeById.get(nodeId)!;
  const actions = new Map<string, ConnectorAction>();
  for (const r of ctx.requirements.get(nodeId) ?? []) if (r.sensitive && r.resolved.ok) actions.set(r.scope, r.resolved.action);
  if (!actions.size) return null;
  const severity: Severity = [...actions.values()].some((a) => approvalSeverity(a) === 'error') ? 'error' : 'warn';
  const what = listText([...actions].map(([scope, a]) => `${actionPhrase(a)} (${scope})`));
  const step = q(ctx.label(node));
  const vars = listText([...new Set(uses.map((u) => variableText(u.variable)))]);
  const approvals = listText([...new Set(uses.map((u) => q(ctx.label(ctx.nodeById.get(u.approvalId)))))]);
  const writerText = (id: string) => {
    const writer = ctx.nodeById.get(id);
    // A reviewer may edit the draft at a later gate and then reject it: the edit goes on with the item.
    return writer?.kind === 'approval' ? `the reviewer at ${q(ctx.label(writer))}` : q(ctx.label(writer));
  };
  const others = [...new Set(uses.filter((u) => u.writerId !== nodeId).map((u) => writerText(u.writerId)))];
  if (!others.length) {
    return {
      nodeId,
      severity,
      message: `${step} writes ${vars} itself and can ${what} with it right away, after ${approvals} approved the item: nobody approved what it sends.`,
      hint: `Let ${step} only draft (mode "suggest"), and send its text in a later step behind an approval that shows it.`,
    };
  }
  return {
    nodeId,
    severity,
    message: `${step} can ${what} with ${vars}, which ${listText(others)} ${others.length > 1 ? 'change' : 'changes'} after ${approvals} approved it: what is sent is not what the reviewer approved.`,
    hint: `Move the approval after ${listText(others)}, or add a second approval right before ${step} that shows ${vars}.`,
  };
}

export default defineRule(
  'gate/stale-approval',
  'error',
  'A sensitive action sends something that a step changed after the last approval on the way to it.',
  (ctx, report) => {
    for (const [nodeId, uses] of ctx.coverage().stale) {
      const reqs = ctx.requirements.get(nodeId);
      const nodes = [nodeId, ...uses.map((u) => u.approvalId), ...uses.map((u) => u.writerId)].map((id) => ctx.nodeById.get(id));
      let made = MADE.get(uses);
      if (!made || made.reqs !== reqs || !sameItems(made.nodes, nodes)) {
        made = { reqs, nodes, finding: findingOf(ctx, nodeId, uses) };
        MADE.set(uses, made);
      }
      if (made.finding) report(made.finding);
    }
  },
  {
    fixes(wf, { nodeId }) {
      const fixes: QuickFix[] = [];
      const move = planMoveApproval(wf, nodeId);
      if (move) {
        fixes.push({
          title: `Move "${move.approval.label || move.approval.id}" to right before "${move.step.label || move.step.id}"`,
          apply: (doc) => moveApprovalBefore(doc, move.step.id),
        });
      }
      const second = planSecondApproval(wf, nodeId);
      if (second) {
        fixes.push({
          title: `Add a second approval right before "${second.step.label || second.step.id}"`,
          apply: (doc) => insertSecondApproval(doc, second.step.id),
        });
      }
      return fixes;
    },
  },
);
