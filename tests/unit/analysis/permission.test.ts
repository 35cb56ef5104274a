import broadGrant from '../../../shared/analysis/rules/permission/broad-grant';
import exceedsGrant from '../../../shared/analysis/rules/permission/exceeds-grant';
import unknownConnection from '../../../shared/analysis/rules/permission/unknown-connection';
import unusedGrant from '../../../shared/analysis/rules/permission/unused-grant';
import { ai, conn, doc, end, escalation, integration, intake } from './fixtures';
import { ruleTester } from './rule-tester';

const flow = (grants: string[], ...steps: ReturnType<typeof integration>[]) =>
  doc({
    connections: [conn('helpdesk', 'helpdesk', grants)],
    nodes: [intake('in', 'helpdesk', 'tickets.read'), ...steps, end('done')],
    edges: steps.length ? ['in -> s1', 's1.ok -> done'] : ['in -> done'],
  });

const CUSTOM = { id: 'erp', label: 'Our ERP', actions: [{ scope: 'erp.orders.read', effect: 'read' }, { scope: 'erp.orders.cancel', effect: 'delete' }] };

ruleTester(exceedsGrant, {
  valid: [
    { name: 'every scope granted exactly', doc: flow(['tickets.read', 'tickets.reply'], integration('s1', 'helpdesk', 'tickets.reply')) },
    { name: 'granted through a prefix wildcard', doc: flow(['tickets.*'], integration('s1', 'helpdesk', 'tickets.reply')) },
    { name: 'granted through "*"', doc: flow(['*'], integration('s1', 'helpdesk', 'tickets.reply')) },
    {
      name: 'an unknown action is not judged here (unknown-connection reports it)',
      doc: flow(['tickets.read'], integration('s1', 'helpdesk', 'tickets.explode')),
    },
    {
      name: 'a custom connector, granted',
      doc: doc({
        connectors: [CUSTOM],
        connections: [conn('erp', 'erp', ['erp.orders.read', 'erp.orders.cancel'])],
        nodes: [intake('in', 'erp', 'erp.orders.read'), integration('s1', 'erp', 'erp.orders.cancel')],
        edges: ['in -> s1'],
      }),
    },
  ],
  invalid: [
    {
      name: 'an integration step needs a scope not granted',
      doc: flow(['tickets.read'], integration('s1', 'helpdesk', 'tickets.reply')),
      findings: [{ nodeId: 's1', connectionId: 'helpdesk', scope: 'tickets.reply', severity: 'error', message: '"tickets.reply"' }],
    },
    {
      name: 'the intake’s read is not granted',
      doc: flow([]),
      findings: [{ nodeId: 'in', connectionId: 'helpdesk', scope: 'tickets.read' }],
    },
    {
      name: 'a wildcard of another resource does not cover it',
      doc: flow(['tickets.read', 'kb.*', 'ticket.*'], integration('s1', 'helpdesk', 'tickets.reply')),
      findings: [{ nodeId: 's1', connectionId: 'helpdesk', scope: 'tickets.reply' }],
    },
    {
      name: 'every source and every tool of an AI step, once each',
      doc: doc({
        connections: [conn('helpdesk', 'helpdesk', ['tickets.read']), conn('kb', 'knowledge', [])],
        nodes: [
          intake('in', 'helpdesk', 'tickets.read'),
          ai('s1', {
            sources: [{ connection: 'kb', action: 'kb.search' }, { connection: 'helpdesk', action: 'tickets.read' }],
            tools: [{ connection: 'helpdesk', action: 'tickets.comment' }, { connection: 'kb', action: 'kb.search' }],
          }),
        ],
        edges: ['in -> s1'],
      }),
      findings: [
        { nodeId: 's1', connectionId: 'kb', scope: 'kb.search' },
        { nodeId: 's1', connectionId: 'helpdesk', scope: 'tickets.comment' },
      ],
    },
    {
      name: 'an escalation’s action',
      doc: doc({
        connections: [conn('chat', 'chat', [])],
        nodes: [intake('in'), escalation('esc', { team: 'Ops', connection: 'chat', action: 'chat.messages.post' })],
        edges: ['in -> esc'],
      }),
      findings: [{ nodeId: 'esc', connectionId: 'chat', scope: 'chat.messages.post' }],
    },
    {
      name: 'a custom connector’s action is treated like a built-in one',
      doc: doc({
        connectors: [CUSTOM],
        connections: [conn('erp', 'erp', ['erp.orders.read'])],
        nodes: [intake('in', 'erp', 'erp.orders.read'), integration('s1', 'erp', 'erp.orders.cancel')],
        edges: ['in -> s1'],
      }),
      findings: [{ nodeId: 's1', connectionId: 'erp', scope: 'erp.orders.cancel' }],
    },
  ],
});

