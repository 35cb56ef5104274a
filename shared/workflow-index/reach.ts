// Which steps an item can reach from an intake, and which it can reach without passing an approval.
import type { WorkflowEdge, WorkflowNode } from '../model/schema';

/** Whether an edge leaves an approval through its `approved` output: past it, an item has been reviewed. */
export function leavesApproved(edge: WorkflowEdge, nodeById: Map<string, WorkflowNode>): boolean {
  return nodeById.get(edge.source)?.kind === 'approval' && edge.sourceHandle === 'approved';
}

/**
 * Breadth-first walk from the intakes along the edges `follow` accepts; maps each node reached to the
 * intake it was first reached from. Each node is visited once, so cycles cannot hang it: linear in edges.
 */
export function walk(intakes: WorkflowNode[], outgoing: (id: string) => readonly WorkflowEdge[], follow: (e: WorkflowEdge) => boolean): Map<string, string> {
  const origin = new Map<string, string>();
  const queue: string[] = [];
  for (const intake of intakes) {
    if (origin.has(intake.id)) continue;
    origin.set(intake.id, intake.id);
    queue.push(intake.id);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const e of outgoing(id)) {
      if (origin.has(e.target) || !follow(e)) continue;
      origin.set(e.target, origin.get(id)!);
      queue.push(e.target);
    }
  }
  return origin;
}
