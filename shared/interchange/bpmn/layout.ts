// Diagram coordinates: each step's shapes sit where the step sits on the Flowgate canvas, laid out
// around it (a task, the gateway the export adds after it, boundary events on its edge, added end
// events beside it). A step whose shapes would overlap another's moves down until they do not, so
// no two shapes overlap (a boundary event on its own task excepted, as BPMN draws it).
import type { WorkflowNode } from '../../model/schema';
import { SIZE, type BpmnElement, type BpmnFlow } from './model';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}

/** Room kept between the shapes of two steps. */
const GAP = 24;
/** Where the diagram starts: the leftmost and topmost step lands here. */
const ORIGIN = { x: 160, y: 100 };
const CELL = 400;

function boundsOf(el: BpmnElement, origin: Point): Bounds {
  const size = SIZE[el.kind];
  return { x: origin.x + el.at.x, y: origin.y + el.at.y, width: size.width, height: size.height };
}

function overlaps(a: Bounds, b: Bounds, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

function finite(n: number): number {
  return Number.isFinite(n) ? Math.max(-1e7, Math.min(1e7, n)) : 0;
}

/** Absolute bounds of every element, keyed by id. */
export function layoutSteps(steps: readonly { node: WorkflowNode; elements: readonly BpmnElement[] }[]): Map<string, Bounds> {
  const origins = steps.map((s) => ({ x: Math.round(finite(s.node.position.x)), y: Math.round(finite(s.node.position.y)) }));
  // Each step's box (its shapes' union, relative to its origin).
  const boxes = steps.map(({ elements }) => {
    const all = elements.map((el) => boundsOf(el, { x: 0, y: 0 }));
    const left = Math.min(...all.map((b) => b.x));
    const top = Math.min(...all.map((b) => b.y));
    return { left, top, right: Math.max(...all.map((b) => b.x + b.width)), bottom: Math.max(...all.map((b) => b.y + b.height)) };
  });
  let minX = Infinity;
  let minY = Infinity;
  origins.forEach((o, i) => {
    minX = Math.min(minX, o.x + boxes[i].left);
    minY = Math.min(minY, o.y + boxes[i].top);
  });

  // Place steps top to bottom, left to right; one that collides moves below what it hits.
  const order = steps.map((_, i) => i).sort((a, b) => origins[a].y - origins[b].y || origins[a].x - origins[b].x || a - b);
  const grid = new Map<string, Bounds[]>();
  const cells = (b: Bounds) => {
    const keys: string[] = [];
    for (let cx = Math.floor(b.x / CELL); cx <= Math.floor((b.x + b.width) / CELL); cx++) {
      for (let cy = Math.floor(b.y / CELL); cy <= Math.floor((b.y + b.height) / CELL); cy++) keys.push(`${cx},${cy}`);
    }
    return keys;
  };
  const placed = new Array<Point>(steps.length);
  for (const i of order) {
    const box = boxes[i];
    const origin = { x: origins[i].x - minX + ORIGIN.x, y: origins[i].y - minY + ORIGIN.y };
    for (;;) {
      const rect = { x: origin.x + box.left, y: origin.y + box.top, width: box.right - box.left, height: box.bottom - box.top };
      let hit: Bounds | null = null;
      for (const key of cells(rect)) {
        for (const other of grid.get(key) ?? []) {
          if (overlaps(rect, other, GAP) && (!hit || other.y + other.height > hit.y + hit.height)) hit = other;
        }
      }
      if (!hit) {
        for (const key of cells(rect)) {
          const list = grid.get(key);
          if (list) list.push(rect);
          else grid.set(key, [rect]);
        }
        break;
      }
      origin.y = hit.y + hit.height + GAP - box.top;
    }
    placed[i] = origin;
  }

  const out = new Map<string, Bounds>();
  steps.forEach(({ elements }, i) => {
    for (const el of elements) out.set(el.id, boundsOf(el, placed[i]));
  });
  return out;
}

/**
 * Waypoints of a flow: out of the right side of a task or gateway (the bottom of a boundary event),
 * into the left side of its target, with right angles; a flow going back loops under both shapes.
 */
export function route(flow: BpmnFlow, source: BpmnElement, from: Bounds, to: Bounds): Point[] {
  const end = { x: to.x, y: to.y + to.height / 2 };
  if (source.kind === 'boundaryEvent') {
    const start = { x: from.x + from.width / 2, y: from.y + from.height };
    if (end.x >= start.x + 20 && end.y >= start.y) return [start, { x: start.x, y: end.y }, end];
    const below = Math.max(start.y, to.y + to.height) + 20;
    return [start, { x: start.x, y: below }, { x: end.x - 20, y: below }, { x: end.x - 20, y: end.y }, end];
  }
  const start = { x: from.x + from.width, y: from.y + from.height / 2 };
  if (end.x >= start.x + 20) {
    if (Math.abs(start.y - end.y) < 1) return [start, end];
    const mid = Math.round(start.x + Math.max(15, Math.min(40, (end.x - start.x) / 2)));
    return [start, { x: mid, y: start.y }, { x: mid, y: end.y }, end];
  }
  const below = Math.max(from.y + from.height, to.y + to.height) + 30;
  return [start, { x: start.x + 20, y: start.y }, { x: start.x + 20, y: below }, { x: end.x - 20, y: below }, { x: end.x - 20, y: end.y }, end];
}
