// The reference page of the drag and pan figures: React Flow as its documentation sets it up —
// default nodes and edges, useNodesState/useEdgesState, nothing else — showing the same graph as
// Flowgate, at the viewport Flowgate chose (passed as ?x=&y=&zoom=).
import { createRoot } from 'react-dom/client';
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
// oxlint-disable-next-line import/no-unassigned-import -- React Flow's own styles, for their effect
import '@xyflow/react/dist/style.css';

export interface BareGraph {
  nodes: { id: string; label: string; x: number; y: number }[];
  edges: { id: string; source: string; target: string }[];
}

function Flow({ graph, viewport }: { graph: BareGraph; viewport: { x: number; y: number; zoom: number } }) {
  const [nodes, , onNodesChange] = useNodesState<Node>(graph.nodes.map((n) => ({ id: n.id, position: { x: n.x, y: n.y }, data: { label: n.label } })));
  const [edges, , onEdgesChange] = useEdgesState<Edge>(graph.edges);
  return (
    <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} defaultViewport={viewport} minZoom={0.1} maxZoom={2.5} />
  );
}

const params = new URLSearchParams(location.search);
const viewport = { x: Number(params.get('x') ?? 0), y: Number(params.get('y') ?? 0), zoom: Number(params.get('zoom') ?? 1) };
void fetch('./graph.json')
  .then((r) => r.json() as Promise<BareGraph>)
  .then((graph) => createRoot(document.getElementById('root')!).render(<Flow graph={graph} viewport={viewport} />));
