import { describe, expect, it } from 'vitest';
import { addNode, updateNode } from '../../../shared/model/edits/graph';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import type { Workflow } from '../../../shared/model/schema';
import { drawOrder, estimatedBounds, estimatedSize, READABLE_ZOOM, startViewport, visibleRect } from '../../../renderer/src/canvas/firstView';
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

describe('the order a large workflow is drawn in', () => {
  const pane = { width: 1000, height: 600 };

  it('draws the steps in view first and every other step after, nearest first', () => {
    const wf = grid(20, 20);
    const vp = { x: 0, y: 0, zoom: 1 };
    const { first, rest } = drawOrder(wf, vp, pane);
    expect(first.length + rest.length).toBe(400);
    expect(new Set([...first, ...rest]).size).toBe(400);
    const rect = visibleRect(vp, pane, 120);
    const byId = new Map(wf.nodes.map((n) => [n.id, n]));
    for (const id of first) {
      const { x, y } = byId.get(id)!.position;
      expect(x < rect.x + rect.width && y < rect.y + rect.height, id).toBe(true);
    }
    // The steps at the top-left are in view; those far away come last.
    expect(first).toContain(wf.nodes[0].id);
    expect(first.length).toBeLessThan(40);
    const distance = (id: string) => Math.hypot(byId.get(id)!.position.x, byId.get(id)!.position.y);
    expect(distance(rest[0])).toBeLessThan(distance(rest[rest.length - 1]));
  });

  it('follows the zoom: zoomed out, more steps are in view', () => {
    const wf = grid(20, 20);
    const near = drawOrder(wf, { x: 0, y: 0, zoom: 1 }, pane).first.length;
    const far = drawOrder(wf, { x: 0, y: 0, zoom: 0.25 }, pane).first.length;
    expect(far).toBeGreaterThan(near);
  });

  it('starts a workflow too large to show whole at its left end, at a readable zoom', () => {
    const wf = generateWorkflow({ nodes: 1000, variant: 'clean', seed: 1 });
    const bounds = estimatedBounds(wf);
    const vp = startViewport(bounds, pane);
    expect(vp.zoom).toBe(READABLE_ZOOM);
    const view = visibleRect(vp, pane);
    expect(view.x).toBeLessThan(bounds.x);
    expect(view.x + view.width).toBeGreaterThan(bounds.x);
    const intakes = wf.nodes.filter((n) => n.kind === 'intake');
    const { first } = drawOrder(wf, vp, pane);
    // Some intake is in the first view, and the first view is a small part of the thousand steps.
    expect(intakes.some((n) => first.includes(n.id))).toBe(true);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(200);
  });
});
