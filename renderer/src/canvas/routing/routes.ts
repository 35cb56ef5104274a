// The routes of links around steps, from ELK's layered layout (shared/model/elk-layout.ts), and when
// the canvas may draw them. A route is ELK's, never adjusted here: it holds while both steps of its link
// are where that layout put them (same place, same size) and no step lies across it. A link whose route
// does not hold is drawn as before, a simple line from output to input. Pure, so it is tested without a
// page; the store keeps the routes of the open document.
import { createStore } from 'zustand/vanilla';
import { ELK_STEP_LIMIT, type ElkLayout } from '../../../../shared/model/elk-layout';
import { Occupancy, type Box, type Point, type Size } from '../../../../shared/model/placement';
import type { Workflow, WorkflowNode } from '../../../../shared/model/schema';

export interface Route {
  /** From the output to the input: start, bends, end. */
  points: readonly Point[];
  /** Where the link's two steps were when it was routed. */
  source: Box;
  target: Box;
}
export type Routes = ReadonlyMap<string, Route>;

const NO_ROUTES: Routes = new Map();

export type RouteStore = ReturnType<typeof createRouteStore>;

export function createRouteStore() {
  const store = createStore<{ routes: Routes }>()(() => ({ routes: NO_ROUTES }));
  return {
    store,
    get routes() {
      return store.getState().routes;
    },
    set(routes: Routes) {
      store.setState({ routes: routes.size ? routes : NO_ROUTES });
    },
    clear() {
      if (store.getState().routes.size) store.setState({ routes: NO_ROUTES });
    },
  };
}

const boxOf = (node: WorkflowNode, size: Size): Box => ({ x: node.position.x, y: node.position.y, width: size.width, height: size.height });
const sameBox = (a: Box, b: Box) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** The routes of a layout whose positions the document now has: each with the boxes of its ends. */
export function routesOf(layout: ElkLayout, wf: Pick<Workflow, 'edges' | 'nodes'>, sizeOf: (node: WorkflowNode) => Size, offset: Point = { x: 0, y: 0 }): Map<string, Route> {
  const nodes = new Map(wf.nodes.map((n) => [n.id, n]));
  const at = (id: string): Box | null => {
    const node = nodes.get(id);
    const p = layout.positions[id];
    return node && p ? { x: p.x + offset.x, y: p.y + offset.y, ...sizeOf(node) } : null;
  };
  const routes = new Map<string, Route>();
  for (const e of wf.edges) {
    const points = layout.routes.get(e.id);
    const source = at(e.source);
    const target = at(e.target);
    if (points && source && target) routes.set(e.id, { points: points.map((p) => ({ x: p.x + offset.x, y: p.y + offset.y })), source, target });
  }
  return routes;
}

/**
 * Which routes of a fresh ELK layout of the document hold for its positions as they are: a file laid out
 * with ELK, saved and opened again, gets its routes back. The layout may sit elsewhere on the canvas
 * (the whole workflow was moved): the shift most steps share is taken, and only steps at that shift count.
 */
export function matchingRoutes(layout: ElkLayout, wf: Pick<Workflow, 'edges' | 'nodes'>, sizeOf: (node: WorkflowNode) => Size): Map<string, Route> {
  const shifts = new Map<string, number>();
  for (const n of wf.nodes) {
    const p = layout.positions[n.id];
    if (!p) continue;
    const key = `${n.position.x - p.x},${n.position.y - p.y}`;
    shifts.set(key, (shifts.get(key) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [key, count] of shifts) if (best === null || count > shifts.get(best)!) best = key;
  if (best === null || shifts.get(best)! < 2) return new Map();
  const [x, y] = best.split(',').map(Number);
  return routesOf(layout, wf, sizeOf, { x, y });
}

/** Whether a segment of a route runs across a box (touching its edge, where a link meets its step, is not across). */
function crosses(occupancy: Occupancy, a: Point, b: Point): boolean {
  const segment = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
  return !occupancy.isFree(segment, -1);
}

/**
 * The routes that hold for the document as it is now, by link id. Cheap enough for every frame of a
 * drag at the sizes ELK lays out (a grid index of the steps; a few thousand segment tests).
 */
export function validRoutes(routes: Routes, nodes: readonly WorkflowNode[], sizeOf: (node: WorkflowNode) => Size, edges: Pick<Workflow, 'edges'>['edges']): Map<string, readonly Point[]> {
  const valid = new Map<string, readonly Point[]>();
  // Routes belong to layouts ELK made; a workflow grown far beyond them is drawn without.
  if (!routes.size || nodes.length > ELK_STEP_LIMIT * 2) return valid;
  const boxes = new Map<string, Box>();
  for (const n of nodes) boxes.set(n.id, boxOf(n, sizeOf(n)));
  const occupancy = new Occupancy(boxes.values());
  for (const e of edges) {
    const route = routes.get(e.id);
    if (!route) continue;
    const source = boxes.get(e.source);
    const target = boxes.get(e.target);
    if (!source || !target || !sameBox(source, route.source) || !sameBox(target, route.target)) continue;
    let clear = true;
    for (let i = 1; i < route.points.length && clear; i++) clear = !crosses(occupancy, route.points[i - 1], route.points[i]);
    if (clear) valid.set(e.id, route.points);
  }
  return valid;
}
