// Answers the analysis reads without lists: the index's link counts equal the lengths of the lists it
// gives, and the loops found without a list per step are those a naive search finds (self-links included).
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../shared/model/schema';
import { buildWorkflowIndex, type WorkflowIndex } from '../../../shared/workflow-index/workflow-index';
import { playScript, scriptArb, startArb, startDocument } from '../analysis/edit-scripts';

const HANDLES = ['out', 'ok', 'error', 'low_confidence', 'approved', 'rejected', 'timeout', 'else', 'r1'];

/** The steps whose count differs from the list's length, as text; empty when all agree. */
function countMismatches(index: WorkflowIndex, wf: Workflow): string[] {
  const out: string[] = [];
  for (const id of [...new Set([...wf.nodes.map((n) => n.id), 'missing'])]) {
    if (index.outgoingCount(id) !== index.outgoing(id).length) out.push(`${id}: ${index.outgoingCount(id)} links, ${index.outgoing(id).length} listed`);
    for (const h of HANDLES) {
      if (index.outgoingCount(id, h) !== index.outgoingBy(id, h).length) out.push(`${id}/${h}: ${index.outgoingCount(id, h)}, ${index.outgoingBy(id, h).length} listed`);
    }
  }
  return out;
}

/** A small document from raw parts: repeated ids, links without a handle, to missing steps and to themselves. */
const rawDocArb = fc
  .record({
    ids: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 8 }),
    links: fc.array(
      fc.record({
        s: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'x'),
        t: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'x'),
        h: fc.option(fc.constantFrom('out', 'ok', 'approved', 'rejected'), { nil: undefined }),
      }),
      { maxLength: 14 },
    ),
  })
  .map(({ ids, links }) => ({
    version: 1,
    name: 'raw',
    nodes: ids.map((id, i) => ({ id, kind: (['intake', 'ai', 'approval', 'decision', 'end'] as const)[i % 5], label: id, position: { x: 0, y: 0 }, config: {} })),
    edges: links.map((l, k) => ({ id: `e${k}`, source: l.s, target: l.t, ...(l.h ? { sourceHandle: l.h } : {}) })),
    connections: [],
  }) as unknown as Workflow);

/** The loops by brute force: steps that reach each other, in groups of two or more or linked to themselves. */
function naiveLoops(wf: Workflow): string[][] {
  const first = new Map<string, number>();
  wf.nodes.forEach((n, i) => first.has(n.id) || first.set(n.id, i));
  const ids = [...first.keys()];
  const next = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const e of wf.edges) if (first.has(e.source) && first.has(e.target)) next.get(e.source)!.add(e.target);
  const reach = (from: string) => {
    const seen = new Set<string>();
    const stack = [...next.get(from)!];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...next.get(id)!);
    }
    return seen;
  };
  const reached = new Map(ids.map((id) => [id, reach(id)]));
  const groups: string[][] = [];
  const placed = new Set<string>();
  for (const id of ids) {
    if (placed.has(id) || !reached.get(id)!.has(id)) continue;
    const group = ids.filter((o) => o === id || (reached.get(id)!.has(o) && reached.get(o)!.has(id)));
    group.forEach((o) => placed.add(o));
    groups.push(group);
  }
  return groups;
}

describe('link counts and loops without lists', () => {
  it('counts the links of every step and handle as the lists do, on raw documents', () => {
    fc.assert(
      fc.property(rawDocArb, (wf) => {
        expect(countMismatches(buildWorkflowIndex(wf), wf)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('counts them as the lists do on indexes built from the previous version, after any sequence of edits', () => {
    fc.assert(
      fc.property(startArb, scriptArb, ([choice, seed], script) => {
        let previous: WorkflowIndex | undefined;
        const problem = playScript(startDocument(choice, seed), script, (wf, done) => {
          const index = buildWorkflowIndex(wf, previous);
          previous = index;
          const wrong = countMismatches(index, wf);
          return wrong.length ? `${done.join(' → ')}: ${wrong[0]}` : null;
        });
        if (problem) throw new Error(problem);
      }),
      { numRuns: 40 },
    );
  });

  it('finds the loops a brute-force search finds, steps linked to themselves included', () => {
    fc.assert(
      fc.property(rawDocArb, (wf) => {
        expect(buildWorkflowIndex(wf).cycles()).toEqual(naiveLoops(wf));
      }),
      { numRuns: 300 },
    );
  });
});
