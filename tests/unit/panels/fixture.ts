// A small support workflow for the panel tests: two built-in connections, one custom connector.
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import type { Workflow, WorkflowNode } from '../../../shared/model/schema';

const at = { x: 0, y: 0 };

/** Freezes the whole document, so that any edit that mutates its input throws in the tests. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function supportWorkflow(): Workflow {
  return deepFreeze(buildSupportWorkflow());
}

function buildSupportWorkflow(): Workflow {
  const nodes: WorkflowNode[] = [
    { id: 'n1', kind: 'intake', label: 'New ticket', position: at, config: { source: 'ticket', connection: 'helpdesk', action: 'tickets.read', fields: ['subject', 'body', 'email'] } },
    {
      id: 'n2',
      kind: 'ai',
      label: 'Classify',
      position: at,
      config: {
        task: 'classify',
        prompt: 'Classify {{subject}} with {{mystery}}',
        output: 'category',
        labels: [
          { name: 'billing', keywords: ['invoice', 'refund'] },
          { name: 'other', keywords: [] },
        ],
        confidenceThreshold: 0.7,
        sources: [{ connection: 'kb', action: 'kb.search' }],
        tools: [{ connection: 'helpdesk', action: 'tickets.reply' }],
        mode: 'act',
        provider: 'mock',
      },
    },
    {
      id: 'n3',
      kind: 'decision',
      label: 'Route',
      position: at,
      config: {
        rules: [
          { id: 'r1', label: 'Billing', when: { all: [{ var: 'category', op: 'eq', value: 'billing' }] } },
          { id: 'r2', label: 'Urgent', when: { any: [{ var: 'priority', op: 'in', value: ['high', 'urgent'] }, { var: 'amount', op: 'gt', value: 100 }] } },
        ],
      },
    },
    { id: 'n4', kind: 'integration', label: 'Reply', position: at, config: { connection: 'helpdesk', action: 'tickets.reply', inputs: { ticketId: '{{ticketId}}', legacy: 'x' } } },
    { id: 'n5', kind: 'approval', label: 'Supervisor', position: at, config: { reviewer: 'Support lead', instructions: 'Check tone', timeoutHours: null } },
    { id: 'n6', kind: 'escalation', label: 'To billing', position: at, config: { team: 'Billing', reason: 'Money', priority: 'high' } },
    { id: 'n7', kind: 'end', label: 'Done', position: at, config: { outcome: 'refunded' } },
    { id: 'n8', kind: 'integration', label: 'Sync order', position: at, config: { connection: 'orders', action: 'erp.orders.read', inputs: {} } },
  ];
  return {
    ...blankWorkflow('wf-1', 'Support triage'),
    owner: 'Support lead',
    connectors: [
      {
        id: 'erp',
        label: 'Order system',
        actions: [
          { scope: 'erp.orders.read', label: 'Read orders', effect: 'read', customerFacing: false, data: ['financial'] },
          { scope: 'erp.orders.cancel', label: 'Cancel an order', effect: 'delete', customerFacing: true, data: [] },
        ],
      },
    ],
    connections: [
      { id: 'helpdesk', connector: 'helpdesk', label: 'Help desk', identity: 'svc-ai', grants: ['tickets.read', 'tickets.*', 'bogus.scope'], logging: true, maintainer: 'IT', revocation: 'Disable svc-ai' },
      { id: 'kb', connector: 'knowledge', label: 'Knowledge base', identity: '', grants: ['kb.search'], logging: false, maintainer: '', revocation: '' },
      { id: 'orders', connector: 'erp', label: 'Orders', identity: 'erp-bot', grants: ['erp.orders.read'], logging: true, maintainer: 'Ops', revocation: 'Revoke key' },
    ],
    nodes,
    edges: [
      { id: 'e1', source: 'n1', sourceHandle: 'out', target: 'n2' },
      { id: 'e2', source: 'n2', sourceHandle: 'ok', target: 'n3' },
      { id: 'e3', source: 'n3', sourceHandle: 'r1', target: 'n6' },
      { id: 'e4', source: 'n3', sourceHandle: 'r2', target: 'n5' },
      { id: 'e5', source: 'n5', sourceHandle: 'approved', target: 'n4' },
      { id: 'e6', source: 'n4', sourceHandle: 'ok', target: 'n7' },
      { id: 'e7', source: 'n6', sourceHandle: 'out', target: 'n7' },
    ],
  };
}

export function node(wf: Workflow, id: string): WorkflowNode {
  const n = wf.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}
