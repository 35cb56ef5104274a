// Pure edits of a workflow document. Each returns a new document and leaves the input untouched,
// which is what undo/redo and the tests rely on.
import { KINDS, outputsOf } from '../kinds/registry';
import { connectionRefusal, type ConnectionRequest } from './connect';
import { nextId, slug } from './ids';
import type { Connection, NodeKind, Workflow, WorkflowEdge, WorkflowNode } from './schema';

export type EditResult = { ok: true; workflow: Workflow; id?: string } | { ok: false; reason: string };

export function addNode(wf: Workflow, kind: NodeKind, position: { x: number; y: number }, label?: string): { workflow: Workflow; id: string } {
  const id = nextId('n', wf.nodes.map((n) => n.id));
  const def = KINDS[kind];
  const node = { id, kind, label: label ?? def.label, position: { x: Math.round(position.x), y: Math.round(position.y) }, config: def.defaultConfig() } as WorkflowNode;
  return { workflow: { ...wf, nodes: [...wf.nodes, node] }, id };
}

/** Replaces fields of a node (label, config, lint…). A decision whose rules change loses edges of removed rules. */
export function updateNode(wf: Workflow, id: string, patch: Partial<Pick<WorkflowNode, 'label' | 'config' | 'lint'>>): Workflow {
  const nodes = wf.nodes.map((n) => (n.id === id ? ({ ...n, ...patch } as WorkflowNode) : n));
  const node = nodes.find((n) => n.id === id);
  if (!node) return wf;
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
  return {
    ...wf,
    nodes: wf.nodes.filter((n) => !nodes.has(n.id)),
    edges: wf.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
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

export function setProperties(wf: Workflow, patch: Partial<Pick<Workflow, 'name' | 'description' | 'owner'>>): Workflow {
  return { ...wf, ...patch };
}

export function addConnection(wf: Workflow, connector: string, label: string): { workflow: Workflow; id: string } {
  const base = slug(connector);
  const taken = wf.connections.map((c) => c.id);
  const id = taken.includes(base) ? nextId(`${base}-`, taken) : base;
  const conn: Connection = { id, connector, label, identity: '', grants: [], logging: false, maintainer: '', revocation: '' };
  return { workflow: { ...wf, connections: [...wf.connections, conn] }, id };
}

export function updateConnection(wf: Workflow, id: string, patch: Partial<Omit<Connection, 'id'>>): Workflow {
  return { ...wf, connections: wf.connections.map((c) => (c.id === id ? { ...c, ...patch } : c)) };
}

/** Removes a connection. Steps that named it keep the name, so the analysis can point at them. */
export function removeConnection(wf: Workflow, id: string): Workflow {
  return { ...wf, connections: wf.connections.filter((c) => c.id !== id) };
}

export interface Fragment {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

/** The selected nodes and the edges between them, as copied to the clipboard. */
export function extractFragment(wf: Workflow, nodeIds: Iterable<string>): Fragment {
  const ids = new Set(nodeIds);
  return {
    nodes: wf.nodes.filter((n) => ids.has(n.id)),
    edges: wf.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

/** Pastes a fragment with fresh ids, shifted by `offset`; returns the new node ids. */
export function pasteFragment(wf: Workflow, fragment: Fragment, offset: { x: number; y: number }): { workflow: Workflow; nodeIds: string[] } {
  const nodeIds = wf.nodes.map((n) => n.id);
  const edgeIds = wf.edges.map((e) => e.id);
  const idMap = new Map<string, string>();
  const nodes = fragment.nodes.map((n) => {
    const id = nextId('n', nodeIds);
    nodeIds.push(id);
    idMap.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } } as WorkflowNode;
  });
  const edges = fragment.edges
    .filter((e) => idMap.has(e.source) && idMap.has(e.target))
    .map((e) => {
      const id = nextId('e', edgeIds);
      edgeIds.push(id);
      return { ...e, id, source: idMap.get(e.source)!, target: idMap.get(e.target)! };
    });
  return { workflow: { ...wf, nodes: [...wf.nodes, ...nodes], edges: [...wf.edges, ...edges] }, nodeIds: nodes.map((n) => n.id) };
}

export function blankWorkflow(id: string, name = 'Untitled workflow'): Workflow {
  return {
    format: 'flowgate.workflow',
    schemaVersion: 1,
    id,
    name,
    description: '',
    owner: '',
    connections: [],
    nodes: [],
    edges: [],
  };
}
