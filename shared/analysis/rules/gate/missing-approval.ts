import type { ConnectorAction } from '../../../connectors/types';
import { insertApprovalGate, planApprovalGate } from '../../../model/edits/approval-gate';
import { actionPhrase } from '../../../workflow-index/wording';
import type { Severity } from '../../types';
import { defineRule, eachStep, isFirstOfId, listText, q } from '../../rule';

/** Customer-facing sends, deletes and anything but a read on financial data cannot be taken back. */
export function approvalSeverity(action: ConnectorAction): Severity {
  if (action.effect === 'send' && action.customerFacing) return 'error';
  if (action.effect === 'delete') return 'error';
  if (action.effect !== 'read' && Array.isArray(action.data) && action.data.includes('financial')) return 'error';
  return 'warn';
}

export default defineRule(
  'gate/missing-approval',
  'error',
  'A sensitive action can run on a path from an intake that does not pass an approval’s "approved" output.',
  [
    // ctx.ungated is one breadth-first walk for the whole graph: no per-step path search.
    eachStep(['reach'], (ctx, node, report) => {
      const nodeId = node.id;
      const reqs = isFirstOfId(ctx, node) ? ctx.requirements.get(nodeId) : undefined;
      const intakeId = reqs && ctx.ungated.get(nodeId);
      if (!reqs || intakeId === undefined) return;
      const actions = new Map<string, ConnectorAction>();
      for (const r of reqs) if (r.sensitive && r.resolved.ok) actions.set(r.scope, r.resolved.action);
      if (!actions.size) return;
      const severity: Severity = [...actions.values()].some((a) => approvalSeverity(a) === 'error') ? 'error' : 'warn';
      const what = listText([...actions].map(([scope, a]) => `${actionPhrase(a)} (${scope})`));
      const step = q(ctx.label(node));
      const path =
        intakeId === nodeId
          ? 'as soon as it starts'
          : `on a path from ${q(ctx.label(ctx.nodeById.get(intakeId)))} that does not go through an approval’s "approved" output`;
      report({
        nodeId,
        severity,
        message: `${step} can ${what} without anyone approving it first: it runs ${path}.`,
        hint:
          node.kind === 'intake'
            ? 'An intake cannot wait for approval: let it only read, and do the action in a later step behind an approval.'
            : `Add an approval step before ${step} and lead every path into it through the approval’s "approved" output.`,
      });
    }),
  ],
  {
    fixes(wf, { nodeId }) {
      const plan = planApprovalGate(wf, nodeId);
      if (!plan) return [];
      const count = plan.rewire.size;
      return [
        {
          title: `Insert an approval before "${plan.step.label || plan.step.id}"${count > 1 ? ` (rewires ${count} incoming edges)` : ''}`,
          apply: (doc) => insertApprovalGate(doc, plan.step.id),
        },
      ];
    },
  },
);
