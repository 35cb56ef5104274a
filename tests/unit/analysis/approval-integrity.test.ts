// An approval covers what was approved: gate/stale-approval (content changed after the approval) and
// gate/blind-approval (content the reviewer is not shown), their quick fixes, the data flow of the
// workflow index they stand on, and the `shows` default the loader fills in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { fixesFor } from '../../../shared/analysis/fixes';
import blindApproval from '../../../shared/analysis/rules/gate/blind-approval';
import staleApproval from '../../../shared/analysis/rules/gate/stale-approval';
import type { Finding } from '../../../shared/analysis/types';
import { setShows, showAlso, stopShowing } from '../../../shared/model/edits/approval-shows';
import { loadWorkflow, serializeWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { buildWorkflowIndex } from '../../../shared/workflow-index/workflow-index';
import { HELPDESK, ai, approval, conn, decision, doc, end, escalation, integration, intake } from './fixtures';
import { ruleTester } from './rule-tester';

type Spec = ReturnType<typeof integration>;
const send = (id: string, inputs: Record<string, string>, action = 'tickets.reply'): Spec => integration(id, 'helpdesk', action, inputs);
const draft = (id: string, output = 'reply') => ai(id, { task: 'draft', output });
const BODY = { ticketId: '{{ticketId}}', body: '{{reply}}' };
const ticketIntake = () => intake('in', 'helpdesk', 'tickets.read', ['ticketId', 'subject', 'body']);

/** intake → draft → gate → … → send → end, with the steps and edges in between given. */
const flow = (middle: Spec[], edges: string[], gateConfig: Record<string, unknown> = {}) =>
  doc({
    connections: [HELPDESK],
    nodes: [ticketIntake(), draft('draft'), approval('gate', gateConfig), ...middle, send('send', BODY), end('done')],
    edges: ['in -> draft', 'draft.ok -> gate', ...edges, 'send.ok -> done'],
  });

const redraft = () => loadWorkflow(readFileSync(join(import.meta.dirname, '../../fixtures/redraft-after-approval.flowgate.json'), 'utf8')).workflow;

ruleTester(staleApproval, {
  valid: [
    { name: 'the approved draft is sent as it is', doc: flow([], ['gate.approved -> send']) },
    { name: 'the redraft is approved again before it is sent', doc: flow([draft('polish'), approval('again')], ['gate.approved -> polish', 'polish.ok -> again', 'again.approved -> send']) },
    { name: 'the redraft writes another variable than the one sent', doc: flow([draft('polish', 'polished')], ['gate.approved -> polish', 'polish.ok -> send']) },
    {
      name: 'a rewrite on a path that leads elsewhere does not count',
      doc: flow([decision('d', 'vip'), draft('polish'), end('other')], ['gate.approved -> d', 'd.vip -> polish', 'polish.ok -> other', 'd.else -> send']),
    },
    { name: 'the reviewer edits the draft at the approval itself: that is what was approved', doc: flow([], ['gate.approved -> send'], { shows: ['reply'] }) },
    { name: 'with no approval at all, the step is gate/missing-approval’s, not this rule’s', doc: flow([draft('polish')], ['gate.rejected -> polish', 'polish.ok -> send']) },
    {
      name: 'an AI step in suggest mode only drafts: its tools send nothing',
      doc: flow([ai('bot', { tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] })], ['gate.approved -> bot', 'bot.ok -> send', 'draft.error -> send']),
    },
  ],
  invalid: [
    {
      name: 'an AI redraft after the approval, into the variable that is sent',
      doc: flow([draft('polish')], ['gate.approved -> polish', 'polish.ok -> send']),
      findings: [{ nodeId: 'send', severity: 'error', message: /"send" can reply to the customer \(tickets\.reply\) with reply, which "polish" changes after "gate" approved it/ }],
    },
    {
      name: 'a redraft on a retry loop after the approval',
      doc: flow([draft('polish'), decision('d')], ['gate.approved -> send', 'send.error -> d', 'd.else -> polish', 'polish.ok -> send']),
      findings: [{ nodeId: 'send', message: /"polish" changes after "gate"/ }],
    },
    {
      name: 'a second gate whose rejected output leads on: the approval passed is the first one',
      doc: flow([draft('polish'), approval('two')], ['gate.approved -> polish', 'polish.ok -> two', 'two.rejected -> send']),
      findings: [{ nodeId: 'send', message: /"polish" changes after "gate"/ }],
    },
    {
      name: 'a reviewer’s edit at a second gate that then rejects goes on with the item',
      doc: flow([approval('two')], ['gate.approved -> two', 'two.rejected -> send']),
      findings: [{ nodeId: 'send', message: /which the reviewer at "two" changes after "gate" approved it/ }],
    },
    {
      name: 'an unmapped body takes the latest AI draft, which changes after the approval',
      doc: doc({
        connections: [HELPDESK],
        nodes: [ticketIntake(), draft('draft'), approval('gate'), draft('polish', 'other'), send('send', { ticketId: '{{ticketId}}' }), end('done')],
        edges: ['in -> draft', 'draft.ok -> gate', 'gate.approved -> polish', 'polish.ok -> send', 'send.ok -> done'],
      }),
      findings: [{ nodeId: 'send', message: /with the latest AI draft, which "polish" changes/ }],
    },
    {
      name: 'an internal note is a warning, as for gate/missing-approval',
      doc: doc({
        connections: [HELPDESK],
        nodes: [ticketIntake(), draft('draft'), approval('gate'), draft('polish'), send('note', BODY, 'tickets.comment'), end('done')],
        edges: ['in -> draft', 'draft.ok -> gate', 'gate.approved -> polish', 'polish.ok -> note', 'note.ok -> done'],
      }),
      findings: [{ nodeId: 'note', severity: 'warn' }],
    },
    {
      name: 'an AI step that acts after the approval sends what it has just written',
      doc: doc({
        connections: [HELPDESK],
        nodes: [ticketIntake(), approval('gate'), ai('bot', { task: 'draft', output: 'reply', mode: 'act', tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] })],
        edges: ['in -> gate', 'gate.approved -> bot'],
      }),
      findings: [{ nodeId: 'bot', severity: 'error', message: /"bot" writes reply and the latest AI draft itself/ }],
    },
  ],
});

