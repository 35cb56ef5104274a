// Random workflows for the simulator's property tests: any mix of kinds and configs (some of them
// nonsense), outputs mostly linked (loops included), grants, scenario inputs, scripted decisions,
// faults and reviewer profiles, through the real loader.
import * as fc from 'fast-check';
import { outputsOf } from '../../../shared/kinds/registry';
import { loadWorkflowValue } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';

const KINDS = ['intake', 'ai', 'integration', 'decision', 'approval', 'escalation', 'end'] as const;
const SCOPES = ['tickets.read', 'tickets.reply', 'tickets.close', 'tickets.delete', 'kb.search', 'kb.read_article', 'email.send', 'billing.refunds.issue', 'crm.leads.update', 'nope.action'];
const CONNECTIONS = ['help', 'kb', 'mail', 'missing'];
const WORDS = ['refund', 'invoice', 'password', 'crash', 'hello', 'urgent', '1200', 'T-1'];
const VARS = ['body', 'amount', 'category', 'tier', 'ticketId', 'missing'];

const ref = fc.record({ connection: fc.constantFrom(...CONNECTIONS), action: fc.constantFrom(...SCOPES) });
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((w) => w.join(' '));
const condition = fc.record({
  var: fc.constantFrom(...VARS),
  op: fc.constantFrom('eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'),
  value: fc.oneof(fc.constantFrom(...WORDS), fc.integer({ min: -5, max: 2000 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 3 })),
});

function config(kind: (typeof KINDS)[number]) {
  switch (kind) {
    case 'intake':
      return fc.record({ source: fc.constant('form'), connection: fc.constantFrom(...CONNECTIONS), action: fc.constantFrom(...SCOPES) });
    case 'ai':
      return fc.record({
        task: fc.constantFrom('classify', 'summarize', 'draft', 'extract', 'retrieve', 'route'),
        prompt: fc.constantFrom('', '{{body}}', 'Look at {{body}} and {{amount}} {{category.name}}'),
        output: fc.constantFrom('category', 'body', 'result'),
        labels: fc.array(fc.record({ name: fc.constantFrom('billing', 'tech', 'other'), keywords: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }) }), { maxLength: 3 }),
        confidenceThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
        sources: fc.array(ref, { maxLength: 2 }),
        tools: fc.array(ref, { maxLength: 2 }),
        fields: fc.array(fc.constantFrom('email', 'amount', 'dueDate', 'ticketId'), { maxLength: 3 }),
        mode: fc.constantFrom('suggest', 'act'),
      });
    case 'integration':
      return fc.record({ connection: fc.constantFrom(...CONNECTIONS, ''), action: fc.constantFrom(...SCOPES), inputs: fc.dictionary(fc.constantFrom('ticketId', 'body', 'to'), fc.constantFrom('{{ticketId}}', '{{body}}', 'T-2', '')) });
    case 'decision':
      return fc.record({
        rules: fc.uniqueArray(
          fc.record({ id: fc.constantFrom('r1', 'r2', 'r3'), when: fc.oneof(fc.record({ all: fc.array(condition, { maxLength: 3 }) }), fc.record({ any: fc.array(condition, { maxLength: 3 }) })) }),
          { selector: (r) => r.id, maxLength: 3 },
        ),
      });
    case 'approval':
      return fc.record({ reviewer: fc.constantFrom('', 'Lead', 'Owner'), timeoutHours: fc.option(fc.double({ min: 0, max: 72, noNaN: true }), { nil: null }) });
    case 'escalation':
      return fc.record({ team: fc.constantFrom('', 'Billing'), priority: fc.constantFrom('low', 'high'), connection: fc.constantFrom(...CONNECTIONS), action: fc.constantFrom(...SCOPES) });
    default:
      return fc.record({ outcome: fc.constantFrom('resolved', 'escalated', '') });
  }
}

