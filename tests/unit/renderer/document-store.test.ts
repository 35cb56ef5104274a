import { describe, expect, it } from 'vitest';
import { addNode, connect, moveNodes, updateNode } from '../../../shared/model/edits/graph';
import { blankWorkflow, setProperties } from '../../../shared/model/edits/workflow';
import { createDocumentStore, HISTORY_LIMIT } from '../../../renderer/src/store/document';

function setup() {
  let t = 1_000_000;
  const clock = { now: () => t, advance: (ms: number) => (t += ms) };
  const doc = createDocumentStore(clock.now);
  doc.load(blankWorkflow('wf-1'));
  return { doc, clock };
}

describe('document store history', () => {
  it('undoes and redoes adding a node and connecting two nodes', () => {
    const { doc } = setup();
    const a = addNode(doc.workflow!, 'intake', { x: 0, y: 0 });
    doc.commit(a.workflow);
    const b = addNode(doc.workflow!, 'end', { x: 300, y: 0 });
    doc.commit(b.workflow);
    const linked = connect(doc.workflow!, { source: a.id, sourceHandle: 'out', target: b.id });
    if (!linked.ok) throw new Error(linked.reason);
    doc.commit(linked.workflow);
    expect(doc.workflow!.edges).toHaveLength(1);

    doc.undo();
    expect(doc.workflow!.edges).toHaveLength(0);
    expect(doc.workflow!.nodes).toHaveLength(2);
    doc.undo();
    expect(doc.workflow!.nodes.map((n) => n.id)).toEqual([a.id]);
    doc.redo();
    doc.redo();
    expect(doc.workflow!.edges.map((e) => [e.source, e.target])).toEqual([[a.id, b.id]]);
    expect(doc.canRedo()).toBe(false);
  });

  it('undoes an inspector edit and drops the redo branch after a new edit', () => {
    const { doc } = setup();
    const a = addNode(doc.workflow!, 'ai', { x: 0, y: 0 });
    doc.commit(a.workflow);
    doc.commit(updateNode(doc.workflow!, a.id, { label: 'Classify' }));
    doc.undo();
    expect(doc.workflow!.nodes[0].label).toBe('AI step');
    expect(doc.canRedo()).toBe(true);
    doc.commit(updateNode(doc.workflow!, a.id, { label: 'Draft' }));
    expect(doc.canRedo()).toBe(false);
  });

  it('merges typing with the same coalesce key into one undo step', () => {
    const { doc, clock } = setup();
    for (const name of ['S', 'Su', 'Sup', 'Supp']) {
      doc.commit(setProperties(doc.workflow!, { name }), 'props.name');
      clock.advance(300);
    }
    expect(doc.workflow!.name).toBe('Supp');
    expect(doc.history.getState().pastStates).toHaveLength(1);
    doc.undo();
    expect(doc.workflow!.name).toBe('Untitled workflow');
  });

  it('starts a new step after a pause, a different key, or an undo', () => {
    const { doc, clock } = setup();
    doc.commit(setProperties(doc.workflow!, { name: 'A' }), 'props.name');
    clock.advance(1500);
    doc.commit(setProperties(doc.workflow!, { name: 'AB' }), 'props.name');
    clock.advance(100);
    doc.commit(setProperties(doc.workflow!, { owner: 'X' }), 'props.owner');
    expect(doc.history.getState().pastStates).toHaveLength(3);
    doc.undo();
    clock.advance(100);
    doc.commit(setProperties(doc.workflow!, { owner: 'Y' }), 'props.owner');
    expect(doc.history.getState().pastStates).toHaveLength(3);
  });

  it('records a whole drag as one undo step back to the pre-drag position', () => {
    const { doc } = setup();
    const a = addNode(doc.workflow!, 'intake', { x: 10, y: 20 });
    doc.commit(a.workflow);
    const before = doc.history.getState().pastStates.length;
    doc.beginDrag();
    for (let i = 1; i <= 25; i++) doc.dragTo((wf) => moveNodes(wf, { [a.id]: { x: 10 + i * 4, y: 20 + i } }));
    doc.endDrag();
    expect(doc.workflow!.nodes[0].position).toEqual({ x: 110, y: 45 });
    expect(doc.history.getState().pastStates.length).toBe(before + 1);
    doc.undo();
    expect(doc.workflow!.nodes[0].position).toEqual({ x: 10, y: 20 });
    doc.redo();
    expect(doc.workflow!.nodes[0].position).toEqual({ x: 110, y: 45 });
  });

  it('records nothing for a drag that did not move anything', () => {
    const { doc } = setup();
    doc.commit(addNode(doc.workflow!, 'intake', { x: 0, y: 0 }).workflow);
    const before = doc.history.getState().pastStates.length;
    doc.beginDrag();
    doc.endDrag();
    expect(doc.history.getState().pastStates.length).toBe(before);
    expect(doc.history.getState().isTracking).toBe(true);
  });

  it('keeps at most HISTORY_LIMIT steps, drags included', () => {
    const { doc } = setup();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) doc.commit(setProperties(doc.workflow!, { name: `v${i}` }));
    expect(doc.history.getState().pastStates).toHaveLength(HISTORY_LIMIT);
    doc.commit(addNode(doc.workflow!, 'end', { x: 0, y: 0 }).workflow);
    doc.beginDrag();
    doc.dragTo((wf) => moveNodes(wf, { [wf.nodes[0].id]: { x: 5, y: 5 } }));
    doc.endDrag();
    expect(doc.history.getState().pastStates).toHaveLength(HISTORY_LIMIT);
  });

  it('starts a fresh history when another document is loaded', () => {
    const { doc } = setup();
    doc.commit(setProperties(doc.workflow!, { name: 'changed' }));
    doc.load(blankWorkflow('wf-2'));
    expect(doc.canUndo()).toBe(false);
    doc.undo();
    expect(doc.workflow!.id).toBe('wf-2');
  });
});

describe('settled document', () => {
  it('stays at the pre-drag version during a drag and follows every other change', () => {
    const { doc } = setup();
    doc.commit(addNode(doc.workflow!, 'intake', { x: 0, y: 0 }).workflow);
    expect(doc.store.getState().settled).toBe(doc.workflow);
    const before = doc.workflow;
    doc.beginDrag();
    doc.dragTo((wf) => moveNodes(wf, { n1: { x: 50, y: 0 } }));
    expect(doc.store.getState().settled).toBe(before);
    doc.endDrag();
    expect(doc.store.getState().settled).toBe(doc.workflow);
    doc.undo();
    expect(doc.store.getState().settled).toBe(before);
    expect(doc.history.getState().pastStates.every((p) => Object.keys(p).join() === 'workflow')).toBe(true);
  });
});
