import { describe, expect, it } from 'vitest';
import { addNode, connect, moveNodes, updateNode } from '../../../shared/model/edits/graph';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { updateConnection, addConnection } from '../../../shared/model/edits/connections';
import type { Workflow } from '../../../shared/model/schema';
import { createEdgeDeriver, createNodeDeriver } from '../../../renderer/src/canvas/derive';

function chain(n: number): Workflow {
  let wf = blankWorkflow('wf');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = addNode(wf, i === 0 ? 'intake' : 'ai', { x: i * 300, y: 0 });
    wf = r.workflow;
    ids.push(r.id);
  }
  for (let i = 1; i < n; i++) {
    const r = connect(wf, { source: ids[i - 1], sourceHandle: i === 1 ? 'out' : 'ok', target: ids[i] });
    if (!r.ok) throw new Error(r.reason);
    wf = r.workflow;
  }
  return wf;
}

const none = new Set<string>();
const noSizes = new Map<string, { width: number; height: number }>();

describe('React Flow node derivation', () => {
  it('keeps the objects of unchanged nodes when one node moves', () => {
    const derive = createNodeDeriver();
    const wf = chain(1000);
    const first = derive(wf, none, noSizes);
    const moved = moveNodes(wf, { n500: { x: 1, y: 2 } });
    const second = derive(moved, none, noSizes);
    const changed = second.filter((n, i) => n !== first[i]).map((n) => n.id);
    expect(changed).toEqual(['n500']);
    expect(second[499].position).toEqual({ x: 1, y: 2 });
  });

  it('returns the same array when nothing changed', () => {
    const derive = createNodeDeriver();
    const wf = chain(10);
    const a = derive(wf, none, noSizes);
    expect(derive(wf, none, noSizes)).toBe(a);
  });

  it('re-creates only the nodes whose selection or measured size changed', () => {
    const derive = createNodeDeriver();
    const wf = chain(5);
    const a = derive(wf, none, noSizes);
    const b = derive(wf, new Set(['n2']), new Map([['n4', { width: 240, height: 100 }]]));
    expect(b.map((n, i) => n !== a[i])).toEqual([false, true, false, true, false]);
    expect(b[1].selected).toBe(true);
    expect(b[3].measured).toEqual({ width: 240, height: 100 });
  });

  it('refreshes summaries when a connection is renamed', () => {
    let wf = blankWorkflow('wf');
    const c = addConnection(wf, 'helpdesk', 'Help desk');
    wf = c.workflow;
    const n = addNode(wf, 'integration', { x: 0, y: 0 });
    wf = updateNode(n.workflow, n.id, { config: { connection: c.id, action: 'tickets.read', inputs: {} } });
    const derive = createNodeDeriver();
    expect(derive(wf, none, noSizes)[0].data.summary).toContain('Help desk');
    const renamed = updateConnection(wf, c.id, { label: 'Zendesk' });
    expect(derive(renamed, none, noSizes)[0].data.summary).toContain('Zendesk');
  });
});

describe('React Flow edge derivation', () => {
  it('gives a link the tone of its output, and a label only while it is selected', () => {
    let wf = chain(3);
    const end = addNode(wf, 'end', { x: 0, y: 300 });
    const r = connect(end.workflow, { source: 'n2', sourceHandle: 'low_confidence', target: end.id });
    if (!r.ok) throw new Error(r.reason);
    wf = r.workflow;
    const derive = createEdgeDeriver();
    const edges = derive(wf, none);
    expect(edges.map((e) => e.label ?? null)).toEqual([null, null, null]);
    expect(edges.map((e) => e.className ?? null)).toEqual([null, null, 'edge-tone-warn']);
    const selected = derive(wf, new Set(edges.map((e) => e.id)));
    // The plain out/ok needs no words even when selected.
    expect(selected.map((e) => e.label ?? null)).toEqual([null, null, 'low confidence']);
    expect(selected[2].className).toBe('edge-tone-warn');
  });

  it('keeps unchanged edge objects across derivations', () => {
    const derive = createEdgeDeriver();
    const wf = chain(50);
    const a = derive(wf, none);
    const b = derive(moveNodes(wf, { n3: { x: 9, y: 9 } }), new Set(['e7']));
    expect(b.filter((e, i) => e !== a[i]).map((e) => e.id)).toEqual(['e7']);
  });
});
