// Any document, however broken, is analysed without throwing and in bounded time; and on valid
// documents the quick fixes do what they say.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { fixesFor } from '../../../shared/analysis/fixes';
import { RULES } from '../../../shared/analysis/rules/index';
import { RULE_ERROR, SEVERITIES } from '../../../shared/analysis/types';
import { loadWorkflowValue } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';

const RULE_IDS = new Set(RULES.map((r) => r.meta.id));
const NODE_IDS = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
const KINDS = ['intake', 'ai', 'integration', 'decision', 'approval', 'escalation', 'end'];
const HANDLES = ['out', 'ok', 'error', 'low_confidence', 'approved', 'rejected', 'timeout', 'else', 'r1'];
const CONNECTIONS = ['helpdesk', 'billing', 'mail', 'erp', 'ghost'];
const SCOPES = ['tickets.read', 'tickets.reply', 'tickets.delete', 'billing.refunds.issue', 'billing.customers.read', 'email.send', 'erp.sync', 'nope', ''];
const GRANTS = [...SCOPES, 'tickets.*', 'billing.*', '*', 'erp.*'];

/** Mostly references that resolve (some sensitive, some reads), some that do not. */
const REFS: [string, string][] = [
  ['helpdesk', 'tickets.read'],
  ['helpdesk', 'tickets.reply'],
  ['helpdesk', 'tickets.delete'],
  ['billing', 'billing.refunds.issue'],
  ['billing', 'billing.customers.read'],
  ['mail', 'email.send'],
  ['erp', 'erp.sync'],
  ['erp', 'erp.read'],
  ['ghost', 'nope'],
  ['helpdesk', ''],
  ['', ''],
];
const ref = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...REFS).map(([connection, action]) => ({ connection, action })) },
  { weight: 1, arbitrary: fc.record({ connection: fc.constantFrom(...CONNECTIONS, ''), action: fc.constantFrom(...SCOPES) }) },
);
const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string({ maxLength: 3 }), fc.constant([]), fc.constant({}));

/** Configs of every kind's fields mixed together, some of the wrong type, some missing. */
/** Configs of every kind's fields mixed together, some of the wrong type, some missing. */
const anyConfig = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record(
        {
          ref: fc.option(ref),
          sources: fc.oneof(fc.array(ref, { maxLength: 3 }), junk),
          tools: fc.oneof(fc.array(fc.oneof({ weight: 4, arbitrary: ref }, { weight: 1, arbitrary: junk }), { maxLength: 3 }), junk),
          mode: fc.constantFrom('act', 'suggest', 7),
          provider: fc.constantFrom('external', 'mock', null),
          reviewer: fc.oneof(fc.constantFrom('', 'Owner'), junk),
          shows: fc.oneof(fc.constantFrom([], ['ticketId'], ['result', 'body']), junk),
          task: fc.oneof(fc.constantFrom('draft', 'classify'), junk),
          output: fc.oneof(fc.constantFrom('body', 'ticketId', 'result'), junk),
          inputs: fc.oneof(fc.constantFrom({ body: '{{body}}' }, { ticketId: '{{ticketId}}', body: 'Hello {{result}}' }), junk),
          timeoutHours: fc.oneof(fc.constantFrom(0, 4, null, -1, Number.NaN), junk),
          team: fc.oneof(fc.constantFrom('', 'Ops'), junk),
          rules: fc.oneof(fc.constant([{ id: 'r1', when: { all: [] } }]), junk),
        },
        { requiredKeys: ['ref', 'mode'] },
      )
      .map(({ ref: chosen, ...rest }) => ({ ...rest, ...(chosen ?? {}) })),
  },
  { weight: 1, arbitrary: junk },
);

const node = fc.record(
  {
    id: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...NODE_IDS) }, { weight: 1, arbitrary: junk }),
    kind: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...KINDS) }, { weight: 1, arbitrary: fc.constantFrom('wait', 'note', '') }, { weight: 1, arbitrary: junk }),
    label: fc.oneof(fc.string({ maxLength: 5 }), junk),
    position: fc.oneof(fc.record({ x: fc.integer(), y: fc.integer() }), junk),
    config: anyConfig,
    lint: fc.oneof(fc.record({ disable: fc.array(fc.record({ rule: fc.constantFrom(...RULE_IDS), reason: fc.oneof(fc.string({ maxLength: 4 }), junk) }), { maxLength: 2 }) }), junk),
  },
  { requiredKeys: ['id', 'kind'] },
);

