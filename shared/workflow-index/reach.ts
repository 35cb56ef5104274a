// Approvals on the way: past an approval's `approved` output, an item has been reviewed. The walks
// from the intakes that use it are in walks.ts.
import type { WorkflowEdge, WorkflowNode } from '../model/schema';

/** Whether an edge leaves an approval through its `approved` output: past it, an item has been reviewed. */
export function leavesApproved(edge: WorkflowEdge, nodeById: ReadonlyMap<string, WorkflowNode>): boolean {
  return nodeById.get(edge.source)?.kind === 'approval' && edge.sourceHandle === 'approved';
}