ruleTester(unknownConnection, {
  valid: [
    { name: 'known connection and action', doc: flow(['tickets.read', 'tickets.reply'], integration('s1', 'helpdesk', 'tickets.reply')) },
    { name: 'a manual intake needs no connection', doc: doc({ nodes: [intake('in'), end('done')], edges: ['in -> done'] }) },
  ],
  invalid: [
    {
      name: 'a connection the workflow does not have',
      doc: flow(['tickets.read'], integration('s1', 'crm', 'crm.leads.read')),
      findings: [{ nodeId: 's1', severity: 'error', message: '"crm"' }],
    },
    {
      name: 'an action the connector does not have',
      doc: flow(['tickets.read'], integration('s1', 'helpdesk', 'tickets.explode')),
      findings: [{ nodeId: 's1', connectionId: 'helpdesk', message: '"tickets.explode"' }],
    },
    {
      name: 'an integration with nothing chosen',
      doc: flow(['tickets.read'], integration('s1', '', '')),
      findings: [{ nodeId: 's1', message: 'no connection and no action chosen' }],
    },
    {
      name: 'a connector neither built in nor custom: one finding on the connection',
      doc: doc({
        connections: [conn('erp', 'erp', ['erp.orders.read'])],
        nodes: [intake('in', 'erp', 'erp.orders.read'), integration('s1', 'erp', 'erp.orders.cancel')],
        edges: ['in -> s1'],
      }),
      findings: [{ connectionId: 'erp', message: '"erp"' }],
    },
    {
      name: 'an AI tool on a missing connection',
      doc: doc({ nodes: [intake('in'), ai('s1', { tools: [{ connection: 'mail', action: 'email.send' }] })], edges: ['in -> s1'] }),
      findings: [{ nodeId: 's1', message: '"mail"' }],
    },
  ],
});

ruleTester(unusedGrant, {
  valid: [
    { name: 'every grant used', doc: flow(['tickets.read', 'tickets.reply'], integration('s1', 'helpdesk', 'tickets.reply')) },
    { name: 'a wildcard that covers a used scope', doc: flow(['tickets.*'], integration('s1', 'helpdesk', 'tickets.reply')) },
    {
      name: 'a grant used only by an unreachable step still counts',
      doc: doc({ connections: [conn('helpdesk', 'helpdesk', ['tickets.close'])], nodes: [intake('in'), integration('lost', 'helpdesk', 'tickets.close')] }),
    },
  ],
  invalid: [
    {
      name: 'one finding per unused scope',
      doc: flow(['tickets.read', 'tickets.delete', 'tickets.close', 'tickets.close']),
      findings: [
        { connectionId: 'helpdesk', scope: 'tickets.delete', severity: 'warn' },
        { connectionId: 'helpdesk', scope: 'tickets.close' },
      ],
    },
    {
      name: 'a wildcard nothing uses',
      doc: flow(['tickets.read', 'kb.*']),
      findings: [{ connectionId: 'helpdesk', scope: 'kb.*', message: 'any scope it covers' }],
    },
    {
      name: 'a connection no step uses at all',
      doc: doc({ connections: [conn('mail', 'email', ['email.send'])], nodes: [intake('in')] }),
      findings: [{ connectionId: 'mail', scope: 'email.send' }],
    },
  ],
});

ruleTester(broadGrant, {
  valid: [{ name: 'exact scopes only', doc: flow(['tickets.read']) }],
  invalid: [
    {
      name: 'a prefix wildcard and "*"',
      doc: doc({
        connections: [conn('helpdesk', 'helpdesk', ['tickets.*']), conn('kb', 'knowledge', ['*'])],
        nodes: [intake('in', 'helpdesk', 'tickets.read')],
      }),
      findings: [
        { connectionId: 'helpdesk', scope: 'tickets.*', severity: 'warn', message: '"tickets."' },
        { connectionId: 'kb', scope: '*', message: 'every action of its connector' },
      ],
    },
  ],
});