const edge = fc.record(
  {
    id: fc.string({ maxLength: 3 }),
    source: fc.constantFrom(...NODE_IDS, 'n99'),
    sourceHandle: fc.oneof(fc.constantFrom(...HANDLES), junk),
    target: fc.constantFrom(...NODE_IDS, 'n99'),
  },
  { requiredKeys: ['source', 'target'] },
);

/** A connection id with the connector it usually uses, so that many references resolve. */
const CONNECTION_PAIRS: [string, string][] = [
  ['helpdesk', 'helpdesk'],
  ['billing', 'billing'],
  ['mail', 'email'],
  ['erp', 'erp'],
  ['ghost', 'unknown'],
];

const connection = fc
  .record(
    {
      pair: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...CONNECTION_PAIRS) }, { weight: 1, arbitrary: fc.tuple(junk, junk) }),
      label: fc.oneof(fc.string({ maxLength: 4 }), junk),
      grants: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...GRANTS), junk), { maxLength: 4 }), junk),
      logging: fc.oneof(fc.boolean(), junk),
      maintainer: fc.oneof(fc.constantFrom('', 'IT'), junk),
      revocation: fc.oneof(fc.constantFrom('', 'Disable it'), junk),
    },
    { requiredKeys: ['pair'] },
  )
  .map(({ pair, ...rest }) => ({ id: pair[0], connector: pair[1], ...rest }));

const customConnector = fc.record({
  id: fc.constantFrom('erp', 'helpdesk', 'crm2'),
  label: fc.string({ maxLength: 4 }),
  actions: fc.oneof(
    fc.array(
      fc.record({ scope: fc.constantFrom('erp.sync', 'erp.read'), effect: fc.constantFrom('read', 'write', 'send', 'delete'), customerFacing: fc.boolean(), data: fc.constantFrom([], ['financial'], ['personal', 'medical']) }),
      { maxLength: 3 },
    ),
    junk,
  ),
});

const document = fc.record(
  {
    format: fc.constant('flowgate.workflow'),
    schemaVersion: fc.constant(1),
    id: fc.constant('fuzz'),
    name: fc.constant('Fuzz'),
    owner: fc.oneof(fc.constantFrom('', 'Owner'), junk),
    connectors: fc.oneof(
      { weight: 2, arbitrary: fc.array(fc.oneof(customConnector, junk), { maxLength: 2 }) },
      // What `flowgate import` writes for an n8n community node: an action of unknown effect.
      { weight: 1, arbitrary: fc.constant([{ id: 'erp', label: 'ERP (n8n)', actions: [{ scope: 'erp.sync', label: 'Run the n8n node n8n-nodes-erp.erp', effect: 'trigger', customerFacing: false, data: [], unknownEffect: true }] }]) },
      { weight: 1, arbitrary: junk },
    ),
    connections: fc.oneof({ weight: 9, arbitrary: fc.array(fc.oneof({ weight: 9, arbitrary: connection }, { weight: 1, arbitrary: junk }), { maxLength: 4 }) }, { weight: 1, arbitrary: junk }),
    nodes: fc.oneof({ weight: 9, arbitrary: fc.array(fc.oneof({ weight: 9, arbitrary: node }, { weight: 1, arbitrary: junk }), { maxLength: 10 }) }, { weight: 1, arbitrary: junk }),
    edges: fc.oneof({ weight: 9, arbitrary: fc.array(fc.oneof({ weight: 9, arbitrary: edge }, { weight: 1, arbitrary: junk }), { maxLength: 16 }) }, { weight: 1, arbitrary: junk }),
    lint: fc.oneof(fc.record({ rules: fc.dictionary(fc.constantFrom(...RULE_IDS), fc.constantFrom('off', 'info', 'warn', 'error', 'loud')) }), junk),
  },
  { requiredKeys: ['format', 'schemaVersion', 'nodes', 'edges', 'connections'] },
);

/**
 * A chain of steps where approvals, rewrites and sends meet (the shapes gate/stale-approval and
 * gate/blind-approval judge), drawn densely enough that a sample finds them; configs still mixed.
 */
