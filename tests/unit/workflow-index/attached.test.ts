// What the index keeps with the objects it makes (attached.ts), and the shape of the index itself: both
// are there so that an index, once an analysis is done with it, is garbage to V8's young collector too
// (docs/PERFORMANCE.md, "Young collections copied earlier analyses").
import { describe, expect, it } from 'vitest';
import { attached } from '../../../shared/workflow-index/attached';
import { buildWorkflowIndex, indexChanges, stepCursor } from '../../../shared/workflow-index/workflow-index';
import { updateNode } from '../../../shared/model/edits/graph';
import { TEMPLATES } from '../analysis/edit-scripts';

describe('attached', () => {
  it('keeps a value with its owner, apart for each attachment', () => {
    const a = attached<object, number>('a');
    const b = attached<object, number>('b');
    const owner = {};
    expect(a.get(owner)).toBeUndefined();
    a.set(owner, 1);
    b.set(owner, 2);
    a.set(owner, 3);
    expect(a.get(owner)).toBe(3);
    expect(b.get(owner)).toBe(2);
    expect(a.get({})).toBeUndefined();
  });

  it('is invisible to keys, JSON and copies, as an entry of a WeakMap was', () => {
    const a = attached<{ x: number }, string>('a');
    const owner = { x: 1 };
    a.set(owner, 'kept');
    expect(Object.keys(owner)).toEqual(['x']);
    expect(JSON.stringify(owner)).toBe('{"x":1}');
    expect(owner).toEqual({ x: 1 });
    expect(a.get({ ...owner })).toBeUndefined();
    expect(a.get(Object.assign({}, owner))).toBeUndefined();
  });
});

describe('the workflow index object', () => {
  const wf = TEMPLATES[0]; // the support ticket triage

  it('has data properties only: a getter would give each index a hidden class of its own', () => {
    const index = buildWorkflowIndex(wf);
    const accessors = Object.entries(Object.getOwnPropertyDescriptors(index))
      .filter(([, d]) => d.get || d.set)
      .map(([name]) => name);
    expect(accessors).toEqual([]);
  });

  it('finds its internals on the index it made, and not on a copy of it', () => {
    const index = buildWorkflowIndex(wf);
    expect(stepCursor(index)).not.toBeNull();
    expect(stepCursor({ ...index })).toBeNull();
    const step = wf.nodes.find((n) => n.kind === 'escalation')!;
    const next = buildWorkflowIndex(updateNode(wf, step.id, { label: 'Renamed' }), index);
    expect(indexChanges(next)).not.toBeNull();
    // From a copy, the previous version's internals are not found: the index is built afresh.
    expect(indexChanges(buildWorkflowIndex(updateNode(wf, step.id, { label: 'Renamed' }), { ...index }))).toBeNull();
  });
});
