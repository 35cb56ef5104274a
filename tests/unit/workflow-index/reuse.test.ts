// The workflow index built from the previous version's (buildWorkflowIndex(wf, previous)) says exactly
// what one built afresh says, after any sequence of edits (tests/unit/analysis/edit-scripts.ts): every
// field every consumer reads — analysis, readiness, the report, the quick fixes, the simulator.
import * as fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NODE_KINDS, type Workflow } from '../../../shared/model/schema';
import { analyze } from '../../../shared/analysis/analyze';
import { createIncrementalAnalyzer } from '../../../shared/analysis/incremental';
import { buildWorkflowIndex, indexChanges, type WorkflowIndex } from '../../../shared/workflow-index/workflow-index';
import { playScript, scriptArb, startArb, startDocument, TEMPLATES } from '../analysis/edit-scripts';
import { removeElements } from '../../../shared/model/edits/graph';

const HANDLES = ['out', 'ok', 'error', 'low_confidence', 'approved', 'rejected', 'timeout', 'else'];

/** Everything the index answers, as plain data. */
function answers(index: WorkflowIndex, wf: Workflow) {
  const ids = [...new Set([...wf.nodes.map((n) => n.id), 'missing'])];
  return {
    nodes: index.nodes,
    nodeById: [...index.nodeById],
    size: index.nodeById.size,
    connections: index.connections,
    connectionById: [...index.connectionById],
    intakes: index.intakes,
    edges: index.edges,
    perStep: ids.map((id) => ({
      id,
      node: index.nodeById.get(id),
      has: index.nodeById.has(id),
      outgoing: index.outgoing(id),
      incoming: index.incoming(id),
      byHandle: HANDLES.map((h) => index.outgoingBy(id, h)),
      requirements: index.requirements.get(id),
      reachable: index.reachable.has(id),
      ungated: index.ungated.get(id),
      data: [...index.dataInto(id)],
    })),
    requirements: [...index.requirements],
    requirementsSize: index.requirements.size,
    allRequirements: index.allRequirements(),
    scopesUsed: [...index.scopesUsed()].map(([c, s]) => [c, [...s]]),
    reachable: [...index.reachable],
    reachableSize: index.reachable.size,
    ungated: [...index.ungated],
    ungatedSize: index.ungated.size,
    cycles: index.cycles(),
    ofKind: NODE_KINDS.map((k) => index.ofKind(k)),
    uniqueIds: index.uniqueIds,
  };
}

describe('the workflow index built from the previous version', () => {
  it('answers exactly as one built afresh, after any sequence of edits', () => {
    let reused = 0;
    let versions = 0;
    fc.assert(
      fc.property(startArb, scriptArb, ([choice, seed], script) => {
        let previous: WorkflowIndex | undefined;
        const problem = playScript(startDocument(choice, seed), script, (wf, done) => {
          const index = buildWorkflowIndex(wf, previous);
          versions++;
          if (indexChanges(index)) reused++;
          // Asked in a different order on every other version, so that lazy parts are computed both ways.
          const got = done.length % 2 ? answers(index, wf) : (index.cycles(), index.dataInto(wf.nodes[0]?.id ?? ''), answers(index, wf));
          previous = index;
          return isDeepStrictEqual(got, answers(buildWorkflowIndex(wf), wf)) ? null : done.join(' → ');
        });
        if (problem) throw new Error(`differs after ${problem}`);
      }),
      { numRuns: 80 },
    );
    // Most versions were built from the previous one, or the test would prove little (a share, not a
    // count: how many versions the random scripts make varies from run to run).
    expect(reused / versions).toBeGreaterThan(0.5);
  });

  it('keeps the loops after links that close none, and finds the loops a link closes (the analysis equal too)', () => {
    // Links added by hand at the end of the list (as connecting does) and removed anywhere, between any
    // two steps: most close no loop, some do, some join or split one. The loops are asked on every
    // version, so each is built from the previous version's loops whenever it may keep them.
    let kept = 0;
    fc.assert(
      fc.property(fc.nat(TEMPLATES.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(9)), { minLength: 1, maxLength: 14 }), (t, steps) => {
        let wf = TEMPLATES[t];
        let index = buildWorkflowIndex(wf);
        index.cycles();
        const analyzer = createIncrementalAnalyzer();
        analyzer.analyze(wf);
        steps.forEach(([a, b, how], k) => {
          if (how < 3 && wf.edges.length) wf = removeElements(wf, [], [wf.edges[a % wf.edges.length].id]);
          else {
            const source = wf.nodes[a % wf.nodes.length];
            const target = wf.nodes[b % wf.nodes.length];
            wf = { ...wf, edges: [...wf.edges, { id: `hand-${k}`, source: source.id, sourceHandle: HANDLES[how % HANDLES.length], target: target.id }] };
          }
          const next = buildWorkflowIndex(wf, index);
          const before = index.cycles();
          const loops = next.cycles();
          if (indexChanges(next) && loops.length && isDeepStrictEqual(loops, before)) kept++;
          expect(loops).toEqual(buildWorkflowIndex(wf).cycles());
          expect(analyzer.analyze(wf)).toEqual(analyze(wf));
          index = next;
        });
      }),
      { numRuns: 60 },
    );
    expect(kept).toBeGreaterThan(10);
  });

  it('leaves the previous index as it was', () => {
    const wf = TEMPLATES[0];
    const before = buildWorkflowIndex(wf);
    const snapshot = answers(before, wf);
    const edited = removeElements(wf, [wf.nodes[3].id]);
    const after = buildWorkflowIndex(edited, before);
    expect(indexChanges(after)?.removed).toEqual([3]);
    expect(answers(before, wf)).toEqual(snapshot);
  });
});