const chainConfig = fc.record({
  connection: fc.constant('helpdesk'),
  action: fc.constantFrom('tickets.reply', 'tickets.comment', 'tickets.read'),
  inputs: fc.constantFrom({}, { body: '{{body}}' }, { ticketId: '{{ticketId}}', body: '{{result}}' }),
  mode: fc.constantFrom('act', 'suggest'),
  task: fc.constantFrom('draft', 'classify'),
  output: fc.constantFrom('body', 'result'),
  tools: fc.constantFrom([], [{ connection: 'helpdesk', action: 'tickets.reply' }]),
  shows: fc.constantFrom(undefined, [], ['body']),
  reviewer: fc.constant('Owner'),
});
const chainOf = (kinds: string[]) =>
  fc
    .array(fc.record({ kind: fc.constantFrom(...kinds), config: chainConfig, handle: fc.constantFrom('approved', 'ok', 'out', 'rejected') }), {
      minLength: 2,
      maxLength: 6,
    })
    .map((steps) => steps.map((s, i) => (i === 0 && kinds.length < 4 ? { ...s, kind: 'intake' } : s)));
const chainDocument = chainOf(['intake', 'approval', 'ai', 'integration']).map((steps) => chainDoc(steps));
function chainDoc(steps: { kind: string; config: Record<string, unknown>; handle: string }[]) {
  return {
    format: 'flowgate.workflow',
    schemaVersion: 1,
    id: 'chain',
    name: 'Chain',
    owner: 'Owner',
    connections: [{ id: 'helpdesk', connector: 'helpdesk', label: 'Help desk', grants: ['tickets.*'] }],
    nodes: steps.map((s, i) => ({ id: `n${i}`, kind: s.kind, label: `Step ${i}`, position: { x: i, y: 0 }, config: s.config })),
    edges: steps.slice(1).map((_, i) => ({ id: `e${i}`, source: `n${i}`, sourceHandle: steps[i].handle, target: `n${i + 1}` })),
  };
}
const anyDocument = fc.oneof({ weight: 4, arbitrary: document }, { weight: 1, arbitrary: chainDocument });

describe('analysis of any document', () => {
  it('never throws, never has a rule fail, and reports only known rules and severities', () => {
    fc.assert(
      fc.property(anyDocument, (raw) => {
        const result = analyze(raw as unknown as Workflow);
        for (const f of [...result.findings, ...result.suppressed]) {
          expect(f.ruleId === RULE_ERROR ? f.message : '').toBe('');
          expect(RULE_IDS.has(f.ruleId)).toBe(true);
          expect(SEVERITIES).toContain(f.severity);
          expect(typeof f.message).toBe('string');
        }
        expect(result.counts.error + result.counts.warn + result.counts.info).toBe(result.findings.length);
      }),
      { numRuns: 400 },
    );
    // The generator is rich enough to make most rules speak, so the runs above did exercise them.
  });

  it('comes from a generator rich enough to make every rule speak (a fixed sample, so this cannot flake)', () => {
    const seen = new Set<string>();
    for (const raw of fc.sample(anyDocument, { seed: 20240501, numRuns: 2000 })) {
      for (const f of analyze(raw as unknown as Workflow).findings) seen.add(f.ruleId);
    }
    expect([...RULE_IDS].filter((id) => !seen.has(id))).toEqual([]);
  });

  it('survives documents that are not even objects', () => {
    for (const raw of [null, undefined, 42, 'text', [], {}]) {
      expect(() => analyze(raw as unknown as Workflow)).not.toThrow();
    }
  });

  it('finishes on a 10,000-step chain that loops back to its start (no recursion, no per-step search)', () => {
    const n = 10_000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: i === 0 ? 'intake' : 'decision', label: `Step ${i}`, position: { x: i, y: 0 }, config: i === 0 ? {} : { rules: [] } }));
    const edges = Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, source: `n${i}`, sourceHandle: i === 0 ? 'out' : 'else', target: `n${i + 1}` }));
    edges.push({ id: 'back', source: `n${n - 1}`, sourceHandle: 'else', target: 'n1' });
    const { workflow } = loadWorkflowValue({ format: 'flowgate.workflow', schemaVersion: 1, id: 'big', name: 'Big', owner: 'Me', connections: [], nodes, edges });
    const loops = analyze(workflow).findings.filter((f) => f.ruleId === 'graph/unbounded-loop');
    expect(loops).toEqual([expect.objectContaining({ nodeId: 'n1', message: expect.stringContaining('and 9996 more') })]);
  });
});

