// Where the canvas starts, and which steps are in (or nearest to) a view. Both are decided before any
// step is measured, from the document's positions and the size a step of that shape has (a large
// workflow is drawn virtualised: see useFirstView.ts).
import { outputsOf } from '../../../shared/kinds/registry';
import type { Workflow, WorkflowNode } from '../../../shared/model/schema';
import type { Dimensions } from './derive';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export const FIT_OPTIONS = { padding: 0.2, maxZoom: 1.1 };
/** Below this zoom labels are unreadable: a first view that would need less starts at the intake instead. */
export const READABLE_ZOOM = 0.6;

/** Up to this many steps, every step is drawn at once; a larger workflow is drawn virtualised (useFirstView.ts). */
export const DRAW_AT_ONCE = 150;
/** Steps this close to the view (screen px) count as in it: the first pan finds them drawn. */
const VIEW_MARGIN = 120;

/** A step's CSS box (app.css, `.step`): fixed width; head and body, then one 20 px row per output. */
const STEP_WIDTH = 240;
const BASE_HEIGHT = 77;
const OUTPUTS_FRAME = 7;
const OUTPUT_ROW = 20;
const LABEL_LINE = 18;
/** About where a label wraps onto its second line (labels are clamped to two). */
const ONE_LINE_LABEL = 26;

/** The size a step of this shape has once drawn; only used to decide what is in view. */
export function estimatedSize(node: WorkflowNode): Dimensions {
  const outputs = outputsOf(node).length;
  const label = node.label.length > ONE_LINE_LABEL ? LABEL_LINE : 0;
  return { width: STEP_WIDTH, height: BASE_HEIGHT + label + (outputs ? OUTPUTS_FRAME + OUTPUT_ROW * outputs : 0) };
}

/** The box around every step, with estimated sizes. */
export function estimatedBounds(wf: Workflow): Rect {
  if (!wf.nodes.length) return { x: 0, y: 0, width: 0, height: 0 };
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of wf.nodes) {
    const s = estimatedSize(n);
    x1 = Math.min(x1, n.position.x);
    y1 = Math.min(y1, n.position.y);
    x2 = Math.max(x2, n.position.x + s.width);
    y2 = Math.max(y2, n.position.y + s.height);
  }
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** The part of the flow a viewport shows in a pane of this size, in flow coordinates, widened by `margin` screen px. */
export function visibleRect(vp: Viewport, pane: { width: number; height: number }, margin = 0): Rect {
  return {
    x: (-vp.x - margin) / vp.zoom,
    y: (-vp.y - margin) / vp.zoom,
    width: (pane.width + 2 * margin) / vp.zoom,
    height: (pane.height + 2 * margin) / vp.zoom,
  };
}

/**
 * The order in which to draw the steps: `first` are those in (or just around) the view, `rest` the
 * others, nearest to the view's centre first.
 */
export function drawOrder(wf: Workflow, vp: Viewport, pane: { width: number; height: number }): { first: string[]; rest: string[] } {
  const view = visibleRect(vp, pane, VIEW_MARGIN);
  const cx = view.x + view.width / 2;
  const cy = view.y + view.height / 2;
  const first: string[] = [];
  const rest: { id: string; d: number }[] = [];
  for (const n of wf.nodes) {
    const s = estimatedSize(n);
    const { x, y } = n.position;
    const inside = x < view.x + view.width && x + s.width > view.x && y < view.y + view.height && y + s.height > view.y;
    if (inside) first.push(n.id);
    else rest.push({ id: n.id, d: Math.hypot(x + s.width / 2 - cx, y + s.height / 2 - cy) });
  }
  rest.sort((a, b) => a.d - b.d);
  return { first, rest: rest.map((r) => r.id) };
}

/** A first view for a workflow too large to show whole at a readable size: its left end (where the intakes are), centred vertically. */
export function startViewport(bounds: Rect, pane: { width: number; height: number }): Viewport {
  return { zoom: READABLE_ZOOM, x: 48 - bounds.x * READABLE_ZOOM, y: pane.height / 2 - (bounds.y + bounds.height / 2) * READABLE_ZOOM };
}
