import missingApproval from '../../../shared/analysis/rules/gate/missing-approval';
import noRejectPath from '../../../shared/analysis/rules/gate/no-reject-path';
import noReviewer from '../../../shared/analysis/rules/gate/no-reviewer';
import noTimeout from '../../../shared/analysis/rules/gate/no-timeout';
import { HELPDESK, ai, approval, conn, decision, doc, end, integration, intake } from './fixtures';
import { ruleTester } from './rule-tester';

const BILLING = conn('billing', 'billing', ['billing.customers.read', 'billing.refunds.issue', 'billing.invoices.read']);
const CHAT = conn('chat', 'chat', ['chat.messages.post']);

/** intake → … → reply (a customer-facing send) → end, with the edges given. */
const reply = (edges: string[], extra: ReturnType<typeof intake>[] = []) =>
  doc({
    connections: [HELPDESK],
    nodes: [intake('in', 'helpdesk', 'tickets.read'), ...extra, integration('send', 'helpdesk', 'tickets.reply'), end('done')],
    edges: [...edges, 'send.ok -> done'],
  });

ruleTester(missingApproval, {
  valid: [
    { name: 'the only path passes an approval’s approved output', doc: reply(['in -> gate', 'gate.approved -> send'], [approval('gate')]) },
    {
      name: 'both branches of a decision pass an approval',
      doc: reply(['in -> d', 'd.a -> g1', 'd.else -> g2', 'g1.approved -> send', 'g2.approved -> send'], [decision('d', 'a'), approval('g1'), approval('g2')]),
    },
    {
      name: 'a path stays approved after the approval, whatever follows',
      doc: reply(['in -> g1', 'g1.approved -> g2', 'g2.rejected -> send'], [approval('g1'), approval('g2')]),
    },
    { name: 'reads are never gate findings', doc: reply(['in -> read', 'read.ok -> send2'], [integration('read', 'helpdesk', 'tickets.read'), end('send2')]) },
    {
      name: 'an AI step in suggest mode only drafts, whatever its tools',
      doc: doc({ connections: [HELPDESK], nodes: [intake('in', 'helpdesk', 'tickets.read'), ai('bot', { tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] })], edges: ['in -> bot'] }),
    },
    {
      name: 'a loop through the approved output',
      doc: reply(['in -> gate', 'gate.approved -> send', 'send.error -> gate'], [approval('gate')]),
    },
    {
      name: 'a retry loop after the approval stays approved (and does not hang)',
      doc: reply(['in -> gate', 'gate.approved -> send', 'send.error -> d', 'd.else -> send'], [approval('gate'), decision('d')]),
    },
    {
      name: 'an unreachable action is not on any path from an intake',
      doc: doc({ connections: [HELPDESK], nodes: [intake('in', 'helpdesk', 'tickets.read'), integration('lost', 'helpdesk', 'tickets.delete')] }),
    },
    { name: 'an action on an unknown connection is not judged', doc: doc({ nodes: [intake('in'), integration('x', 'nowhere', 'tickets.delete')], edges: ['in -> x'] }) },
  ],
  invalid: [
    {
      name: 'no approval at all: a customer-facing send is an error',
      doc: reply(['in -> send']),
      findings: [{ nodeId: 'send', severity: 'error', message: /reply to the customer \(tickets\.reply\).*from "in"/ }],
    },
    {
      name: 'the approval is on the rejected branch',
      doc: reply(['in -> gate', 'gate.rejected -> send'], [approval('gate')]),
      findings: [{ nodeId: 'send', severity: 'error' }],
    },
    {
      name: 'the approval is reached through its timeout',
      doc: reply(['in -> gate', 'gate.timeout -> send'], [approval('gate')]),
      findings: [{ nodeId: 'send' }],
    },
    {
      name: 'the approval comes after the action',
      doc: reply(['in -> send', 'send.ok -> gate', 'gate.approved -> done'], [approval('gate')]),
      findings: [{ nodeId: 'send' }],
    },
    {
      name: 'the approval guards only one of two paths',
      doc: reply(['in -> d', 'd.vip -> gate', 'gate.approved -> send', 'd.else -> send'], [decision('d', 'vip'), approval('gate')]),
      findings: [{ nodeId: 'send' }],
    },
    {
      name: 'two intakes, one of them bypasses the approval',
      doc: doc({
        connections: [HELPDESK],
        nodes: [intake('web', 'helpdesk', 'tickets.read'), intake('mail', 'helpdesk', 'tickets.read'), approval('gate'), integration('send', 'helpdesk', 'tickets.reply')],
        edges: ['web -> gate', 'gate.approved -> send', 'mail -> send'],
      }),
      findings: [{ nodeId: 'send', message: 'from "mail"' }],
    },
    {
      name: 'an approval later in a loop does not cover the first round',
      doc: reply(['in -> d', 'd.else -> send', 'send.error -> gate', 'gate.approved -> d'], [decision('d'), approval('gate')]),
      findings: [{ nodeId: 'send' }],
    },
    {
      name: 'deletes and money moves are errors; an internal post is a warning',
      doc: doc({
        connections: [HELPDESK, BILLING, CHAT],
        nodes: [
          intake('in', 'helpdesk', 'tickets.read'),
          integration('del', 'helpdesk', 'tickets.delete'),
          integration('refund', 'billing', 'billing.refunds.issue'),
          integration('note', 'helpdesk', 'tickets.comment'),
          integration('post', 'chat', 'chat.messages.post'),
        ],
        edges: ['in -> del', 'del.ok -> refund', 'refund.ok -> note', 'note.ok -> post'],
      }),
      findings: [
        { nodeId: 'del', severity: 'error' },
        { nodeId: 'refund', severity: 'error', message: 'issue a refund' },
        { nodeId: 'note', severity: 'warn' },
        { nodeId: 'post', severity: 'warn' },
      ],
    },
    {
      name: 'an AI step in act mode with a sensitive tool, listing its actions',
      doc: doc({
        connections: [HELPDESK],
        nodes: [
          intake('in', 'helpdesk', 'tickets.read'),
          ai('bot', { mode: 'act', sources: [{ connection: 'helpdesk', action: 'tickets.read' }], tools: [{ connection: 'helpdesk', action: 'tickets.comment' }, { connection: 'helpdesk', action: 'tickets.reply' }] }),
        ],
        edges: ['in -> bot'],
      }),
      findings: [{ nodeId: 'bot', severity: 'error', message: 'add an internal note (tickets.comment) and reply to the customer (tickets.reply)' }],
    },
    {
      name: 'an intake that acts is ungated from the start',
      doc: doc({ connections: [HELPDESK], nodes: [intake('in', 'helpdesk', 'tickets.delete')] }),
      findings: [{ nodeId: 'in', message: 'as soon as it starts' }],
    },
    {
      name: 'a custom connector’s customer-facing send',
      doc: doc({
        connectors: [{ id: 'sms', label: 'SMS gateway', actions: [{ scope: 'sms.send', effect: 'send', customerFacing: true }] }],
        connections: [conn('sms', 'sms', ['sms.send'])],
        nodes: [intake('in'), integration('text', 'sms', 'sms.send')],
        edges: ['in -> text'],
      }),
      findings: [{ nodeId: 'text', severity: 'error' }],
    },
  ],
});

