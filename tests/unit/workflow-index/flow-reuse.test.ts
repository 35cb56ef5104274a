// The variable flow and the approval coverage of an index built from the previous version's (kept
// when the edit leaves them as they were, built again otherwise) answer exactly as those of an index
// built afresh, and the incremental analysis equals a full one, after edits that touch the data flow
// (an AI step's output and task, an integration's inputs, an intake's fields, an approval's `shows`)
// mixed with edits that do not (a rename, a reviewer, a step added or deleted, a link).
import * as fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { createIncrementalAnalyzer } from '../../../shared/analysis/incremental';
import { addNode, connect, removeElements, updateNode } from '../../../shared/model/edits/graph';
import { setLabel } from '../../../shared/model/edits/node-config';
import type { Workflow, WorkflowNode } from '../../../shared/model/schema';
import { buildWorkflowIndex, type WorkflowIndex } from '../../../shared/workflow-index/workflow-index';
import { startArb, startDocument } from '../analysis/edit-scripts';
import { HELPDESK, ai, approval, doc, end, integration, intake } from '../analysis/fixtures';

/** Config patches by kind that change what a step writes or sends, or what an approval shows. */
const FLOW_PATCHES: Record<string, Record<string, unknown>[]> = {
  ai: [{ output: 'reply' }, { output: 'summary' }, { output: '' }, { task: 'draft' }, { task: 'classify' }, { task: 'summarize' }, { mode: 'act' }],
  integration: [{ inputs: { body: '{{reply}}' } }, { inputs: { body: '{{summary}} {{customer.name}}' } }, { inputs: {} }, { connection: 'helpdesk', action: 'tickets.reply' }],
  intake: [{ fields: ['subject', 'body'] }, { fields: ['reply'] }, { fields: [] }],
  approval: [{ shows: ['reply'] }, { shows: [] }, { shows: undefined }, { reviewer: 'Lead' }],
  escalation: [{ team: '' }, { team: 'Billing' }, { reason: 'Refund' }],
};

type Edit = (wf: Workflow, a: number, b: number) => Workflow;
const nodeAt = (wf: Workflow, a: number): WorkflowNode | undefined => wf.nodes[a % Math.max(1, wf.nodes.length)];

/** An edit that patches a step's config with one of the patches listed for its kind. */
const patchWith =
  (table: Record<string, Record<string, unknown>[]>): Edit =>
  (wf, a, b) => {
    const n = nodeAt(wf, a);
    const patches = n && table[n.kind];
    if (!n || !patches) return wf;
    return updateNode(wf, n.id, { config: { ...(n.config as Record<string, unknown>), ...patches[b % patches.length] } as WorkflowNode['config'] });
  };

const EDITS: Record<string, Edit> = {
  patch: patchWith(FLOW_PATCHES),
  samePatch: (wf, a) => {
    // A new config object with the same settings: the flow stays, though the step object changed.
    const n = nodeAt(wf, a);
    return n ? updateNode(wf, n.id, { config: { ...(n.config as Record<string, unknown>) } as WorkflowNode['config'] }) : wf;
  },
  rename: (wf, a, b) => {
    const n = nodeAt(wf, a);
    return n ? setLabel(wf, n.id, `Step ${b}`) : wf;
  },
  addStep: (wf, a) => addNode(wf, (['end', 'decision', 'approval', 'ai', 'intake'] as const)[a % 5], { x: a, y: -300 }).workflow,
  deleteStep: (wf, a) => {
    const n = nodeAt(wf, a);
    return n ? removeElements(wf, [n.id]) : wf;
  },
  unlink: (wf, a) => (wf.edges.length ? removeElements(wf, [], [wf.edges[a % wf.edges.length].id]) : wf),
  link: (wf, a, b) => {
    const s = nodeAt(wf, a);
    const t = nodeAt(wf, b);
    if (!s || !t) return wf;
    const handle = s.kind === 'approval' ? 'approved' : s.kind === 'integration' || s.kind === 'ai' ? 'ok' : 'out';
    const r = connect(wf, { source: s.id, sourceHandle: handle, target: t.id });
    return r.ok ? r.workflow : wf;
  },
};
const NAMES = Object.keys(EDITS);

/** What the variable flow and the coverage answer, as plain data. */
function flowAnswers(index: WorkflowIndex, wf: Workflow) {
  const flow = index.variables();
  const coverage = index.coverage();
  const names = new Set<string>(['reply', 'summary', 'result', 'subject', 'body', 'reviewNote']);
  const ids = [...new Set(wf.nodes.map((n) => n.id))];
  const perStep = ids.map((id) => {
    const w = flow.writes(id);
    for (const v of w.names) names.add(v);
    return {
      id,
      writes: [[...w.names], w.any],
      before: [...flow.writesBeforeSending(id)],
      uses: [...flow.uses(id)],
      sends: flow.sends(id),
      sent: flow.sentVariables(id),
      covered: coverage.covered(id),
      shows: coverage.shows(id),
      defaultShows: coverage.defaultShows(id),
      unshown: coverage.unshown(id),
    };
  });
  return { perStep, stale: [...coverage.stale], writers: [...names].map((v) => flow.writersOf(v)) };
}

const scriptArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 });

