// Generated workflows export to BPMN that Camunda's tools accept: the generator of tests/fixtures (clean
// and flawed variants, with their missing branches, absent reviewers and timeouts), and small random
// graphs with odd names and links. Each export parses without a warning, lints with 0 errors at the
// chosen Camunda version and draws without overlapping shapes. Kept to a few dozen runs.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBpmn } from '../../../electron/backend/interchange/bpmn-lint';
import { CAMUNDA_VERSIONS, exportBpmn } from '../../../shared/interchange/bpmn/index';
import { loadWorkflowValue } from '../../../shared/model/load';
import { generateWorkflow, MIN_NODES } from '../../fixtures/generate-workflow';
import { diagramProblems, readBack } from './bpmn-helpers';

async function expectAccepted(wf: Parameters<typeof exportBpmn>[0], camunda: string): Promise<void> {
  const out = exportBpmn(wf, { baseName: 'generated', camunda });
  const xml = out.files[0].content;
  const check = await checkBpmn(xml, camunda);
  expect(check.errors, wf.id).toEqual([]);
  const back = await readBack(xml);
  expect(back.warnings).toEqual([]);
  expect(diagramProblems(back), wf.id).toEqual([]);
  for (const f of out.files.slice(1)) expect(() => JSON.parse(f.content)).not.toThrow();
}

describe('generated workflows', () => {
  // Generous limits: a few dozen exports and lints, on a machine other tests share.
  it('the generator’s workflows, clean and flawed, are accepted by Camunda’s tools', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MIN_NODES, max: 70 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom('clean' as const, 'flawed' as const),
        fc.constantFrom(...CAMUNDA_VERSIONS),
        async (nodes, seed, variant, camunda) => {
          await expectAccepted(generateWorkflow({ nodes, seed, variant }), camunda);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('a large generated workflow too (one run)', { timeout: 120_000 }, async () => {
    await expectAccepted(generateWorkflow({ nodes: 240, seed: 7, variant: 'flawed' }), '8.8');
  });

  const KINDS = ['intake', 'ai', 'integration', 'decision', 'approval', 'escalation', 'end'] as const;
  const NAMES = ['category', 'amount', 'first-name', 'in', '2nd', 'ticket.subject', 'now', 'runId', 'a b', ''];
  const HANDLES = ['out', 'ok', 'error', 'low_confidence', 'approved', 'rejected', 'timeout', 'else', 'r1', 'r2', 'bogus'];
  const node = (i: number) =>
    fc.record({
      kind: fc.constantFrom(...KINDS),
      label: fc.constantFrom('Step', '', 'Ünïcode & <xml> "quotes"', 'Same name', 'x'.repeat(120)),
      x: fc.integer({ min: -400, max: 1200 }),
      y: fc.integer({ min: -300, max: 900 }),
      source: fc.constantFrom('form', 'manual', 'email', 'ticket', 'webhook', 'schedule'),
      name: fc.constantFrom(...NAMES),
      op: fc.constantFrom('eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'),
      value: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })),
      timeout: fc.constantFrom(null, 0, 0.5, 1.25, 4, 1 / 3),
      connection: fc.constantFrom('helpdesk', 'api', 'ghost', ''),
      action: fc.constantFrom('tickets.reply', 'tickets.read', 'http.get', 'http.post', 'nope', ''),
      template: fc.constantFrom('', 'Hi {{first-name}}, {{ticket.subject}}', '{{amount}}', 'plain "text" \\ with \n lines', '{{now}} {{runId}}'),
      priority: fc.constantFrom('low', 'normal', 'high', 'urgent'),
    }).map((r) => {
      const id = `n${i}`;
      const position = { x: r.x, y: r.y };
      const base = { id, label: r.label, position };
      switch (r.kind) {
        case 'intake':
          return { ...base, kind: r.kind, config: { source: r.source, fields: [r.name, 'subject'].filter(Boolean) } };
        case 'ai':
          return { ...base, kind: r.kind, config: { task: 'draft', prompt: r.template, output: r.name || 'result', sources: r.connection ? [{ connection: r.connection, action: r.action }] : [] } };
        case 'integration':
          return { ...base, kind: r.kind, config: { connection: r.connection, action: r.action, inputs: { url: r.template, [r.name || 'body']: r.template } } };
        case 'decision':
          return { ...base, kind: r.kind, config: { rules: [{ id: 'r1', label: r.label, when: { all: [{ var: r.name, op: r.op, value: r.value }] } }, { id: 'r2', label: '', when: { any: [] } }] } };
        case 'approval':
          return { ...base, kind: r.kind, config: { reviewer: r.label, instructions: r.template, timeoutHours: r.timeout } };
        case 'escalation':
          return { ...base, kind: r.kind, config: { team: r.label, reason: r.template, priority: r.priority, ...(r.connection ? { connection: r.connection, action: r.action } : {}) } };
        default:
          return { ...base, kind: r.kind, config: { outcome: r.label } };
      }
    });

  it('small random graphs with odd names, positions and links export and are accepted', { timeout: 120_000 }, async () => {
    // The first step is an intake (a process needs a start; without one the export refuses, tested elsewhere).
    const graph = fc.integer({ min: 1, max: 9 }).chain((n) =>
      fc.record({
        nodes: fc.tuple(...Array.from({ length: n }, (_, i) => node(i))),
        source: fc.constantFrom('form', 'manual', 'email', 'ticket', 'webhook', 'schedule'),
        edges: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), handle: fc.constantFrom(...HANDLES) }), { maxLength: 14 }),
        camunda: fc.constantFrom(...CAMUNDA_VERSIONS),
      }),
    );
    await fc.assert(
      fc.asyncProperty(graph, async ({ nodes, source, edges, camunda }) => {
        const first = { id: 'n0', label: nodes[0].label, position: nodes[0].position, kind: 'intake', config: { source, fields: ['subject', 'first-name'] } };
        const doc = {
          format: 'flowgate.workflow',
          schemaVersion: 1,
          id: 'random graph',
          name: 'Random',
          owner: '',
          connections: [
            { id: 'helpdesk', connector: 'helpdesk', label: 'Help desk', identity: 'svc', grants: ['tickets.*'] },
            { id: 'api', connector: 'http', label: 'API', identity: 'svc-api', grants: ['http.get'] },
          ],
          nodes: [first, ...nodes.slice(1)],
          edges: edges.map((e, i) => ({ id: `e${i}`, source: `n${e.from}`, sourceHandle: e.handle, target: `n${e.to}` })),
        };
        const { workflow } = loadWorkflowValue(doc);
        await expectAccepted(workflow, camunda);
      }),
      { numRuns: 40 },
    );
  });
});
