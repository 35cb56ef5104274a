// Auto-layout: dagre, left to right. Returns new top-left positions for every node. Pure, so the
// canvas (View → Auto-Layout) and drafts made from a description place steps the same way.
import { graphlib, layout } from '@dagrejs/dagre';
import type { Workflow } from './schema';

export const DEFAULT_NODE_SIZE = { width: 240, height: 110 };

export function autoLayout(
  wf: Pick<Workflow, 'nodes' | 'edges'>,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
): Record<string, { x: number; y: number }> {
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 90, edgesep: 20, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of wf.nodes) {
    const size = sizes.get(n.id) ?? DEFAULT_NODE_SIZE;
    g.setNode(n.id, { width: size.width, height: size.height });
  }
  for (const e of wf.edges) {
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target, {}, e.id);
  }
  layout(g);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const n of wf.nodes) {
    const p = g.node(n.id) as { x: number; y: number; width: number; height: number };
    // dagre gives centres; React Flow positions are top-left corners.
    positions[n.id] = { x: Math.round(p.x - p.width / 2), y: Math.round(p.y - p.height / 2) };
  }
  return positions;
}