describe('the variable flow and the approval coverage across versions', () => {
  it('answer as built afresh, and the incremental analysis as a full one, after edits touching the data flow', () => {
    let kept = 0;
    fc.assert(
      fc.property(startArb, scriptArb, ([choice, seed], script) => {
        let wf = startDocument(choice, seed);
        let previous = buildWorkflowIndex(wf);
        flowAnswers(previous, wf);
        const analyzer = createIncrementalAnalyzer();
        analyzer.analyze(wf);
        const done = ['open'];
        for (const [e, a, b] of script) {
          const name = NAMES[e % NAMES.length];
          wf = EDITS[name](wf, a, b);
          done.push(name);
          const index = buildWorkflowIndex(wf, previous);
          // Asked in turn on one version and skipped on the next, so that versions keep what was never built too.
          if (done.length % 3) {
            const before = previous.coverage();
            const got = flowAnswers(index, wf);
            if (index.coverage().stale === before.stale) kept++;
            if (!isDeepStrictEqual(got, flowAnswers(buildWorkflowIndex(wf), wf))) throw new Error(`the flow differs after ${done.join(' → ')}`);
          }
          previous = index;
          if (!isDeepStrictEqual(analyzer.analyze(wf), analyze(wf))) throw new Error(`the analysis differs after ${done.join(' → ')}`);
        }
      }),
      { numRuns: 60 },
    );
    // Some versions kept the previous coverage, or the test would not reach the reuse.
    expect(kept).toBeGreaterThan(0);
  });

  it('answer as built afresh on an earlier version after later versions took its work over', () => {
    // A version built from the previous one takes over what that one had worked out (the resolved sends,
    // what each approval covers and does not show) instead of copying it; the earlier version, if asked
    // again (an undo, a report of an older document), works its answers out anew.
    fc.assert(
      fc.property(startArb, scriptArb, ([choice, seed], script) => {
        let wf = startDocument(choice, seed);
        const versions: { index: WorkflowIndex; wf: Workflow }[] = [{ index: buildWorkflowIndex(wf), wf }];
        flowAnswers(versions[0].index, wf);
        for (const [e, a, b] of script) {
          wf = EDITS[NAMES[e % NAMES.length]](wf, a, b);
          const index = buildWorkflowIndex(wf, versions[versions.length - 1].index);
          flowAnswers(index, wf);
          versions.push({ index, wf });
        }
        versions.forEach(({ index, wf: version }, k) => {
          if (!isDeepStrictEqual(flowAnswers(index, version), flowAnswers(buildWorkflowIndex(version), version))) throw new Error(`version ${k} answers differently once later versions were built`);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('answer as built afresh after deleting the last step that drafts a variable another step still writes', () => {
    // The intake and a drafting AI step both write "reply"; reviewers may edit every drafted output. With
    // the AI step gone, "reply" is no longer a draft: the reviewers stop writing it, though the intake
    // still does. Deleting a step keeps the flow only when neither happens (variable-flow.ts).
    const wf = doc({
      connections: [HELPDESK],
      nodes: [
        intake('in', 'helpdesk', 'tickets.read', ['ticketId', 'reply']),
        ai('write', { task: 'draft', output: 'reply' }),
        approval('gate', { shows: ['reply'] }),
        approval('second', { shows: [] }),
        integration('send', 'helpdesk', 'tickets.reply', { ticketId: '{{ticketId}}', body: '{{reply}}' }),
        end('done'),
      ],
      edges: ['in -> write', 'write.ok -> gate', 'gate.approved -> second', 'second.approved -> send', 'send.ok -> done'],
    });
    const previous = buildWorkflowIndex(wf);
    flowAnswers(previous, wf);
    const analyzer = createIncrementalAnalyzer();
    analyzer.analyze(wf);
    const without = removeElements(wf, ['write']);
    expect(flowAnswers(buildWorkflowIndex(without, previous), without)).toEqual(flowAnswers(buildWorkflowIndex(without), without));
    expect(analyzer.analyze(without)).toEqual(analyze(without));
  });

  it('answer as built afresh, and the analysis as a full one, after steps turn sensitive or stop being so', () => {
    // The links stay: only the approvals whose region holds such a step cover other steps, and the walks
    // over the links are kept (workflow-index.ts: approvalsAbove).
    const TURNS: Record<string, Record<string, unknown>[]> = {
      ai: [{ mode: 'act', tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] }, { mode: 'suggest' }, { mode: 'act' }],
      integration: [{ connection: 'helpdesk', action: 'tickets.reply' }, { connection: 'helpdesk', action: 'tickets.nope' }, { connection: 'email', action: 'email.send_internal' }],
      escalation: [{ connection: 'chat', action: 'chat.messages.post' }, { connection: '', action: '' }],
    };
    const turn = patchWith(TURNS);
    fc.assert(
      fc.property(startArb, scriptArb, ([choice, seed], script) => {
        let wf = startDocument(choice, seed);
        let previous = buildWorkflowIndex(wf);
        flowAnswers(previous, wf);
        const analyzer = createIncrementalAnalyzer();
        analyzer.analyze(wf);
        const done = ['open'];
        for (const [e, a, b] of script) {
          const name = e % 4 ? 'turn' : 'rename';
          wf = name === 'turn' ? turn(wf, a, b) : EDITS.rename(wf, a, b);
          done.push(name);
          const index = buildWorkflowIndex(wf, previous);
          if (!isDeepStrictEqual(flowAnswers(index, wf), flowAnswers(buildWorkflowIndex(wf), wf))) throw new Error(`the flow differs after ${done.join(' → ')}`);
          previous = index;
          if (!isDeepStrictEqual(analyzer.analyze(wf), analyze(wf))) throw new Error(`the analysis differs after ${done.join(' → ')}`);
        }
      }),
      { numRuns: 60 },
    );
  });
});
