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

/**
 * Zoom to fit: a small margin in screen pixels around the workflow (a share of the pane would waste a
 * fifth of a wide canvas), and never closer than a little over full size for a workflow of a few steps.
 */
export const FIT_OPTIONS = { padding: { top: '24px', bottom: '24px', left: '32px', right: '32px' }, maxZoom: 1.1 } as const;
/** The zoom a step is revealed at (a finding, a breakpoint): its text comfortably readable. */
export const READABLE_ZOOM = 0.6;
/**
 * The first view shows the whole workflow whenever that needs at least this zoom; a larger workflow
 * starts at this zoom from its intake. Steps still read at 40 % (their labels are 5–6 px high there,
 * the kind colours and the links' shape carry the rest), and seeing the whole shape first matters more.
 */
export const FIRST_VIEW_MIN_ZOOM = 0.4;

/** Up to this many steps, every step is drawn at once; a larger workflow is drawn virtualised (useFirstView.ts). */
export const DRAW_AT_ONCE = 150;

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
 * Where a workflow too large to show whole starts: the intake (the leftmost one; of several at the
 * same place, the one nearest the middle), at the left of the view and centred on its height; without
 * an intake, the left end of the workflow, centred vertically.
 */
export function startViewport(wf: Workflow, bounds: Rect, pane: { width: number; height: number }, zoom = FIRST_VIEW_MIN_ZOOM): Viewport {
  const middle = bounds.y + bounds.height / 2;
  let anchor: { x: number; y: number } | null = null;
  for (const n of wf.nodes) {
    if (n.kind !== 'intake') continue;
    const centre = { x: n.position.x, y: n.position.y + estimatedSize(n).height / 2 };
    if (!anchor || centre.x < anchor.x - 1 || (Math.abs(centre.x - anchor.x) <= 1 && Math.abs(centre.y - middle) < Math.abs(anchor.y - middle))) anchor = centre;
  }
  const at = anchor ?? { x: bounds.x, y: middle };
  return { zoom, x: 48 - at.x * zoom, y: pane.height / 2 - at.y * zoom };
}

/** Pane-sized fit of the bounds, with the same margins and limits as Zoom to fit (React Flow's own arithmetic). */
export type FitViewport = (bounds: Rect, pane: { width: number; height: number }) => Viewport;

/** The first view of a document: all of it when that fits at FIRST_VIEW_MIN_ZOOM or closer, else its start at that zoom. */
export function firstViewport(wf: Workflow, pane: { width: number; height: number }, fit: FitViewport): Viewport {
  const bounds = estimatedBounds(wf);
  const fitted = fit(bounds, pane);
  return fitted.zoom >= FIRST_VIEW_MIN_ZOOM ? fitted : startViewport(wf, bounds, pane);
}
