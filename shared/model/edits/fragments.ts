// Copy and paste: the selected steps with the links between them, pasted back with fresh ids, in a
// free place, and under names no other step has.
import { nextId } from '../ids';
import { copyName, occupancyOf, placeGroup, type Point, type Size } from '../placement';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../schema';

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

/**
 * Pastes a fragment with fresh ids, shifted by `offset`; returns the new node ids. A pasted step whose
 * name another step has already gets "(copy)" after it, so the two can be told apart.
 */
export function pasteFragment(wf: Workflow, fragment: Fragment, offset: { x: number; y: number }): { workflow: Workflow; nodeIds: string[] } {
  const nodeIds = wf.nodes.map((n) => n.id);
  const edgeIds = wf.edges.map((e) => e.id);
  const labels = new Set(wf.nodes.map((n) => n.label));
  const idMap = new Map<string, string>();
  const nodes = fragment.nodes.map((n) => {
    const id = nextId('n', nodeIds);
    nodeIds.push(id);
    idMap.set(n.id, id);
    const label = copyName(n.label, labels);
    labels.add(label);
    return { ...structuredClone(n), id, label, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } } as WorkflowNode;
  });
  const edges = fragment.edges
    .filter((e) => idMap.has(e.source) && idMap.has(e.target))
    .map((e) => {
      const id = nextId('e', edgeIds);
      edgeIds.push(id);
      return { ...e, id, source: idMap.get(e.source)!, target: idMap.get(e.target)! };
    });
  if (!nodes.length) return { workflow: wf, nodeIds: [] };
  return { workflow: { ...wf, nodes: [...wf.nodes, ...nodes], edges: [...wf.edges, ...edges] }, nodeIds: nodes.map((n) => n.id) };
}

/** The offset nearest to `wanted` at which a fragment lands in a free place, keeping its shape. */
export function pasteOffset(wf: Workflow, fragment: Fragment, wanted: Point, sizeOf: (node: WorkflowNode) => Size): Point {
  const boxes = fragment.nodes.map((n) => ({ ...n.position, ...sizeOf(n) }));
  return placeGroup(occupancyOf(wf, sizeOf), boxes, wanted);
}
