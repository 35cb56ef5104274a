import { describe, expect, it } from 'vitest';
import { addNode, updateNode } from '../../../shared/model/edits/graph';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import type { Workflow } from '../../../shared/model/schema';
import { getViewportForBounds } from '@xyflow/system';
import { readFileSync } from 'node:fs';
import { loadWorkflow } from '../../../shared/model/load';
import { estimatedBounds, estimatedSize, FIRST_VIEW_MIN_ZOOM, FIT_OPTIONS, firstViewport, startViewport, visibleRect, type FitViewport } from '../../../renderer/src/canvas/firstView';
import { generateWorkflow } from '../../fixtures/generate-workflow';

function grid(columns: number, rows: number): Workflow {
  let wf = blankWorkflow('wf');
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) wf = addNode(wf, 'end', { x: c * 300, y: r * 200 }).workflow;
  return wf;
}

describe('the size a step is expected to have before it is measured', () => {
  it('grows with the outputs and with a label long enough to wrap', () => {
    let wf = blankWorkflow('wf');
    const end = addNode(wf, 'end', { x: 0, y: 0 });
    const ai = addNode(end.workflow, 'ai', { x: 0, y: 0 });
    wf = ai.workflow;
    const [endNode, aiNode] = wf.nodes;
    expect(estimatedSize(endNode)).toEqual({ width: 240, height: 77 });
    // An AI step has three outputs (ok, low confidence, error): one 20 px row each.
    expect(estimatedSize(aiNode).height).toBe(77 + 7 + 3 * 20);
    const long = updateNode(wf, aiNode.id, { label: 'Classify the ticket and draft a first reply' }).nodes[1];
    expect(estimatedSize(long).height).toBe(estimatedSize(aiNode).height + 18);
  });

  it('bounds every step', () => {
    const wf = grid(3, 2);
    expect(estimatedBounds(wf)).toEqual({ x: 0, y: 0, width: 600 + 240, height: 200 + 77 });
    expect(estimatedBounds(blankWorkflow('wf'))).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

describe('the first view of a large workflow', () => {
  const pane = { width: 1000, height: 600 };

  it('starts a workflow too large to show whole at its left end, at 40 %', () => {
    const wf = generateWorkflow({ nodes: 1000, variant: 'clean', seed: 1 });
    const bounds = estimatedBounds(wf);
    const vp = firstViewport(wf, pane, fit);
    expect(vp).toEqual(startViewport(wf, bounds, pane));
    expect(vp.zoom).toBe(FIRST_VIEW_MIN_ZOOM);
    const view = visibleRect(vp, pane);
    expect(view.x).toBeLessThan(bounds.x);
    expect(view.x + view.width).toBeGreaterThan(bounds.x);
    const intakes = wf.nodes.filter((n) => n.kind === 'intake');
    const first = wf.nodes.filter((n) => {
      const size = estimatedSize(n);
      return n.position.x < view.x + view.width && n.position.x + size.width > view.x && n.position.y < view.y + view.height && n.position.y + size.height > view.y;
    }).map((n) => n.id);
    // Some intake is in the first view, and the first view is a small part of the thousand steps.
    expect(intakes.some((n) => first.includes(n.id))).toBe(true);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(200);
  });
});

/** React Flow's own fit, with the margins of Zoom to fit. */
const fit: FitViewport = (bounds, size) => getViewportForBounds(bounds, size.width, size.height, 0.1, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding);
const template = (name: string) => loadWorkflow(readFileSync(new URL(`../../../resources/templates/${name}.flowgate.json`, import.meta.url), 'utf8')).workflow;
const TEMPLATES = ['support-ticket-triage', 'invoice-approval', 'sales-lead-intake', 'employee-onboarding', 'risky-support-bot'];
/** The canvas of a 1440 × 900 window, between the palette, the side panel and the Problems bar. */
const canvasPane = { width: 840, height: 730 };
/** The canvas of a 1920 × 1080 window. */
const widePane = { width: 1370, height: 910 };

describe('the first view of a document', () => {
  it('shows every template whole when the canvas is wide enough for 40 %, with every step inside the pane and a small margin', () => {
    for (const name of TEMPLATES) {
      const wf = template(name);
      const vp = firstViewport(wf, widePane, fit);
      expect(vp.zoom, name).toBeGreaterThanOrEqual(FIRST_VIEW_MIN_ZOOM);
      const view = visibleRect(vp, widePane);
      const b = estimatedBounds(wf);
      // At least 20 px of screen on every side, and no more than the fit needs on the tighter axis.
      const margins = [(b.x - view.x) * vp.zoom, (view.x + view.width - b.x - b.width) * vp.zoom, (b.y - view.y) * vp.zoom, (view.y + view.height - b.y - b.height) * vp.zoom];
      for (const m of margins) expect(m, name).toBeGreaterThanOrEqual(20);
      expect(Math.min(margins[0] + margins[1], margins[2] + margins[3]), name).toBeLessThanOrEqual(80);
    }
  });

  it('starts each template at its intake at 40 % when the canvas is narrower', () => {
    for (const name of TEMPLATES) {
      const wf = template(name);
      const vp = firstViewport(wf, canvasPane, fit);
      expect(vp.zoom, name).toBe(FIRST_VIEW_MIN_ZOOM);
      const intake = wf.nodes.find((n) => n.kind === 'intake')!;
      expect(intake.position.x * vp.zoom + vp.x, name).toBe(48);
    }
  });

  it('starts from the intake, centred on its height, when the workflow needs less than 40 % to be seen whole', () => {
    let wf = grid(30, 3);
    // The intake sits at the left, in the lower row: the view starts there, not at the middle of the grid.
    wf = addNode(wf, 'intake', { x: -300, y: 400 }).workflow;
    const vp = firstViewport(wf, canvasPane, fit);
    expect(vp.zoom).toBe(FIRST_VIEW_MIN_ZOOM);
    const intake = wf.nodes.at(-1)!;
    const screenX = intake.position.x * vp.zoom + vp.x;
    const screenY = (intake.position.y + estimatedSize(intake).height / 2) * vp.zoom + vp.y;
    expect(screenX).toBe(48);
    expect(screenY).toBeCloseTo(canvasPane.height / 2, 6);
  });
});
