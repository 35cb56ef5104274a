// Small builders for simulation tests: workflows go through the real loader, so defaults apply as in a file.
import { loadWorkflowValue } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { compileWorkflow } from '../../../shared/simulation/compile';
import { dataSetsFrom, type DataRecord, type DataSets } from '../../../shared/simulation/datasets';
import { simulate } from '../../../shared/simulation/simulate';
import type { RunOptions } from '../../../shared/simulation/engine';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import type { Trace } from '../../../shared/simulation/trace';

type Raw = Record<string, unknown>;
const at = { x: 0, y: 0 };

export const intake = (id: string, config: Raw = {}): Raw => ({ id, kind: 'intake', label: id, position: at, config: { source: 'form', ...config } });
export const ai = (id: string, config: Raw): Raw => ({ id, kind: 'ai', label: id, position: at, config });
export const integration = (id: string, connection: string, action: string, inputs: Record<string, string> = {}): Raw => ({
  id,
  kind: 'integration',
  label: id,
  position: at,
  config: { connection, action, inputs },
});
export const decision = (id: string, rules: Raw[]): Raw => ({ id, kind: 'decision', label: id, position: at, config: { rules } });
export const approval = (id: string, config: Raw = {}): Raw => ({ id, kind: 'approval', label: id, position: at, config: { reviewer: 'Lead', ...config } });
export const escalation = (id: string, config: Raw = {}): Raw => ({ id, kind: 'escalation', label: id, position: at, config: { team: 'Team', ...config } });
export const end = (id: string, outcome = 'resolved'): Raw => ({ id, kind: 'end', label: id, position: at, config: { outcome } });

export const conn = (id: string, connector: string, grants: string[], extra: Raw = {}): Raw => ({
  id,
  connector,
  label: id,
  identity: `svc-${id}`,
  grants,
  logging: true,
  ...extra,
});

/** Edges as [source, handle, target]. */
export function workflow(parts: { nodes: Raw[]; edges: [string, string, string][]; connections?: Raw[]; connectors?: Raw[]; simulation?: Raw; owner?: string }): Workflow {
  return loadWorkflowValue({
    format: 'flowgate.workflow',
    schemaVersion: 1,
    id: 'test',
    name: 'Test workflow',
    owner: parts.owner ?? 'Test owner',
    connections: parts.connections ?? [],
    ...(parts.connectors ? { connectors: parts.connectors } : {}),
    nodes: parts.nodes,
    edges: parts.edges.map(([source, sourceHandle, target], i) => ({ id: `e${i + 1}`, source, sourceHandle, target })),
    ...(parts.simulation ? { simulation: parts.simulation } : {}),
  }).workflow;
}

export const tickets: DataRecord[] = [
  { id: 'T-1', subject: 'Charged twice', body: 'My card was charged twice.', customerEmail: 'ana@example.com', customerName: 'Ana Ruiz', status: 'open' },
  { id: 'T-2', subject: 'Cannot log in', body: 'The reset link expired.', customerEmail: 'bo@example.com', customerName: 'Bo Li', status: 'open' },
];
export const articles: DataRecord[] = [
  { id: 'KB-1', system: 'knowledge', status: 'published', title: 'Reset your password', tags: ['password', 'login'], body: 'Click Forgot password. The link works for an hour.' },
  { id: 'KB-2', system: 'knowledge', status: 'published', title: 'Duplicate charges', tags: ['refund', 'charge'], body: 'A duplicate charge is released by the bank. Otherwise we refund it.' },
  { id: 'KB-3', system: 'knowledge', status: 'draft', title: 'Password policy draft', tags: ['password'], body: 'Not approved.' },
];
export const customers: DataRecord[] = [{ id: 'C-1', name: 'Ana Ruiz', email: 'ana@example.com', plan: 'Growth' }];
export const invoices: DataRecord[] = [{ id: 'INV-1', customerId: 'C-1', amount: 79, status: 'paid' }];

export function testData(): DataSets {
  return dataSetsFrom({ tickets, articles, customers, invoices });
}

/** Runs the first scenario (or `options.scenario`) with the test data; approvals nobody decides are approved. */
export function run(wf: Workflow, options: RunOptions = {}, data: DataSets = testData()): Trace {
  const section = parseSimulationSection(wf.simulation);
  return simulate(compileWorkflow(wf, data), {
    scenario: section.scenarios[0],
    reviewers: section.reviewers,
    undecided: 'approve',
    ...options,
  });
}

export function scenario(input: Raw = {}, rest: Raw = {}): Raw {
  return { scenarios: [{ id: 's1', name: 'Scenario', input, ...rest }] };
}
