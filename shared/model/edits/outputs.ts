// Where a step's outputs lead: adding the next step already linked from an output, and pointing an
// output at another step (or at none). With these a workflow is built and rewired without dragging a
// link. Each is one edit, so one undo step; a refused change returns why, in the words the canvas uses.
import { outputsOf, type OutputHandle } from '../../kinds/registry';
import type { NodeKind, Workflow } from '../schema';
import { addNode, connect, type EditResult } from './graph';

export interface OutputLead {
  handle: OutputHandle;
  /** The step this output leads to, or null when it leads nowhere. */
  target: string | null;
  /** The link that makes it lead there. */
  edgeId: string | null;
}

/** Each output of a step with the step it leads to (the first link, when a file has several). */
export function outputLeads(wf: Pick<Workflow, 'nodes' | 'edges'>, nodeId: string): OutputLead[] {
  const node = wf.nodes.find((n) => n.id === nodeId);
  if (!node) return [];
  return outputsOf(node).map((handle) => {
    const edge = wf.edges.find((e) => e.source === nodeId && e.sourceHandle === handle.id);
    return { handle, target: edge?.target ?? null, edgeId: edge?.id ?? null };
  });
}

/** The outputs of a step that lead nowhere yet, in the kind's order. */
export function freeOutputs(wf: Pick<Workflow, 'nodes' | 'edges'>, nodeId: string): OutputHandle[] {
  return outputLeads(wf, nodeId)
    .filter((l) => l.target === null)
    .map((l) => l.handle);
}

/**
 * Adds a step of `kind` at `position`, already linked from output `handle` of `source`: one edit. An
 * output that led somewhere now leads to the new step instead (an output takes one path).
 */
export function addNextStep(wf: Workflow, source: string, handle: string, kind: NodeKind, position: { x: number; y: number }): EditResult {
  const added = addNode(wf, kind, position);
  const linked = setOutputTarget(added.workflow, source, handle, added.id);
  return linked.ok ? { ok: true, workflow: linked.workflow, id: added.id } : linked;
}

/**
 * Points output `handle` of `source` at `target`, replacing the link it had, or at nothing (null). The
 * same document when it already leads there; the reason when the link is not allowed.
 */
export function setOutputTarget(wf: Workflow, source: string, handle: string, target: string | null): EditResult {
  const current = wf.edges.filter((e) => e.source === source && e.sourceHandle === handle);
  if (target === null ? current.length === 0 : current.length === 1 && current[0].target === target) return { ok: true, workflow: wf };
  const gone = new Set(current.map((e) => e.id));
  const without: Workflow = current.length ? { ...wf, edges: wf.edges.filter((e) => !gone.has(e.id)) } : wf;
  if (target === null) return { ok: true, workflow: without };
  return connect(without, { source, sourceHandle: handle, target });
}
