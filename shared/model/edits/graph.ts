// Edits of the graph: adding, changing, moving and removing steps, and linking them. Each returns a
// new document and leaves the input untouched, which is what undo/redo and the tests rely on; an
// edit that changes nothing returns the document it was given (see same.ts).
import { outcomeFromLabel } from '../../kinds/end-outcome';
import { KINDS, outputsOf } from '../../kinds/registry';
import { connectionRefusal, type ConnectionRequest } from '../connect';
import { nextId } from '../ids';
import type { NodeKind, Workflow, WorkflowEdge, WorkflowNode } from '../schema';
import { patchChangesNothing } from './same';

export type EditResult = { ok: true; workflow: Workflow; id?: string } | { ok: false; reason: string };

export function addNode(wf: Workflow, kind: NodeKind, position: { x: number; y: number }, label?: string): { workflow: Workflow; id: string } {
  const id = nextId('n', wf.nodes.map((n) => n.id));
  const def = KINDS[kind];
  const name = label ?? def.label;
  const config = def.defaultConfig();
  // An end's outcome comes from its name where that is obvious ("Refund rejected" → rejected).
  if (kind === 'end') (config as { outcome: string }).outcome = outcomeFromLabel(name) ?? '';
  const node = { id, kind, label: name, position: { x: Math.round(position.x), y: Math.round(position.y) }, config } as WorkflowNode;
  return { workflow: { ...wf, nodes: [...wf.nodes, node] }, id };
}

/** Replaces fields of a node (label, config, lint…). A decision whose branches change loses the links of removed branches. */
export function updateNode(wf: Workflow, id: string, patch: Partial<Pick<WorkflowNode, 'label' | 'config' | 'lint'>>): Workflow {
  const current = wf.nodes.find((n) => n.id === id);
  if (!current || patchChangesNothing(current, patch)) return wf;
  const nodes = wf.nodes.map((n) => (n.id === id ? ({ ...n, ...patch } as WorkflowNode) : n));
  const node = nodes.find((n) => n.id === id)!;
  const handles = new Set(outputsOf(node).map((h) => h.id));
  const edges = wf.edges.filter((e) => e.source !== id || handles.has(e.sourceHandle));
  return { ...wf, nodes, edges: edges.length === wf.edges.length ? wf.edges : edges };
}

export function moveNodes(wf: Workflow, positions: Record<string, { x: number; y: number }>): Workflow {
  let changed = false;
  const nodes = wf.nodes.map((n) => {
    const p = positions[n.id];
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { ...n.position, x: p.x, y: p.y } };
  });
  return changed ? { ...wf, nodes } : wf;
}

export function removeElements(wf: Workflow, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): Workflow {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (!nodes.size && !edges.size) return wf;
  const keptNodes = wf.nodes.filter((n) => !nodes.has(n.id));
  const keptEdges = wf.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
  if (keptNodes.length === wf.nodes.length && keptEdges.length === wf.edges.length) return wf;
  return { ...wf, nodes: keptNodes, edges: keptEdges };
}

export function connect(wf: Workflow, req: ConnectionRequest): EditResult {
  const reason = connectionRefusal(wf, req);
  if (reason) return { ok: false, reason };
  const source = wf.nodes.find((n) => n.id === req.source)!;
  const sourceHandle = req.sourceHandle ?? outputsOf(source)[0].id;
  const id = nextId('e', wf.edges.map((e) => e.id));
  const edge: WorkflowEdge = { id, source: req.source, sourceHandle, target: req.target };
  return { ok: true, workflow: { ...wf, edges: [...wf.edges, edge] }, id };
}