const nodeArb = (i: number) =>
  fc.constantFrom(...KINDS).chain((kind) => config(kind).map((cfg) => ({ id: `n${i}`, kind, label: `Step ${i}`, position: { x: 0, y: 0 }, config: cfg })));

// The first step is an intake (mostly without a system behind it, so that runs get going), the last an end.
const intakeArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ source: 'form' }) },
  { weight: 1, arbitrary: config('intake') },
).map((cfg) => ({ id: 'start', kind: 'intake', label: 'Start', position: { x: 0, y: 0 }, config: cfg }));
const finishArb = config('end').map((cfg) => ({ id: 'finish', kind: 'end', label: 'Finish', position: { x: 0, y: 0 }, config: cfg }));

export const docArb: fc.Arbitrary<Workflow> = fc
  .integer({ min: 0, max: 10 })
  .chain((n) => fc.tuple(intakeArb, finishArb, ...Array.from({ length: n }, (_, i) => nodeArb(i))))
  .chain((nodes) => {
    const valid = loadWorkflowValue({ format: 'flowgate.workflow', schemaVersion: 1, id: 'p', name: 'P', owner: '', connections: [], nodes, edges: [] }).workflow;
    const slots = valid.nodes.flatMap((n) => outputsOf(n).map((h) => ({ source: n.id, handle: h.id })));
    const targets = valid.nodes.filter((n) => n.kind !== 'intake').map((n) => n.id);
    // Most outputs lead somewhere (loops included); a few lead nowhere.
    const edges = fc.tuple(...slots.map((slot) => fc.option(fc.constantFrom(...targets).map((target) => ({ slot, target })), { freq: 6 }))).map((list) => list.filter((e) => e !== null));
    const approvals = valid.nodes.filter((n) => n.kind === 'approval').map((n) => n.id);
    const ais = valid.nodes.filter((n) => n.kind === 'ai').map((n) => n.id);
    const profile = fc.record({ approve: fc.double({ min: 0.01, max: 0.5, noNaN: true }), reject: fc.double({ min: 0, max: 0.3, noNaN: true }), timeout: fc.double({ min: 0, max: 0.2, noNaN: true }) });
    return fc.record({
      nodes: fc.constant(nodes),
      edges,
      grants: fc.array(fc.constantFrom(...SCOPES, 'tickets.*', '*'), { maxLength: 5 }),
      input: fc.dictionary(fc.constantFrom(...VARS), fc.oneof(text, fc.integer({ min: 0, max: 3000 }))),
      decisions: approvals.length ? fc.dictionary(fc.constantFrom(...approvals), fc.constantFrom('approved', 'rejected', 'timeout')) : fc.constant({}),
      aiFaults: ais.length ? fc.dictionary(fc.constantFrom(...ais), fc.constantFrom('error', 'low_confidence')) : fc.constant({}),
      actionFaults: fc.dictionary(fc.constantFrom('help:tickets.reply', 'kb:kb.search', 'mail:email.send'), fc.constant('error')),
      reviewers: fc.dictionary(fc.constantFrom('Lead', 'Owner'), profile),
    });
  })
  .map((g) =>
    loadWorkflowValue({
      format: 'flowgate.workflow',
      schemaVersion: 1,
      id: 'p',
      name: 'P',
      owner: 'Owner',
      connections: [
        { id: 'help', connector: 'helpdesk', label: 'Help', grants: g.grants },
        { id: 'kb', connector: 'knowledge', label: 'KB', grants: g.grants },
        { id: 'mail', connector: 'email', label: 'Mail', grants: g.grants },
      ],
      nodes: g.nodes,
      edges: g.edges.map((e: { slot: { source: string; handle: string }; target: string }, i: number) => ({ id: `e${i}`, source: e.slot.source, sourceHandle: e.slot.handle, target: e.target })),
      simulation: { scenarios: [{ id: 's', input: g.input, decisions: g.decisions, faults: { ai: g.aiFaults, actions: g.actionFaults } }], reviewers: g.reviewers },
    }),
  )
  .map(({ workflow }) => workflow);
