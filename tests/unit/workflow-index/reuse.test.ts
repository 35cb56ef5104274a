// The workflow index built from the previous version's (buildWorkflowIndex(wf, previous)) says exactly
// what one built afresh says, after any sequence of edits (tests/unit/analysis/edit-scripts.ts): every
// field every consumer reads — analysis, readiness, the report, the quick fixes, the simulator.
import * as fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../shared/model/schema';
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
    allRequirements: index.allRequirements,
    scopesUsed: [...index.scopesUsed].map(([c, s]) => [c, [...s]]),
    reachable: [...index.reachable],
    reachableSize: index.reachable.size,
    ungated: [...index.ungated],
    ungatedSize: index.ungated.size,
    cycles: index.cycles(),
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