ruleTester(blindApproval, {
  valid: [
    { name: 'an approval with no list shows what the steps after it send', doc: flow([], ['gate.approved -> send']) },
    { name: 'the reviewer is shown everything that is sent', doc: flow([], ['gate.approved -> send'], { shows: ['ticketId', 'reply'] }) },
    { name: 'a step behind a second approval is the second approval’s', doc: flow([approval('two', { shows: ['ticketId', 'reply'] })], ['gate.approved -> two', 'two.approved -> send'], { shows: [] }) },
    { name: 'a step reached by a rejection is not covered', doc: flow([escalation('agent')], ['gate.rejected -> send', 'gate.approved -> agent'], { shows: [] }) },
    {
      name: 'what an AI step that acts writes itself cannot be shown (gate/stale-approval reports it)',
      doc: doc({
        connections: [HELPDESK],
        nodes: [ticketIntake(), approval('gate', { shows: ['ticketId'] }), ai('bot', { task: 'draft', output: 'reply', mode: 'act', tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] })],
        edges: ['in -> gate', 'gate.approved -> bot'],
      }),
    },
  ],
  invalid: [
    {
      name: 'the reviewer sees the ticket id, not the reply',
      doc: flow([], ['gate.approved -> send'], { shows: ['ticketId'] }),
      findings: [{ nodeId: 'gate', severity: 'warn', message: /"gate" does not show its reviewer reply, which "send" sends after it is approved/ }],
    },
    {
      name: 'nothing shown, two steps after it',
      doc: doc({
        connections: [HELPDESK],
        nodes: [ticketIntake(), draft('draft'), approval('gate', { shows: [] }), send('send', BODY), send('close', { ticketId: '{{ticketId}}', resolution: 'Done ({{subject}})' }, 'tickets.close'), end('done')],
        edges: ['in -> draft', 'draft.ok -> gate', 'gate.approved -> send', 'send.ok -> close', 'close.ok -> done'],
      }),
      findings: [{ nodeId: 'gate', message: /ticketId, reply and subject, which "send" and "close" send/ }],
    },
    {
      name: 'an unmapped input takes a variable of its name: an intake field',
      doc: doc({
        connections: [HELPDESK, conn('mail', 'email', ['email.send'])],
        nodes: [
          { ...intake('in'), config: { source: 'form', fields: ['customerEmail', 'subject'] } },
          draft('draft'),
          approval('gate', { shows: ['reply'] }),
          integration('mail', 'mail', 'email.send', { body: '{{reply}}' }),
        ],
        edges: ['in -> draft', 'draft.ok -> gate', 'gate.approved -> mail'],
      }),
      findings: [{ nodeId: 'gate', message: /customerEmail and subject/ }],
    },
  ],
});

