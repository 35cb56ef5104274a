// Where a new step goes: a free place on the canvas, never on top of another step or note. Pure
// geometry over boxes (top-left corner and size), so the app, its tests and any later caller place
// steps the same way. The canvas passes the sizes it measured; estimates do where nothing is drawn.
import { noteSize, notesOf } from './notes';
import type { Workflow, WorkflowNode } from './schema';

export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}
export interface Box extends Point, Size {}

/** Room kept free around a placed step, so that it never touches its neighbours. */
export const PLACEMENT_GAP = 24;
/** How far right of its step a next step goes: room for the link and its arrow. */
export const NEXT_STEP_GAP = 80;
/** Positions are tried on this grid (canvas pixels). */
const GRID = 20;
/** Rings tried around a wanted spot before giving up and going below everything. */
const MAX_RINGS = 80;
/** Rows tried above and below a column before trying the next column. */
const MAX_ROWS = 40;
/** The side of a cell of the occupancy index. */
const CELL = 512;

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * The boxes already on the canvas, bucketed by cell so that a test looks at the few boxes near it: a
 * search tries hundreds of spots, and a workflow may have ten thousand steps.
 */
export class Occupancy {
  private readonly cells = new Map<string, Box[]>();
  readonly bounds: Box | null;

  constructor(boxes: Iterable<Box>) {
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    for (const b of boxes) {
      if (![b.x, b.y, b.width, b.height].every(Number.isFinite)) continue;
      for (let cx = Math.floor(b.x / CELL); cx <= Math.floor((b.x + b.width) / CELL); cx++) {
        for (let cy = Math.floor(b.y / CELL); cy <= Math.floor((b.y + b.height) / CELL); cy++) {
          const key = `${cx}:${cy}`;
          const list = this.cells.get(key);
          if (list) list.push(b);
          else this.cells.set(key, [b]);
        }
      }
      x1 = Math.min(x1, b.x);
      y1 = Math.min(y1, b.y);
      x2 = Math.max(x2, b.x + b.width);
      y2 = Math.max(y2, b.y + b.height);
    }
    this.bounds = x1 === Infinity ? null : { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
  }

  /** Whether `box`, with `gap` around it, touches nothing. */
  isFree(box: Box, gap = PLACEMENT_GAP): boolean {
    for (let cx = Math.floor((box.x - gap) / CELL); cx <= Math.floor((box.x + box.width + gap) / CELL); cx++) {
      for (let cy = Math.floor((box.y - gap) / CELL); cy <= Math.floor((box.y + box.height + gap) / CELL); cy++) {
        for (const b of this.cells.get(`${cx}:${cy}`) ?? []) if (overlaps(box, b, gap)) return false;
      }
    }
    return true;
  }

  /** Whether every box of a group, moved by `offset`, is free. */
  groupIsFree(boxes: readonly Box[], offset: Point, gap = PLACEMENT_GAP): boolean {
    return boxes.every((b) => this.isFree({ ...b, x: b.x + offset.x, y: b.y + offset.y }, gap));
  }
}

/** What is on a workflow's canvas, as boxes: its steps (at the size `sizeOf` gives) and its notes. */
export function occupancyOf(wf: Pick<Workflow, 'nodes' | 'notes'>, sizeOf: (node: WorkflowNode) => Size): Occupancy {
  const boxes: Box[] = [];
  for (const n of wf.nodes) boxes.push({ x: n.position.x, y: n.position.y, ...sizeOf(n) });
  for (const n of notesOf(wf)) boxes.push({ x: n.position.x, y: n.position.y, ...noteSize(n) });
  return new Occupancy(boxes);
}

const snap = (v: number) => Math.round(v);

/** Below everything: where a search that found nothing nearer puts a box. */
function belowAll(occupancy: Occupancy, x: number): Point {
  const b = occupancy.bounds;
  return b ? { x: snap(x), y: snap(b.y + b.height + PLACEMENT_GAP * 2) } : { x: snap(x), y: 0 };
}

/**
 * The spot nearest to `wanted` where `fits` holds: rings of growing radius around it, every spot of a
 * ring tried, the nearest that fits taken. Rings are fine near the spot and coarser far from it, so a
 * crowded canvas costs a few thousand tests, not millions. Null when no ring had room.
 */
function nearestFitting(wanted: Point, fits: (p: Point) => boolean): Point | null {
  if (fits(wanted)) return { x: snap(wanted.x), y: snap(wanted.y) };
  let r = 0;
  for (let ring = 0; ring < MAX_RINGS; ring++) {
    const step = Math.max(GRID, Math.round(r / 8 / GRID) * GRID);
    r += step;
    let best: Point | null = null;
    let bestDistance = Infinity;
    for (let t = -r; t <= r; t += step) {
      for (const p of [
        { x: wanted.x + t, y: wanted.y - r },
        { x: wanted.x + t, y: wanted.y + r },
        { x: wanted.x - r, y: wanted.y + t },
        { x: wanted.x + r, y: wanted.y + t },
      ]) {
        const d = Math.hypot(p.x - wanted.x, p.y - wanted.y);
        if (d < bestDistance && fits(p)) {
          best = p;
          bestDistance = d;
        }
      }
    }
    if (best) return { x: snap(best.x), y: snap(best.y) };
  }
  return null;
}

/** The free spot nearest to `wanted` (a top-left corner) for a box of `size`. */
export function placeNear(occupancy: Occupancy, size: Size, wanted: Point): Point {
  return nearestFitting(wanted, (p) => occupancy.isFree({ ...p, ...size })) ?? belowAll(occupancy, wanted.x);
}

/**
 * Where the step after another goes: in the column right of it, its input level with the output it
 * follows (`wanted` is that top-left corner); else the nearest free row of that column, below first,
 * then above; else the next column to the right. Never on top of anything.
 */
export function placeAfter(occupancy: Occupancy, size: Size, wanted: Point): Point {
  const fits = (p: Point) => occupancy.isFree({ ...p, ...size });
  const right = occupancy.bounds ? occupancy.bounds.x + occupancy.bounds.width + NEXT_STEP_GAP : wanted.x;
  for (let x = wanted.x; ; x += size.width + NEXT_STEP_GAP) {
    for (let row = 0; row <= MAX_ROWS; row++) {
      for (const y of row ? [wanted.y + row * GRID, wanted.y - row * GRID] : [wanted.y]) {
        if (fits({ x, y })) return { x: snap(x), y: snap(y) };
      }
    }
    // Right of everything, the first column is free.
    if (x >= right) return { x: snap(x), y: snap(wanted.y) };
  }
}

/**
 * The offset that puts a group of boxes (pasted steps) in the free place nearest to `wanted` (their
 * offset from where they were copied), keeping their shape.
 */
export function placeGroup(occupancy: Occupancy, boxes: readonly Box[], wanted: Point): Point {
  if (!boxes.length) return { x: snap(wanted.x), y: snap(wanted.y) };
  const found = nearestFitting(wanted, (p) => occupancy.groupIsFree(boxes, p));
  if (found) return found;
  // Below everything, in the same columns.
  let top = Infinity;
  for (const b of boxes) top = Math.min(top, b.y);
  return { x: snap(wanted.x), y: snap(belowAll(occupancy, 0).y - top) };
}

/**
 * A name for a copy that no other step has: "Send reply (copy)", then "Send reply (copy 2)"… A copy
 * of a copy counts on from its number instead of growing "(copy) (copy)".
 */
export function copyName(label: string, taken: ReadonlySet<string>): string {
  if (!taken.has(label)) return label;
  const m = /^(.*) \(copy(?: (\d+))?\)$/s.exec(label);
  const base = m ? m[1] : label;
  let n = m ? Number(m[2] ?? 1) + 1 : 1;
  for (;;) {
    const name = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(name)) return name;
    n++;
  }
}
