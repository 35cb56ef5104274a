// The pieces of virtualised drawing that can be checked without a browser: which look a zoom calls
// for, the size and handles a step is given before it is drawn, and which nodes carry them.
// tests/e2e/large-canvas.e2e.ts checks them against the steps as drawn.
import { describe, expect, it } from 'vitest';
import { addNode, updateNode } from '../../../shared/model/edits/graph';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { createNodeDeriver } from '../../../renderer/src/canvas/derive';
import { labelLines, stepGeometry, STEP_WIDTH } from '../../../renderer/src/canvas/geometry';
import { detailAt, SIMPLE_BELOW, TINY_BELOW } from '../../../renderer/src/canvas/StepBox';

describe('the look a zoom calls for', () => {
  it('is the full step at a readable zoom, a box below SIMPLE_BELOW and a bare box below TINY_BELOW', () => {
    expect(TINY_BELOW).toBeLessThan(SIMPLE_BELOW);
    expect(detailAt(1)).toBe('full');
    expect(detailAt(SIMPLE_BELOW)).toBe('full');
    expect(detailAt(SIMPLE_BELOW - 0.01)).toBe('box');
    expect(detailAt(TINY_BELOW)).toBe('box');
    expect(detailAt(TINY_BELOW - 0.01)).toBe('tiny');
    expect(detailAt(0.1)).toBe('tiny');
  });
});

describe('the size and handles of a step before it is drawn', () => {
  let wf = blankWorkflow('wf');
  wf = addNode(wf, 'intake', { x: 0, y: 0 }).workflow;
  wf = addNode(wf, 'ai', { x: 300, y: 0 }).workflow;
  wf = addNode(wf, 'end', { x: 600, y: 0 }).workflow;
  const [intake, ai, end] = wf.nodes;

  it('has an input handle only where the kind accepts input, and one output handle per output, 20 px apart', () => {
    const g = stepGeometry(ai);
    expect(g.width).toBe(STEP_WIDTH);
    const inputs = g.handles.filter((h) => h.type === 'target');
    const outputs = g.handles.filter((h) => h.type === 'source');
    expect(inputs).toHaveLength(1);
    expect(outputs.map((h) => h.id)).toEqual(['ok', 'low_confidence', 'error']);
    expect(outputs[1].y - outputs[0].y).toBe(20);
    expect(outputs[2].y - outputs[1].y).toBe(20);
    // Output handles sit on the right edge, the input on the left.
    expect(outputs.every((h) => h.x + (h.width ?? 0) / 2 === STEP_WIDTH)).toBe(true);
    expect(inputs[0].x + (inputs[0].width ?? 0) / 2).toBe(0);
    expect(stepGeometry(intake).handles.filter((h) => h.type === 'target')).toHaveLength(0);
    expect(stepGeometry(end).handles.filter((h) => h.type === 'source')).toHaveLength(0);
  });

  it('grows by one label line when the label wraps, moving the output handles down with it', () => {
    const short = stepGeometry(ai);
    const longNode = updateNode(wf, ai.id, { label: 'Classify the ticket, draft a first reply and check its tone twice' }).nodes[1];
    const long = stepGeometry(longNode);
    expect(long.height).toBeGreaterThan(short.height);
    const shift = long.height - short.height;
    const out = (g: typeof long) => g.handles.filter((h) => h.type === 'source').map((h) => h.y);
    expect(out(long).map((y, i) => Math.round(y - out(short)[i]))).toEqual([shift, shift, shift]);
  });

  it('counts label lines by measured word widths, breaking a word too long for a line', () => {
    const measure = (text: string) => text.length * 10; // 10 px a character; a line holds 216 px
    expect(labelLines('short label', measure)).toBe(1);
    expect(labelLines('twenty one characters twenty one', measure)).toBe(2);
    expect(labelLines('x'.repeat(30), measure)).toBe(2);
    expect(labelLines('', measure)).toBe(1);
  });
});

describe('nodes of a large workflow', () => {
  let wf = blankWorkflow('wf');
  wf = addNode(wf, 'intake', { x: 0, y: 0 }).workflow;
  wf = addNode(wf, 'ai', { x: 300, y: 0 }).workflow;
  const none = new Set<string>();

  it('carry the expected size and handles until React Flow measured them, then only the measurement', () => {
    const derive = createNodeDeriver();
    const sizes = new Map([[wf.nodes[0].id, { width: 240, height: 104 }]]);
    const [measured, unmeasured] = derive(wf, none, sizes, undefined, true);
    expect(measured.measured).toEqual({ width: 240, height: 104 });
    expect(measured.initialWidth).toBeUndefined();
    expect(measured.handles).toBeUndefined();
    const g = stepGeometry(wf.nodes[1]);
    expect(unmeasured).toMatchObject({ initialWidth: g.width, initialHeight: g.height, handles: g.handles });
    expect(unmeasured.measured).toBeUndefined();
  });

  it('of a small workflow carry no estimate: React Flow measures every step it draws', () => {
    const [a, b] = createNodeDeriver()(wf, none, new Map());
    expect(a.initialWidth ?? a.handles).toBeUndefined();
    expect(b.initialWidth ?? b.handles).toBeUndefined();
  });

  it('keep their objects when nothing about them changed', () => {
    const derive = createNodeDeriver();
    const first = derive(wf, none, new Map(), undefined, true);
    const again = derive({ ...wf }, none, new Map(), undefined, true);
    expect(again[1]).toBe(first[1]);
  });
});