function only(wf: Workflow, ruleId: string, nodeId: string): Finding {
  const found = analyze(wf).findings.filter((f) => f.ruleId === ruleId && f.nodeId === nodeId);
  expect(found).toHaveLength(1);
  return found[0];
}

const edgesOf = (wf: Workflow) => wf.edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}`).sort();

describe('the redraft-after-approval workflow', () => {
  it('is flagged: the polished reply is sent, the approved draft is not', () => {
    const wf = redraft();
    const f = only(wf, 'gate/stale-approval', 'n5');
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      '"Send reply" can reply to the customer (tickets.reply) with reply, which "Polish reply" changes after "Supervisor approves reply" approved it: what is sent is not what the reviewer approved.',
    );
    expect(analyze(wf).findings.filter((x) => x.ruleId === 'gate/missing-approval')).toEqual([]);
  });

  it('moves the approval after the polish, and the finding goes away', () => {
    const wf = redraft();
    const fixes = fixesFor(wf, only(wf, 'gate/stale-approval', 'n5'));
    expect(fixes.map((f) => f.title)).toEqual(['Move "Supervisor approves reply" to right before "Send reply"', 'Add a second approval right before "Send reply"']);
    const moved = fixes[0].apply(wf);
    expect(edgesOf(moved)).toEqual(
      ['n1.out->n2', 'n2.ok->n4', 'n2.low_confidence->n7', 'n2.error->n7', 'n4.ok->n3', 'n4.low_confidence->n7', 'n4.error->n7', 'n3.approved->n5', 'n3.rejected->n7', 'n3.timeout->n7', 'n5.ok->n6', 'n5.error->n7', 'n7.out->n8'].sort(),
    );
    expect(analyze(moved).findings.filter((x) => x.ruleId.startsWith('gate/'))).toEqual([]);
    // It lands right before the send, where the send was, and the steps to the right move over.
    const at = (w: Workflow, id: string) => w.nodes.find((n) => n.id === id)!.position;
    expect(at(moved, 'n3')).toEqual(at(wf, 'n5'));
    expect(at(moved, 'n5').x).toBeGreaterThan(at(wf, 'n5').x);
    expect(fixes[0].apply(moved)).toBe(moved); // applying it again changes nothing
  });

  it('adds a second approval that shows what is sent', () => {
    const wf = redraft();
    const second = fixesFor(wf, only(wf, 'gate/stale-approval', 'n5'))[1].apply(wf);
    const gate = second.nodes.find((n) => !wf.nodes.some((m) => m.id === n.id))!;
    expect(gate.kind).toBe('approval');
    expect(gate.kind === 'approval' && gate.config.shows).toEqual(['ticketId', 'reply']);
    expect(second.edges.filter((e) => e.target === 'n5').map((e) => `${e.source}.${e.sourceHandle}`)).toEqual([`${gate.id}.approved`]);
    expect(analyze(second).findings.filter((x) => x.ruleId === 'gate/stale-approval')).toEqual([]);
  });

  it('offers no move when moving would leave another sensitive step unapproved', () => {
    const wf = doc({
      connections: [HELPDESK],
      nodes: [ticketIntake(), draft('draft'), approval('gate'), send('note', BODY, 'tickets.comment'), draft('polish'), send('send', BODY), end('done')],
      edges: ['in -> draft', 'draft.ok -> gate', 'gate.approved -> note', 'note.ok -> polish', 'polish.ok -> send', 'send.ok -> done'],
    });
    expect(fixesFor(wf, only(wf, 'gate/stale-approval', 'send')).map((f) => f.title)).toEqual(['Add a second approval right before "send"']);
  });

  it('offers no fix for an AI step that acts: no approval before it can see what it writes', () => {
    const wf = doc({
      connections: [HELPDESK],
      nodes: [ticketIntake(), approval('gate'), ai('bot', { task: 'draft', output: 'reply', mode: 'act', tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] })],
      edges: ['in -> gate', 'gate.approved -> bot'],
    });
    expect(fixesFor(wf, only(wf, 'gate/stale-approval', 'bot'))).toEqual([]);
  });
});

describe('what an approval shows', () => {
  it('is filled in by the loader when a file has none: what the steps after it send', () => {
    const wf = flow([send('close', { ticketId: '{{ticketId}}', resolution: 'Answered ({{subject}})' }, 'tickets.close')], ['gate.approved -> send', 'send.ok -> close']);
    const gate = wf.nodes.find((n) => n.id === 'gate')!;
    // In the order of the steps in the file (the close step comes first here), each variable once.
    expect(gate.kind === 'approval' && gate.config.shows).toEqual(['ticketId', 'subject', 'reply']);
    // Saved and opened again, the list is the file's own.
    expect(loadWorkflow(serializeWorkflow(wf)).workflow).toEqual(wf);
  });

  it('keeps a list the file has, even an empty one', () => {
    const wf = flow([], ['gate.approved -> send'], { shows: [] });
    expect(wf.nodes.find((n) => n.id === 'gate')!.config).toMatchObject({ shows: [] });
  });

  it('is edited as a list: added to, taken from, set; an edit that changes nothing returns the same document', () => {
    const wf = flow([], ['gate.approved -> send'], { shows: ['ticketId'] });
    const shown = (w: Workflow) => (w.nodes.find((n) => n.id === 'gate')!.config as { shows?: string[] }).shows;
    const added = showAlso(wf, 'gate', ['reply']);
    expect(shown(added)).toEqual(['ticketId', 'reply']);
    expect(shown(stopShowing(added, 'gate', 'ticketId'))).toEqual(['reply']);
    expect(shown(setShows(wf, 'gate', [' reply ', 'reply', '']))).toEqual(['reply']);
    expect(showAlso(added, 'gate', ['reply'])).toBe(added);
    expect(setShows(wf, 'send', ['x'])).toBe(wf); // not an approval
  });

  it('an approval with no list (a new one) shows the default, and its first edit writes it down', () => {
    const wf = flow([], ['gate.approved -> send']);
    const bare = { ...wf, nodes: wf.nodes.map((n) => (n.id === 'gate' ? { ...n, config: { reviewer: 'Support lead', instructions: '', timeoutHours: 24 } } : n)) } as Workflow;
    expect(buildWorkflowIndex(bare).coverage().shows('gate')).toEqual(['ticketId', 'reply']);
    expect((stopShowing(bare, 'gate', 'ticketId').nodes.find((n) => n.id === 'gate')!.config as { shows?: string[] }).shows).toEqual(['reply']);
  });
});

describe('the data flow in the workflow index', () => {
  it('says who writes each variable and what each sensitive step sends', () => {
    const wf = redraft();
    const flowOf = buildWorkflowIndex(wf).variables();
    expect(flowOf.writersOf('reply').map((w) => [w.nodeId, w.how])).toEqual([
      ['n2', 'ai'],
      ['n4', 'ai'],
    ]);
    expect(flowOf.writersOf('ticketId').map((w) => [w.nodeId, w.how])).toEqual([['n1', 'intake']]);
    expect(flowOf.sends('n5').map((s) => [s.input, s.how, s.variables])).toEqual([
      ['ticketId', 'mapped', ['ticketId']],
      ['body', 'mapped', ['reply']],
    ]);
    expect(flowOf.sentVariables('n5')).toEqual(['ticketId', 'reply']);
    expect(flowOf.sends('n2')).toEqual([]); // not a sensitive step
  });

  it('names where an unmapped input comes from: a variable of its name, a synonym, the latest draft', () => {
    const wf = doc({
      connections: [conn('mail', 'email', ['email.send'])],
      nodes: [
        { ...intake('in'), config: { source: 'form', fields: ['customerEmail', 'subject'] } },
        draft('draft', 'answer'),
        approval('gate'),
        integration('mail', 'mail', 'email.send', {}),
      ],
      edges: ['in -> draft', 'draft.ok -> gate', 'gate.approved -> mail'],
    });
    const sends = buildWorkflowIndex(wf).variables().sends('mail');
    expect(sends.map((s) => [s.input, s.how, s.variables])).toEqual([
      ['to', 'named', ['customerEmail']],
      ['subject', 'named', ['subject']],
      ['body', 'draft', ['answer']],
    ]);
  });

  it('keeps the stale walk linear: a long chain of redrafts and sends is analysed at once', () => {
    const n = 2000;
    const nodes: Spec[] = [ticketIntake(), approval('gate')];
    const edges = ['in -> gate', 'gate.approved -> s0'];
    for (let i = 0; i < n; i++) {
      nodes.push(i % 2 ? draft(`s${i}`) : send(`s${i}`, BODY));
      edges.push(i % 2 ? `s${i}.ok -> s${i + 1}` : `s${i}.ok -> s${i + 1}`);
    }
    nodes.push(end(`s${n}`));
    const wf = doc({ connections: [HELPDESK], nodes, edges });
    const stale = analyze(wf).findings.filter((f) => f.ruleId === 'gate/stale-approval');
    // Every send after the first redraft sends changed content; the first one does not.
    expect(stale).toHaveLength(n / 2 - 1);
    expect(stale.some((f) => f.nodeId === 's0')).toBe(false);
  });
});
