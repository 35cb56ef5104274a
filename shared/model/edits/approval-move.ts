// The quick fixes of gate/stale-approval: a second approval right before the step that sends changed
// content, or the approval moved from before the rewrite to after it. A move is offered only when it
// leaves no sensitive step less approved than before (checked on the moved document itself).
import { leavesApproved } from '../../workflow-index/reach';
import { buildWorkflowIndex, type WorkflowIndex } from '../../workflow-index/workflow-index';
import type { Workflow, WorkflowNode } from '../schema';
import { insertGateBefore, placeGate } from './approval-gate';

/** Steps with a sensitive action that an intake reaches without approval, or after an approval with changed content. */
function unsafeSteps(ctx: WorkflowIndex): Set<string> {
  const out = new Set<string>(ctx.coverage().stale.keys());
  for (const [id, reqs] of ctx.requirements) if (ctx.ungated.has(id) && reqs.some((r) => r.sensitive && r.resolved.ok)) out.add(id);
  return out;
}

export interface SecondApprovalPlan {
  step: WorkflowNode;
  /** Edges into the step that do not come straight from an approval's `approved` output. */
  rewire: Set<string>;
  /** What the new approval shows: what the step sends. */
  shows: string[];
}

/** A new approval right before a step whose content changed after the last approval; null when there is nothing to do. */
export function planSecondApproval(wf: Workflow, nodeId: string | undefined): SecondApprovalPlan | null {
  if (!nodeId) return null;
  const ctx = buildWorkflowIndex(wf);
  const step = ctx.nodeById.get(nodeId);
  const stale = ctx.coverage().stale.get(nodeId);
  if (!step || step.kind === 'intake' || !stale) return null;
  // An AI step that acts changes the content itself: no approval before it can see what it sends.
  if (stale.some((u) => u.writerId === nodeId)) return null;
  const rewire = ctx.incoming(nodeId).filter((e) => !leavesApproved(e, ctx.nodeById));
  if (!rewire.length) return null;
  return { step, rewire: new Set(rewire.map((e) => e.id)), shows: [...ctx.variables().sentVariables(nodeId)] };
}

/** Inserts the approval planSecondApproval() describes; the document unchanged when there is none. */
export function insertSecondApproval(wf: Workflow, nodeId: string): Workflow {
  const plan = planSecondApproval(wf, nodeId);
  if (!plan) return wf;
  return insertGateBefore(wf, plan.step, plan.rewire, { shows: plan.shows });
}

export interface MovePlan {
  approval: WorkflowNode;
  step: WorkflowNode;
  /** The steps that change the content after the approval, by label, for the fix's title. */
  writers: WorkflowNode[];
  moved: Workflow;
}

/**
 * Moves the approval whose approved content a step's writers change from where it is to right before
 * the step: what led into the approval now leads where its `approved` output led, the edges into the
 * step (except those fresh from an approval) lead into the approval, and its `approved` output leads
 * to the step; its other outputs stay. Null when the approval is not one single step before the
 * rewrite, or when the move would leave any sensitive step without approval or with stale content
 * that was fine before.
 */
export function planMoveApproval(wf: Workflow, nodeId: string | undefined): MovePlan | null {
  if (!nodeId) return null;
  const ctx = buildWorkflowIndex(wf);
  const step = ctx.nodeById.get(nodeId);
  const stale = ctx.coverage().stale.get(nodeId);
  if (!step || step.kind === 'intake' || !stale || stale.some((u) => u.writerId === nodeId)) return null;
  const approvalIds = new Set(stale.map((u) => u.approvalId));
  if (approvalIds.size !== 1) return null;
  const approval = ctx.nodeById.get([...approvalIds][0]);
  if (!approval || approval.kind !== 'approval') return null;
  const approvedEdges = ctx.outgoingBy(approval.id, 'approved');
  if (approvedEdges.length !== 1) return null;
  const next = approvedEdges[0].target;
  if (next === nodeId || next === approval.id) return null;
  const into = ctx.incoming(nodeId).filter((e) => !leavesApproved(e, ctx.nodeById) && e.source !== approval.id);
  if (!into.length) return null;

  const intoIds = new Set(into.map((e) => e.id));
  const edges = wf.edges.map((e) => {
    if (e.id === approvedEdges[0].id) return { ...e, target: nodeId };
    if (intoIds.has(e.id)) return { ...e, target: approval.id };
    if (e.target === approval.id) return { ...e, target: next };
    return e;
  });
  const { position, shifted } = placeGate({ ...wf, nodes: wf.nodes.filter((n) => n.id !== approval.id) }, step, intoIds);
  const nodes = [...shifted, { ...approval, position }];
  const order = new Map(wf.nodes.map((n, i) => [n.id, i]));
  nodes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const moved: Workflow = { ...wf, nodes, edges };

  const before = unsafeSteps(ctx);
  const after = unsafeSteps(buildWorkflowIndex(moved));
  if (after.has(nodeId)) return null;
  for (const id of after) if (!before.has(id)) return null;
  const writers = [...new Set(stale.map((u) => u.writerId))].map((id) => ctx.nodeById.get(id)!).filter(Boolean);
  return { approval, step, writers, moved };
}

/** Applies planMoveApproval(); the document unchanged when the move is not offered. */
export function moveApprovalBefore(wf: Workflow, nodeId: string): Workflow {
  return planMoveApproval(wf, nodeId)?.moved ?? wf;
}
