// The n8n export, checked against n8n's own node descriptions of the pinned release (not against our
// reading of the format): templates, every built-in action, generated workflows; plus the meaning of
// decision conditions, which must decide exactly as Flowgate's rule evaluation does.
import { createContext, runInContext, runInNewContext } from 'node:vm';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CONNECTORS } from '../../../shared/connectors/catalog';
import { conditionBody, conditionExpr, templateParam } from '../../../shared/interchange/n8n/expressions';
import { exportToN8n } from '../../../shared/interchange/n8n/export-workflow';
import { n8nTarget } from '../../../shared/interchange/n8n/index';
import { exportTarget } from '../../../shared/interchange/targets';
import type { Condition, DecisionOp, Workflow } from '../../../shared/model/schema';
import { holds } from '../../../shared/simulation/conditions';
import { MIN_NODES, generateWorkflow } from '../../fixtures/generate-workflow';
import { SECRET_PATTERNS, n8nProblems } from './n8n-node-types';
import { templates } from './templates';
import { approvalSeverity } from '../../../shared/analysis/rules/gate/missing-approval';
import { describeNode } from '../../../shared/interchange/n8n/catalog/index';

function expectValid(wf: Workflow) {
  const { workflow } = exportToN8n(wf);
  expect(n8nProblems(workflow)).toEqual([]);
  const text = JSON.stringify(workflow);
  for (const p of SECRET_PATTERNS) expect(text).not.toMatch(p);
  return workflow;
}

