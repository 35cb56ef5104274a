// The variable flow works out what a sensitive step uses and sends once per pattern (variable-flow.ts:
// sendPattern): steps that read alike share one answer. Each step must still get its own answer: moved
// first in the document (so that nothing before it can lend it a pattern), it gets what it got where
// it was. Every step here differs from another in one thing the flow reads.
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../shared/model/schema';
import { buildWorkflowIndex } from '../../../shared/workflow-index/workflow-index';
import { HELPDESK, ai, conn, doc, end, escalation, intake } from '../analysis/fixtures';

type Json = Record<string, unknown>;
const step = (kind: string, id: string, config: Json) => ({ ...(kind === 'ai' ? ai(id) : escalation(id)), kind, config });
const send = (id: string, inputs: Json, action = 'tickets.reply', connection = 'helpdesk') => ({ ...end(id), kind: 'integration', config: { connection, action, inputs } });
const assign = (id: string, extra: Json) => step('escalation', id, { team: '', reason: '', priority: 'normal', connection: 'helpdesk', action: 'tickets.assign', ...extra });
const acting = (id: string, output: string) => step('ai', id, { task: 'draft', output, mode: 'act', tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] });

/** A second help desk under another connection id, with the same grants. */
const DESK2 = conn('desk2', 'helpdesk', ['tickets.read', 'tickets.reply', 'tickets.comment', 'tickets.assign', 'tickets.update_fields']);
const BILLING = conn('billing', 'billing', ['billing.invoices.void']);
const voiding = (id: string, extra: Json) => step('escalation', id, { team: '', reason: '', priority: 'normal', connection: 'billing', action: 'billing.invoices.void', ...extra });

const STEPS = [
  send('same1', { ticketId: '{{ticketId}}', body: '{{reply}}' }),
  send('same2', { ticketId: '{{ticketId}}', body: '{{reply}}' }),
  send('template', { ticketId: '{{ticketId}}', body: '{{subject}}' }),
  send('unmapped', { ticketId: '{{ticketId}}' }),
  send('input', { ticketId: '{{ticketId}}', note: '{{reply}}' }),
  send('order', { body: '{{reply}}', ticketId: '{{ticketId}}' }),
  send('action', { ticketId: '{{ticketId}}', body: '{{reply}}' }, 'tickets.comment'),
  send('connection', { ticketId: '{{ticketId}}', body: '{{reply}}' }, 'tickets.reply', 'desk2'),
  assign('plain', {}),
  assign('team', { team: 'Billing' }),
  voiding('void', {}),
  voiding('reason', { reason: 'Charged twice' }),
  step('escalation', 'fields', { team: '', reason: '', priority: 'high', connection: 'desk2', action: 'tickets.update_fields' }),
  acting('bot1', 'reply'),
  acting('bot2', 'other'),
];

function workflow(steps: Json[]): Workflow {
  const helpdesk = { ...HELPDESK, grants: [...(HELPDESK.grants as string[]), 'tickets.assign'] };
  const source = intake('in', 'helpdesk', 'tickets.read', ['ticketId', 'subject', 'body']);
  const writer = step('ai', 'draft', { task: 'draft', output: 'reply' });
  const ids = steps.map((s) => s.id as string);
  return doc({
    connections: [helpdesk, DESK2, BILLING],
    nodes: [...(steps as never[]), source as never, writer as never, end('done')],
    edges: ['in -> draft', ...ids.map((id) => `draft.ok -> ${id}`)],
  });
}

function answers(wf: Workflow, id: string) {
  const flow = buildWorkflowIndex(wf).variables();
  return { sends: flow.sends(id), uses: [...flow.uses(id)], sent: flow.sentVariables(id), before: [...flow.writesBeforeSending(id)] };
}

describe('what a sensitive step sends, worked out once per pattern', () => {
  const wf = workflow(STEPS);

  it.each(STEPS.map((s) => s.id as string))('%s gets its own answer, not one lent by a step before it', (id) => {
    const first = workflow([STEPS.find((s) => s.id === id)!, ...STEPS.filter((s) => s.id !== id)]);
    const mine = answers(wf, id);
    expect(answers(first, id)).toEqual(mine);
    // The step does send something (the test would prove nothing about an empty answer).
    expect(mine.uses.length).toBeGreaterThan(0);
  });

  it('steps that read alike share one answer, and steps that differ do not', () => {
    const flow = buildWorkflowIndex(wf).variables();
    expect(flow.sends('same2')).toBe(flow.sends('same1'));
    expect(flow.uses('same2')).toBe(flow.uses('same1'));
    for (const other of ['template', 'input', 'order', 'action']) expect(flow.sends(other)).not.toEqual(flow.sends('same1'));
    expect(flow.uses('team')).not.toEqual(flow.uses('plain'));
    expect(flow.uses('reason')).not.toEqual(flow.uses('void'));
    expect(flow.sends('bot2')).not.toEqual(flow.sends('bot1'));
  });
});
