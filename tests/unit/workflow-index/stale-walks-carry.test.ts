// After an edit of links only, the approval coverage keeps what the changed links play no part in
// (approval-coverage.ts carryWalks): who uses what, when the same steps lie after an approval, and each
// variable's walk that reaches none of the changed links' sources. These two edits must not keep them:
// a link leaving a step that writes after an approval (the walk starts there, though it never reaches
// it), and a link that brings new steps after an approval (new users, new writers).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { createIncrementalAnalyzer } from '../../../shared/analysis/incremental';
import { connect } from '../../../shared/model/edits/graph';
import type { Workflow } from '../../../shared/model/schema';
import { buildWorkflowIndex } from '../../../shared/workflow-index/workflow-index';
import { HELPDESK, ai, approval, decision, doc, end, intake, integration } from '../analysis/fixtures';

const reply = (id: string, action: string) => integration(id, 'helpdesk', action, { ticketId: '{{ticketId}}', body: '{{reply}}' });

/** An approved draft, then a decision: one way sends the reply, another redrafts it; `late` comments with the reply, reached only from a draft before any approval. */
const base = doc({
  connections: [HELPDESK],
  nodes: [
    intake('in', 'helpdesk', 'tickets.read', ['ticketId', 'body']),
    ai('draft', { task: 'draft', output: 'reply' }),
    approval('gate', { shows: ['reply'] }),
    decision('route', 'a', 'b', 'c'),
    reply('send', 'tickets.reply'),
    ai('redraft', { task: 'draft', output: 'reply' }),
    ai('side', { task: 'draft', output: 'reply' }),
    reply('late', 'tickets.comment'),
    end('done'),
  ],
  edges: ['in -> draft', 'draft.ok -> gate', 'gate.approved -> route', 'route.a -> send', 'route.b -> redraft', 'send.ok -> done', 'in -> side', 'side.ok -> late'],
});

function linked(wf: Workflow, source: string, sourceHandle: string, target: string): Workflow {
  const r = connect(wf, { source, sourceHandle, target });
  if (!r.ok) throw new Error(`cannot link ${source}.${sourceHandle} to ${target}`);
  return r.workflow;
}

/** The stale uses of the index built from the previous version's, and of one built afresh. */
function staleBothWays(before: Workflow, after: Workflow) {
  const previous = buildWorkflowIndex(before);
  expect(previous.coverage().stale.size).toBe(0);
  return { carried: [...buildWorkflowIndex(after, previous).coverage().stale], fresh: [...buildWorkflowIndex(after).coverage().stale] };
}

describe('the approval coverage after an edit of links only', () => {
  it('walks again from a step that writes after an approval when a link leaves it', () => {
    const after = linked(base, 'redraft', 'ok', 'send');
    const { carried, fresh } = staleBothWays(base, after);
    expect(fresh.map(([id, uses]) => [id, uses.map((u) => [u.variable, u.writerId, u.approvalId])])).toEqual([['send', [['reply', 'redraft', 'gate']]]]);
    expect(carried).toEqual(fresh);
  });

  it('reads again who uses what when a link brings steps after an approval', () => {
    const after = linked(base, 'route', 'c', 'side');
    const { carried, fresh } = staleBothWays(base, after);
    expect(fresh.map(([id]) => id)).toEqual(['late']);
    expect(carried).toEqual(fresh);
  });

  it('gives the incremental analysis the findings of a full one over both edits and back', () => {
    const analyzer = createIncrementalAnalyzer();
    analyzer.analyze(base);
    const first = linked(base, 'redraft', 'ok', 'send');
    const second = linked(first, 'route', 'c', 'side');
    for (const wf of [first, second, base, second]) {
      expect(analyzer.analyze(wf)).toEqual(analyze(wf));
    }
    expect(analyze(second).findings.filter((f) => f.ruleId === 'gate/stale-approval').map((f) => f.nodeId)).toEqual(['send', 'late']);
  });
});