describe('n8n export', () => {
  it.each(templates().map((t) => [t.file, t.workflow] as const))('exports the template %s with nodes, parameters and connections n8n knows', (_file, wf) => {
    const out = expectValid(wf);
    expect(out.settings).toEqual({ executionOrder: 'v1' });
    // Every Flowgate step is one n8n node named after its label.
    for (const n of wf.nodes) expect(out.nodes.some((x) => x.name === n.label)).toBe(true);
  });

  it('is the registered n8n target and writes one JSON file', async () => {
    expect(exportTarget('n8n')).toBe(n8nTarget);
    const { workflow } = templates()[0];
    const output = await n8nTarget.export(workflow, { baseName: 'triage' });
    expect(output.files.map((f) => f.name)).toEqual(['triage.json']);
    expect(JSON.parse(output.files[0].content).nodes.length).toBeGreaterThan(workflow.nodes.length);
  });

  it('exports every built-in connector action to a node n8n knows', () => {
    const connections = BUILTIN_CONNECTORS.map((c) => ({ id: c.id, connector: c.id, label: c.label, identity: 'svc', grants: [], logging: true, maintainer: 'IT', revocation: 'x' }));
    const nodes: Workflow['nodes'] = [{ id: 'in', kind: 'intake', label: 'Start', position: { x: 0, y: 0 }, config: { source: 'manual', fields: ['email'] } }];
    const edges: Workflow['edges'] = [];
    for (const c of BUILTIN_CONNECTORS) {
      for (const a of c.actions) {
        const id = `${c.id}-${a.scope}`;
        const inputs = Object.fromEntries((a.inputs ?? []).map((k) => [k, `{{email}} ${k}`]));
        nodes.push({ id, kind: 'integration', label: a.label, position: { x: 0, y: 0 }, config: { connection: c.id, action: a.scope, inputs } });
        edges.push({ id: `e-${id}`, source: 'in', sourceHandle: 'out', target: id });
      }
    }
    const wf = { format: 'flowgate.workflow', schemaVersion: 1, id: 'all', name: 'All actions', description: '', owner: 'me', connections, nodes, edges } as Workflow;
    const out = expectValid(wf);
    expect(out.nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest').map((n) => n.name).sort()).toEqual(
      ['Archive an article', 'Call a webhook', 'Delete a record', 'Draft an article', 'Fetch data', 'Issue a refund', 'Publish an article', 'Read an article', 'Search articles', 'Update a record'].sort(),
    );
  });

  it('exports each built-in action to a node the import reads back with the same effect and approval severity', () => {
    // Known, documented differences: n8n's Gmail node cannot tell an internal email from one to a
    // customer; the knowledge base has no n8n node, so its actions are plain HTTP calls.
    const DIFFERENT = new Set(['email.send_internal', 'kb.publish_article']);
    for (const c of BUILTIN_CONNECTORS) {
      for (const a of c.actions) {
        const wf = {
          format: 'flowgate.workflow', schemaVersion: 1, id: 'one', name: 'One', description: '', owner: 'me',
          connections: [{ id: c.id, connector: c.id, label: c.label, identity: 'svc', grants: [], logging: true, maintainer: 'IT', revocation: 'x' }],
          nodes: [{ id: 'x', kind: 'integration', label: 'X', position: { x: 0, y: 0 }, config: { connection: c.id, action: a.scope, inputs: Object.fromEntries((a.inputs ?? []).map((k) => [k, k])) } }],
          edges: [],
        } as unknown as Workflow;
        const node = exportToN8n(wf).workflow.nodes[0];
        const role = describeNode(node).role;
        expect(role.role).toBe('integration');
        if (role.role !== 'integration' || DIFFERENT.has(a.scope)) continue;
        expect({ scope: a.scope, effect: role.action.effect === 'read', severity: approvalSeverity(role.action) }).toEqual({ scope: a.scope, effect: a.effect === 'read', severity: approvalSeverity(a) });
      }
    }
  });

  it('exports generated workflows of any size and variant validly', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_NODES, max: 120 }), fc.integer({ min: 1, max: 1000 }), fc.constantFrom('clean' as const, 'flawed' as const), (nodes, seed, variant) => {
        expect(n8nProblems(exportToN8n(generateWorkflow({ nodes, seed, variant })).workflow)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('maps decisions, approvals, errors and confidence to n8n outputs', () => {
    const wf = templates().find((t) => t.file.startsWith('support-ticket'))!.workflow;
    const { workflow, names } = exportToN8n(wf);
    const byName = new Map(workflow.nodes.map((n) => [n.name, n]));
    const main = (from: string, index: number) => (workflow.connections[from]?.main?.[index] ?? []).map((t) => t.node);
    const approval = byName.get(names.get('n8')!)!;
    expect(approval.type).toBe('n8n-nodes-base.gmail');
    expect(approval.parameters.operation).toBe('sendAndWait');
    expect(approval.parameters.options).toEqual({ limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 4, resumeUnit: 'hours' } } });
    expect(approval.credentials).toEqual({ gmailOAuth2: { id: expect.any(String), name: 'Approvals mailbox (choose in n8n)' } });
    // Switch after the approval: approved → reply, rejected → agents, no answer → supervisors.
    const [answer] = main(approval.name, 0);
    expect(byName.get(answer)!.type).toBe('n8n-nodes-base.switch');
    expect(main(answer, 0)).toEqual([names.get('n9')]);
    expect(main(answer, 1)).toEqual([names.get('n12')]);
    expect(main(answer, 2)).toEqual([names.get('n14')]);
    // The decision's "else" is the IF's false output; the integration's error output is its second.
    const decision = byName.get(names.get('n3')!)!;
    expect(decision.type).toBe('n8n-nodes-base.if');
    expect(main(decision.name, 0)).toEqual([names.get('n4')]);
    expect(main(decision.name, 1)).toEqual([names.get('n6')]);
    const reply = byName.get(names.get('n9')!)!;
    expect(reply.onError).toBe('continueErrorOutput');
    expect(main(reply.name, 1)).toEqual([names.get('n15')]);
    // The AI step carries an OpenAI chat model on its ai_languageModel input.
    const model = Object.entries(workflow.connections).find(([, c]) => c.ai_languageModel?.[0]?.[0]?.node === names.get('n2'));
    expect(byName.get(model![0])!.type).toBe('@n8n/n8n-nodes-langchain.lmChatOpenAi');
    // Same workflow, same file.
    expect(JSON.stringify(exportToN8n(wf).workflow)).toBe(JSON.stringify(workflow));
  });

  it('uses a Switch with a fallback output for decisions with several rules', () => {
    const wf = templates().find((t) => t.file.startsWith('sales-lead'))!.workflow;
    const { workflow, names } = exportToN8n(wf);
    const sw = workflow.nodes.find((n) => n.name === names.get('n3'))!;
    expect(sw.type).toBe('n8n-nodes-base.switch');
    expect(sw.parameters.options).toEqual({ fallbackOutput: 'extra', renameFallbackOutput: 'Else' });
    expect(workflow.connections[sw.name].main[2]!.map((t) => t.node)).toEqual([names.get('n7')]);
  });
});

