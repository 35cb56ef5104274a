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

  it('is kept on its owner, not enumerable, so that copies and comparisons do not see it', () => {
    const a = attached<{ x: number }, string>('a');
    const owner = { x: 1 };
    a.set(owner, 'kept');
    // On the owner itself (a WeakMap's entry is what the young collector kept alive).
    const symbols = Object.getOwnPropertySymbols(owner);
    expect(symbols).toHaveLength(1);
    expect(Object.getOwnPropertyDescriptor(owner, symbols[0])).toMatchObject({ value: 'kept', enumerable: false, writable: true });
    expect(owner).toEqual({ x: 1 });
    expect(a.get({ ...owner })).toBeUndefined();
    expect(a.get(Object.assign({}, owner))).toBeUndefined();
  });
});

describe('the workflow index object', () => {
  const wf = TEMPLATES[0]; // the support ticket triage

  it('has data properties only: a getter would make each index a dictionary, kept through young collections', () => {
    const index = buildWorkflowIndex(wf);
    const accessors = Object.entries(Object.getOwnPropertyDescriptors(index))
      .filter(([, d]) => d.get || d.set)
      .map(([name]) => name);
    expect(accessors).toEqual([]);
  });

  it('keeps its internals, the core of its coverage and the answers of its flow on them, not in WeakMaps', () => {
    const index = buildWorkflowIndex(wf);
    for (const owner of [index, index.coverage(), index.variables()]) {
      const symbols = Object.getOwnPropertySymbols(owner);
      expect(symbols.length).toBeGreaterThan(0);
      for (const s of symbols) expect(Object.getOwnPropertyDescriptor(owner, s)!.enumerable).toBe(false);
    }
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
