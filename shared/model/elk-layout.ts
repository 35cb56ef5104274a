// Auto-layout with ELK (Eclipse Layout Kernel, the `elkjs` package): its layered algorithm places the
// steps left to right and routes every link orthogonally around the steps, in channels between the
// columns. ELK cannot route links between steps placed by hand (it has no separate edge router), so a
// route belongs to the layout that made it: the canvas draws it while both ends stay where this layout
// put them (docs/DECISIONS.md, "Links around steps").
//
// Pure: the ELK instance is passed in (a web worker in the app, the bundled build in tests), so this
// module imports nothing but types and works the same everywhere.
import { outputsOf } from '../kinds/registry';
import type { Point, Size } from './placement';
import type { Workflow, WorkflowNode } from './schema';

/** Above this many steps (or links) ELK takes seconds: Auto-Layout uses dagre and links stay simple. */
export const ELK_STEP_LIMIT = 300;
export const ELK_LINK_LIMIT = 600;

/** The part of ELK's JSON graph this module writes and reads (elkjs's ElkNode, narrowed). */
export interface ElkPort {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  layoutOptions: Record<string, string>;
}
export interface ElkChild {
  id: string;
  width: number;
  height: number;
  x?: number;
  y?: number;
  ports: ElkPort[];
  layoutOptions: Record<string, string>;
}
export interface ElkEdgeSection {
  startPoint: Point;
  endPoint: Point;
  bendPoints?: Point[];
}
export interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  sections?: ElkEdgeSection[];
}
export interface ElkGraph {
  id: string;
  layoutOptions: Record<string, string>;
  children: ElkChild[];
  edges: ElkEdge[];
}
/** An ELK instance: `new ELK()` of elkjs, in this thread or a worker. */
export interface ElkLike {
  layout(graph: ElkGraph): Promise<ElkGraph>;
}

/** Where a step's input and outputs are on it, relative to its top-left corner. */
export interface StepPorts {
  input: number;
  /** Output handle id → its distance below the top. */
  outputs: ReadonlyMap<string, number>;
}

/**
 * The options: left to right like the canvas, orthogonal links, the spacing of the dagre layout it
 * stands beside, and the document's order kept where ELK has a choice, so that the same workflow is
 * always laid out the same way.
 */
export const ELK_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '10',
  'elk.layered.spacing.edgeNodeBetweenLayers': '18',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
  // Brandes-Köpf: network simplex lays out a little flatter but took minutes on loopy graphs of 100 steps.
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.randomSeed': '1',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

const portId = (nodeId: string, handle: string) => `${nodeId}\u0000${handle}`;
const INPUT = '\u0000in';

/** The workflow as ELK's graph: each step a box with its input (west) and its outputs (east) fixed where the canvas draws them. */
export function elkGraph(wf: Pick<Workflow, 'nodes' | 'edges'>, sizeOf: (node: WorkflowNode) => Size, portsOf: (node: WorkflowNode, size: Size) => StepPorts): ElkGraph {
  const ids = new Set<string>();
  const children: ElkChild[] = [];
  for (const node of wf.nodes) {
    if (ids.has(node.id)) continue;
    ids.add(node.id);
    const size = sizeOf(node);
    const ports = portsOf(node, size);
    children.push({
      id: node.id,
      width: size.width,
      height: size.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        { id: node.id + INPUT, x: 0, y: ports.input, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'WEST' } },
        ...outputsOf(node).map((h) => ({
          id: portId(node.id, h.id),
          x: size.width,
          y: ports.outputs.get(h.id) ?? size.height / 2,
          width: 0,
          height: 0,
          layoutOptions: { 'elk.port.side': 'EAST' },
        })),
      ],
    });
  }
  const outputs = new Map(wf.nodes.map((n) => [n.id, new Set(outputsOf(n).map((h) => h.id))]));
  const edges: ElkEdge[] = [];
  const edgeIds = new Set<string>();
  for (const e of wf.edges) {
    // Links a file may hold that the canvas would not draw (an output the step does not have) are left out.
    if (edgeIds.has(e.id) || !outputs.get(e.source)?.has(e.sourceHandle) || !ids.has(e.target)) continue;
    edgeIds.add(e.id);
    edges.push({ id: e.id, sources: [portId(e.source, e.sourceHandle)], targets: [e.target + INPUT] });
  }
  return { id: 'root', layoutOptions: { ...ELK_OPTIONS }, children, edges };
}

export interface ElkLayout {
  /** Top-left corner of every step. */
  positions: Record<string, Point>;
  /** Each link's path from its output to its input: start, bends, end. */
  routes: Map<string, Point[]>;
}

/**
 * Reads ELK's answer: positions and routes, rounded to whole pixels as the canvas stores positions
 * (points that were level stay level, so the routes stay orthogonal).
 */
export function readElkLayout(result: ElkGraph): ElkLayout {
  const round = (p: Point) => ({ x: Math.round(p.x), y: Math.round(p.y) });
  const positions: Record<string, Point> = {};
  for (const c of result.children) positions[c.id] = round({ x: c.x ?? 0, y: c.y ?? 0 });
  const routes = new Map<string, Point[]>();
  for (const e of result.edges) {
    // Layered layouts give one section per link; anything else is not a route this app draws.
    if (e.sections?.length !== 1) continue;
    const [section] = e.sections;
    routes.set(e.id, [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(round));
  }
  return { positions, routes };
}

/** Whether ELK should lay out (and route) a workflow this large. */
export function elkFits(wf: Pick<Workflow, 'nodes' | 'edges'>): boolean {
  return wf.nodes.length <= ELK_STEP_LIMIT && wf.edges.length <= ELK_LINK_LIMIT;
}

/** Lays a workflow out with ELK: where each step goes, and the route of each link. */
export async function elkLayout(elk: ElkLike, wf: Pick<Workflow, 'nodes' | 'edges'>, sizeOf: (node: WorkflowNode) => Size, portsOf: (node: WorkflowNode, size: Size) => StepPorts): Promise<ElkLayout> {
  return readElkLayout(await elk.layout(elkGraph(wf, sizeOf, portsOf)));
}