// ---- conditions mean what Flowgate means ----

// The expressions run in a fresh JavaScript context, as n8n evaluates them apart from its own code.
const sandbox = createContext({});
const compiled = new Map<string, (a: unknown) => boolean>();
const evalBody = (c: Pick<Condition, 'op' | 'value'>, a: unknown) => {
  const code = `(a) => { ${conditionBody(c)} }`;
  let fn = compiled.get(code);
  if (!fn) compiled.set(code, (fn = runInContext(code, sandbox) as (a: unknown) => boolean));
  return fn(a);
};

const VALUES: unknown[] = [undefined, null, '', 'billing', ' Billing ', 'BILLING', 'bill', 0, 1200, '1200', '1,200', '$1,200.00', '1200.5', 80, '80', true, false, 'true', 'FALSE', [], ['a', 'billing'], [{ id: 'billing' }], { id: 'x' }, 'refund please', NaN];
const EXPECTED: Condition['value'][] = ['billing', 'Billing', 1200, '1200', '1,200', 80, '$80', true, false, 'true', '', 0, null, ['billing', 'other'], [1200, '80'], 'refund'];
const OPS: DecisionOp[] = ['eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'];

describe('n8n decision conditions', () => {
  it('decide as Flowgate does on a table of missing values, case and numbers written as text', () => {
    for (const op of OPS) {
      for (const value of EXPECTED) {
        for (const a of VALUES) {
          const c = { var: 'x', op, value } as Condition;
          expect({ op, value, a, n8n: evalBody(c, a) }).toEqual({ op, value, a, n8n: holds(c, { x: a }) });
        }
      }
    }
  });

  it('decide as Flowgate does on any value (property)', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constantFrom('1,200', ' $80 ', 'Billing', '€5'));
    // A condition's value comes from the workflow file: JSON, so never NaN or ±Infinity (the schema
    // refuses them too). The value compared with it may be anything.
    const fileScalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constantFrom('1,200', ' $80 ', 'Billing', '€5'));
    fc.assert(
      fc.property(fc.constantFrom(...OPS), fc.oneof(fileScalar, fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 })), fc.oneof(scalar, fc.constant(undefined), fc.array(scalar, { maxLength: 3 })), (op, value, a) => {
        const c = { var: 'x', op, value } as Condition;
        expect(evalBody(c, a)).toBe(holds(c, { x: a }));
      }),
      { numRuns: 2000, seed: 20_261_207 },
    );
  });

  it('read the variable from the node that provides it, and evaluate in an n8n-like expression', () => {
    const sources = new Map([['category', '$("Classify").item.json.output?.["category"]']]);
    const expr = conditionExpr({ var: 'category', op: 'eq', value: 'billing' }, sources);
    expect(expr.startsWith('={{ ') && expr.endsWith(' }}')).toBe(true);
    expect(expr.slice(4, -3)).not.toContain('}}');
    const run = (output: unknown) => runInNewContext(expr.slice(4, -3), { $: (name: string) => ({ item: { json: name === 'Classify' ? { output } : {} } }) });
    expect(run({ category: ' BILLING' })).toBe(true);
    expect(run({ category: 'technical' })).toBe(false);
    expect(run(undefined)).toBe(false);
  });

  it('turns {{variables}} in texts into n8n expressions and leaves plain text alone', () => {
    const sources = new Map([['name', '$("Form").item.json?.["name"]']]);
    expect(templateParam('Hello {{name}}, today is {{today}}', sources)).toBe('=Hello {{ $("Form").item.json?.["name"] }}, today is {{ $today.toISODate() }}');
    expect(templateParam('No variables here', sources)).toBe('No variables here');
  });
});