// ---- valid documents: the quick fixes remove what they fix ----

const randomValidDocument = fc
  .record({
    kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 8 }),
    edges: fc.array(fc.tuple(fc.nat(7), fc.constantFrom(...HANDLES), fc.nat(7)), { maxLength: 14 }),
    actions: fc.array(fc.constantFrom('tickets.read', 'tickets.reply', 'tickets.delete', 'billing.refunds.issue', 'tickets.comment'), { minLength: 8, maxLength: 8 }),
    grants: fc.array(fc.constantFrom('tickets.read', 'tickets.reply', 'tickets.*', 'billing.customers.read', '*'), { maxLength: 3 }),
  })
  .map(({ kinds, edges, actions, grants }) => {
    const nodes = kinds.map((kind, i) => {
      const actionRef = { connection: actions[i].startsWith('billing') ? 'billing' : 'helpdesk', action: actions[i] };
      const stepConfig =
        kind === 'integration'
          ? actionRef
          : kind === 'ai'
            ? // An AI step that acts, or one that drafts the text a later send takes (stale after an approval).
              i % 2 === 0
              ? { mode: 'act', tools: [actionRef] }
              : { task: 'draft', output: 'body' }
            : kind === 'decision'
              ? { rules: [{ id: 'r1' }] }
              : kind === 'approval' && i % 3 === 0
                ? { shows: [] }
                : {};
      return { id: `n${i}`, kind, label: `Step ${i}`, position: { x: i * 200, y: 0 }, config: stepConfig };
    });
    const seen = new Set<string>();
    const edgeList = edges
      .filter(([s, , t]) => s < nodes.length && t < nodes.length && s !== t && nodes[t].kind !== 'intake' && nodes[s].kind !== 'end')
      .filter(([s, h]) => !seen.has(`${s}.${h}`) && !!seen.add(`${s}.${h}`))
      .map(([s, h, t], i) => ({ id: `e${i}`, source: `n${s}`, sourceHandle: h, target: `n${t}` }));
    return {
      format: 'flowgate.workflow',
      schemaVersion: 1,
      id: 'valid',
      name: 'Valid',
      owner: 'Owner',
      connections: [
        { id: 'helpdesk', connector: 'helpdesk', label: 'Help desk', grants },
        { id: 'billing', connector: 'billing', label: 'Billing', grants: ['billing.customers.read'] },
      ],
      nodes,
      edges: edgeList,
    };
  });

const validDocument = fc.oneof(
  { weight: 2, arbitrary: randomValidDocument },
  // A chain from an intake through approvals, rewrites and sends (the first step is the intake).
  { weight: 1, arbitrary: chainOf(['approval', 'ai', 'integration']).map((steps) => chainDoc(steps)) },
);

const FIXED_BY = new Set(['permission/exceeds-grant', 'permission/unused-grant', 'permission/broad-grant', 'gate/missing-approval', 'gate/stale-approval', 'gate/blind-approval']);

/** Applies every fix offered on the document and checks it; adds the rules whose fixes ran to `applied`. */
function checkFixes(raw: unknown, applied: Set<string>): void {
  const { workflow } = loadWorkflowValue(raw);
  for (const finding of analyze(workflow).findings) {
    for (const fix of fixesFor(workflow, finding)) {
      expect(FIXED_BY.has(finding.ruleId)).toBe(true);
      applied.add(finding.ruleId);
      const fixed = fix.apply(workflow);
      expect(() => loadWorkflowValue(JSON.parse(JSON.stringify(fixed)))).not.toThrow();
      const still = analyze(fixed).findings.filter(
        (f) => f.ruleId === finding.ruleId && f.nodeId === finding.nodeId && f.connectionId === finding.connectionId && f.scope === finding.scope,
      );
      expect(still).toEqual([]);
    }
  }
}

describe('quick fixes on any valid document', () => {
  it('make their finding go away and keep the document valid', () => {
    fc.assert(
      fc.property(validDocument, (raw) => checkFixes(raw, new Set())),
      { numRuns: 300 },
    );
  });

  it('come from a generator rich enough to exercise every quick fix (a fixed sample, so this cannot flake)', () => {
    const applied = new Set<string>();
    for (const raw of fc.sample(validDocument, { seed: 20240502, numRuns: 600 })) checkFixes(raw, applied);
    expect([...applied].sort()).toEqual([...FIXED_BY].sort());
  });
});