ruleTester(noReviewer, {
  valid: [{ name: 'a reviewer is named', doc: doc({ nodes: [approval('gate', { reviewer: 'Owner' })] }) }],
  invalid: [
    {
      name: 'empty or blank reviewer',
      doc: doc({ nodes: [approval('a', { reviewer: '' }), approval('b', { reviewer: '  ' })] }),
      findings: [{ nodeId: 'a', severity: 'warn' }, { nodeId: 'b' }],
    },
  ],
});

ruleTester(noRejectPath, {
  valid: [{ name: 'rejected leads somewhere', doc: doc({ nodes: [approval('gate'), end('no', 'rejected')], edges: ['gate.rejected -> no'] }) }],
  invalid: [
    {
      name: 'only approved and timeout are wired',
      doc: doc({ nodes: [approval('gate'), end('ok'), end('late')], edges: ['gate.approved -> ok', 'gate.timeout -> late'] }),
      findings: [{ nodeId: 'gate', severity: 'warn' }],
    },
  ],
});

ruleTester(noTimeout, {
  valid: [{ name: 'a timeout that leads somewhere', doc: doc({ nodes: [approval('gate', { timeoutHours: 8 }), end('late')], edges: ['gate.timeout -> late'] }) }],
  invalid: [
    { name: 'no timeout set', doc: doc({ nodes: [approval('gate', { timeoutHours: null })] }), findings: [{ nodeId: 'gate', message: 'waits forever' }] },
    { name: 'a zero timeout is no timeout', doc: doc({ nodes: [approval('gate', { timeoutHours: 0 })] }), findings: [{ nodeId: 'gate', message: 'waits forever' }] },
    { name: 'a timeout whose output leads nowhere', doc: doc({ nodes: [approval('gate', { timeoutHours: 8 })] }), findings: [{ nodeId: 'gate', message: 'after 8 h' }] },
  ],
});
