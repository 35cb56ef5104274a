// Which steps do something sensitive, and which approvals stand before each: the same notion of
// "sensitive", "ungated" and "changed after the approval" as the analysis (gate/missing-approval,
// gate/stale-approval), from its shared context.
import { actionPhrase } from '../workflow-index/wording';
import type { WorkflowIndex } from '../workflow-index/workflow-index';
import type { WorkflowNode } from '../model/schema';

export interface SensitiveStep {
  node: WorkflowNode;
  /** What the step does: `reply to the customer (tickets.reply)`. */
  actions: string[];
  /** The scopes of those actions: `tickets.reply`. */
  scopes: string[];
  /** Approvals whose "approved" output leads to the step. */
  gates: WorkflowNode[];
  /** False when an intake reaches the step on a path that passes no approval's "approved" output. */
  gated: boolean;
  /**
   * What the step sends that a later step changes after the approval (gate/stale-approval's notion):
   * the variables, the steps that change them and the approvals passed before; empty when none.
   */
  changedAfter: { variables: string[]; writerIds: string[]; approvalIds: string[] };
}

/** Nodes reachable from the targets of an approval's "approved" edges (the approval itself excluded unless a loop leads back). */
function approvedReach(ctx: WorkflowIndex, approvalId: string): Set<string> {
  const seen = new Set<string>();
  const queue = ctx.outgoingBy(approvalId, 'approved').map((e) => e.target);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of ctx.outgoing(id)) if (!seen.has(e.target)) queue.push(e.target);
  }
  return seen;
}

export function sensitiveSteps(ctx: WorkflowIndex): SensitiveStep[] {
  const approvals = ctx.nodes.filter((n) => n.kind === 'approval');
  let reach: Map<string, Set<string>> | null = null;
  const out: SensitiveStep[] = [];
  for (const [nodeId, reqs] of ctx.requirements) {
    const sensitive = reqs.filter((r) => r.sensitive && r.resolved.ok);
    if (!sensitive.length) continue;
    const actions = sensitive.map((r) => (r.resolved.ok ? `${actionPhrase(r.resolved.action)} (${r.scope})` : r.scope));
    reach ??= new Map(approvals.map((a) => [a.id, approvedReach(ctx, a.id)]));
    const gates = approvals.filter((a) => reach!.get(a.id)!.has(nodeId));
    const stale = ctx.coverage().stale.get(nodeId) ?? [];
    const changedAfter = {
      variables: [...new Set(stale.map((u) => u.variable))],
      writerIds: [...new Set(stale.map((u) => u.writerId))],
      approvalIds: [...new Set(stale.map((u) => u.approvalId))],
    };
    out.push({ node: ctx.nodeById.get(nodeId)!, actions: [...new Set(actions)], scopes: [...new Set(sensitive.map((r) => r.scope))], gates, gated: !ctx.ungated.has(nodeId), changedAfter });
  }
  return out;
}
