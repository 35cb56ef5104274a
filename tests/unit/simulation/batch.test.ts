// Batch simulation: metrics agree with single runs of the engine, items are reproducible one by one,
// and the rates the user sets show up in the results.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import {
  BatchRunner,
  BatchSettingsError,
  batchItemOptions,
  batchToJson,
  itemSeed,
  prepareBatch,
  runBatch,
  type BatchSettingsInput,
  type PreparedBatch,
} from '../../../shared/simulation/batch';
import { CYCLE_BUCKETS_MINUTES, type BatchMetrics } from '../../../shared/simulation/metrics';
import { SimulationSpecError } from '../../../shared/simulation/scenario';
import { batchSettingsParamsSchema } from '../../../shared/simulation/batch-settings';
import { simulate } from '../../../shared/simulation/simulate';
import type { Trace } from '../../../shared/simulation/trace';
import { ai, approval, end, intake, testData, workflow } from './build';

const TEMPLATES = fileURLToPath(new URL('../../../resources/templates/', import.meta.url));
const sample = loadSampleData();

function template(name: string): Workflow {
  return loadWorkflow(readFileSync(`${TEMPLATES}${name}.flowgate.json`, 'utf8')).workflow;
}

const support = template('support-ticket-triage');
const FAULTS = { aiUnavailable: 0.05, aiUnsure: 0.1, connectorFailure: 0.03 };

/** Nearest-rank percentile, written again here so that the test does not trust the code under test. */
function nearestRank(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] : 0;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The metrics of items 0..n-1 computed the slow way: each item run on its own with the full event
 * list, everything derived from the traces.
 */
function referenceMetrics(prepared: PreparedBatch, n: number): Omit<BatchMetrics, 'cycleTimeMinutes'> & { cycle: number[] } {
  const wf = prepared.compiled.workflow;
  const kind = new Map(wf.nodes.map((node) => [node.id, node.kind]));
  const traces: Trace[] = [];
  for (let i = 0; i < n; i++) traces.push(simulate(prepared.compiled, { ...batchItemOptions(prepared, i), recordEvents: true }));
  const visits: Record<string, number> = Object.fromEntries(wf.nodes.map((node) => [node.id, 0]));
  const ms: Record<string, number> = Object.fromEntries(wf.nodes.map((node) => [node.id, 0]));
  const edges: Record<string, number> = Object.fromEntries(wf.edges.map((e) => [e.id, 0]));
  const outcomes: Record<string, number> = {};
  const stopped: Record<string, number> = {};
  const deniedBy: Record<string, number> = {};
  const errorsBy: Record<string, number> = {};
  const workload: BatchMetrics['reviewerWorkload'] = {};
  let withoutHuman = 0;
  let reviewed = 0;
  let escalated = 0;
  let denied = 0;
  let failed = 0;
  let errors = 0;
  let steps = 0;
  let breaches = 0;
  let notEntered = 0;
  let changed = 0;
  const changedBy: Record<string, number> = {};
  for (const t of traces) {
    steps += t.steps;
    for (const p of t.path) visits[p.nodeId]++;
    for (const c of t.calls) {
      if (!c.allowed) {
        denied++;
        deniedBy[c.nodeId] = (deniedBy[c.nodeId] ?? 0) + 1;
      } else if (c.result === 'failed') failed++;
      if (c.approvedContentChanged) {
        changed++;
        changedBy[c.nodeId] = (changedBy[c.nodeId] ?? 0) + 1;
      }
    }
    // Time per step from the events: entered → left, ended or stopped.
    let entered: { nodeId: string; atMs: number } | null = null;
    for (const e of t.events) {
      if (e.type === 'step.entered') entered = { nodeId: e.nodeId, atMs: e.atMs };
      else if ((e.type === 'step.left' || e.type === 'ended' || e.type === 'stopped') && entered) {
        ms[entered.nodeId] += e.atMs - entered.atMs;
        entered = null;
      }
    }
    // An item its intake could not read never entered: counted apart, in nothing else but its calls and visit.
    if (t.stopCode === 'not-entered') {
      notEntered++;
      continue;
    }
    if (prepared.settings.slaMinutes !== null && t.elapsedMs > prepared.settings.slaMinutes * 60_000) breaches++;
    const human = t.path.some((p) => kind.get(p.nodeId) === 'approval' || kind.get(p.nodeId) === 'escalation');
    if (t.path.some((p) => kind.get(p.nodeId) === 'escalation')) escalated++;
    if (t.outcome !== null) {
      outcomes[t.outcome] = (outcomes[t.outcome] ?? 0) + 1;
      if (!human) withoutHuman++;
    } else stopped[t.stopCode!] = (stopped[t.stopCode!] ?? 0) + 1;
    for (const p of t.path) {
      if (p.handle === 'error') {
        errors++;
        errorsBy[p.nodeId] = (errorsBy[p.nodeId] ?? 0) + 1;
      }
      const edge = p.handle === null ? undefined : wf.edges.find((e) => e.source === p.nodeId && e.sourceHandle === p.handle);
      if (edge) edges[edge.id]++;
    }
    if (t.stopCode === 'no-error-path') {
      const last = t.path[t.path.length - 1].nodeId;
      errors++;
      errorsBy[last] = (errorsBy[last] ?? 0) + 1;
    }
    if (t.approvals.some((a) => a.decision !== 'timeout')) reviewed++;
    for (const a of t.approvals) {
      const w = (workload[a.reviewer] ??= { items: 0, approved: 0, rejected: 0, timedOut: 0, hours: 0 });
      w.items++;
      w.hours += a.responseMinutes / 60;
      if (a.decision === 'approved') w.approved++;
      else if (a.decision === 'rejected') w.rejected++;
      else w.timedOut++;
    }
  }
  for (const w of Object.values(workload)) w.hours = r2(w.hours);
  return {
    runs: n,
    outcomes,
    stopped,
    completedWithoutHuman: withoutHuman,
    reviewed,
    escalated,
    deniedCalls: denied,
    failedCalls: failed,
    errors,
    deniedCallsByNode: deniedBy,
    errorsByNode: errorsBy,
    changedAfterApproval: changed,
    changedAfterApprovalByNode: changedBy,
    notEntered,
    slaMinutes: prepared.settings.slaMinutes,
    slaBreaches: prepared.settings.slaMinutes === null ? null : breaches,
    reviewerWorkload: workload,
    steps,
    nodeVisits: visits,
    nodeMeanSeconds: Object.fromEntries(wf.nodes.map((node) => [node.id, visits[node.id] ? r2(ms[node.id] / visits[node.id] / 1000) : 0])),
    edgeTraversals: edges,
    cycle: traces
      .filter((t) => t.stopCode !== 'not-entered')
      .map((t) => t.elapsedMs)
      .sort((a, b) => a - b),
  };
}

describe('batch metrics agree with the single-run engine', () => {
  it('a batch of one is one run of the engine with the derived seed', () => {
    const settings: BatchSettingsInput = { runs: 1, seed: 42 };
    const prepared = prepareBatch(support, sample, settings);
    const options = batchItemOptions(prepared, 0);
    expect(options.seed).toBe(itemSeed(42, 0));
    const trace = simulate(prepared.compiled, { ...options, recordEvents: true });
    const m = runBatch(support, sample, settings).metrics;
    expect(m.runs).toBe(1);
    expect(m.outcomes).toEqual({ [trace.outcome!]: 1 });
    expect(m.steps).toBe(trace.steps);
    expect(m.cycleTimeMinutes.max).toBe(trace.elapsedMinutes);
    expect(m.cycleTimeMinutes.p50).toBe(trace.elapsedMinutes);
    const visited = Object.entries(m.nodeVisits).filter(([, v]) => v > 0).map(([id]) => id);
    expect(visited.sort()).toEqual([...new Set(trace.path.map((p) => p.nodeId))].sort());
    // The first item is the first scenario's input, run the way `flowgate simulate --seed` runs it.
    expect(trace.scenario.id).toBe('happy');
    expect(trace.seed).toBe(itemSeed(42, 0));
  });

  it('every metric of a batch with faults equals what the items’ full traces say', () => {
    const settings: BatchSettingsInput = { runs: 400, seed: 7, inputs: { from: 'dataset', dataset: 'tickets' }, faults: FAULTS, slaMinutes: 60 };
    const prepared = prepareBatch(support, sample, settings);
    const { cycle, ...expected } = referenceMetrics(prepared, 400);
    const { cycleTimeMinutes, cycleTimeHistogram, ...actual } = runBatch(support, sample, settings).metrics;
    // Same counts, whatever order the maps list them in.
    expect(JSON.parse(JSON.stringify(actual))).toEqual(expected);
    expect(cycleTimeMinutes).toEqual({
      mean: r2(cycle.reduce((a, b) => a + b, 0) / cycle.length / 60_000),
      p50: r2(nearestRank(cycle, 0.5) / 60_000),
      p90: r2(nearestRank(cycle, 0.9) / 60_000),
      p95: r2(nearestRank(cycle, 0.95) / 60_000),
      max: r2(cycle[cycle.length - 1] / 60_000),
    });
    // Each item in the one bucket whose range holds its cycle time.
    const bucketOf = (ms: number) => CYCLE_BUCKETS_MINUTES.findLastIndex((from) => ms / 60_000 >= from);
    expect(cycleTimeHistogram).toEqual(CYCLE_BUCKETS_MINUTES.map((fromMinutes, i) => ({ fromMinutes, items: cycle.filter((ms) => bucketOf(ms) === i).length })));
    expect(cycleTimeHistogram!.filter((b) => b.items > 0).length).toBeGreaterThan(1);
    // The faults did happen, so the comparison covered the error paths.
    expect(actual.failedCalls).toBeGreaterThan(0);
    expect(actual.errors).toBeGreaterThan(0);
    expect(actual.notEntered).toBeGreaterThan(0);
  });

  it('counts add up', () => {
    const wf = template('invoice-approval');
    const m = runBatch(wf, sample, { runs: 3000, seed: 3, faults: FAULTS }).metrics;
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(m.outcomes) + sum(m.stopped) + m.notEntered!).toBe(3000);
    expect(sum(m.nodeVisits)).toBe(m.steps);
    expect(sum(m.errorsByNode)).toBe(m.errors);
    expect(sum(m.deniedCallsByNode)).toBe(m.deniedCalls);
    const endVisits = wf.nodes.filter((n) => n.kind === 'end').reduce((a, n) => a + m.nodeVisits[n.id], 0);
    expect(endVisits).toBe(sum(m.outcomes));
    // Every visit but the intake's comes along an edge.
    for (const node of wf.nodes) {
      const arriving = wf.edges.filter((e) => e.target === node.id).reduce((a, e) => a + m.edgeTraversals[e.id], 0);
      expect(arriving + (node.kind === 'intake' ? 3000 : 0), node.id).toBe(m.nodeVisits[node.id]);
    }
    for (const w of Object.values(m.reviewerWorkload)) expect(w.approved + w.rejected + w.timedOut).toBe(w.items);
    expect(m.completedWithoutHuman + m.escalated).toBeLessThanOrEqual(3000);
  });

  it('the same seed gives the same bytes; another seed gives other numbers', () => {
    const settings = { runs: 500, seed: 11, faults: FAULTS, slaMinutes: 30 };
    const a = batchToJson(runBatch(support, sample, settings));
    expect(batchToJson(runBatch(support, sample, settings))).toBe(a);
    expect(batchToJson(runBatch(support, sample, { ...settings, seed: 12 }))).not.toBe(a);
  });

  it('a batch stopped early has the first items of the full batch', () => {
    const runner = new BatchRunner(prepareBatch(support, sample, { runs: 1000, seed: 5, faults: FAULTS }));
    expect(runner.runNext(120)).toBe(120);
    expect(runner.runNext(130)).toBe(130);
    const partial = runner.result(true);
    expect(partial.cancelled).toBe(true);
    expect(partial.settings.runs).toBe(1000);
    expect(partial.metrics).toEqual(runBatch(support, sample, { runs: 250, seed: 5, faults: FAULTS }).metrics);
    runner.runNext(10_000);
    expect(runner.done).toBe(1000);
    expect(runner.result(true).cancelled).toBe(false);
  });
});

describe('rates and inputs', () => {
  it('a reviewer who rejects 30 % rejects close to 30 % of 10,000 items', () => {
    const wf = workflow({
      nodes: [intake('in'), approval('g', { reviewer: 'Lead', timeoutHours: null }), end('ok', 'approved'), end('no', 'rejected')],
      edges: [
        ['in', 'out', 'g'],
        ['g', 'approved', 'ok'],
        ['g', 'rejected', 'no'],
      ],
      simulation: { reviewers: { Lead: { approve: 0.7, reject: 0.3, timeout: 0 } } },
    });
    const m = runBatch(wf, testData(), { runs: 10_000, seed: 2024 }).metrics;
    const share = m.outcomes.rejected / m.runs;
    // 3.5 standard deviations of a binomial share at n = 10,000.
    expect(share).toBeGreaterThan(0.284);
    expect(share).toBeLessThan(0.316);
    expect(m.outcomes.approved + m.outcomes.rejected).toBe(10_000);
    expect(m.reviewerWorkload.Lead).toMatchObject({ items: 10_000, rejected: m.outcomes.rejected, timedOut: 0 });
    expect(m.reviewed).toBe(10_000);
    expect(m.completedWithoutHuman).toBe(0);
  });

  it('AI and connector faults come at the rates set', () => {
    const wf = workflow({
      nodes: [
        intake('in', { connection: 'hd', action: 'tickets.read' }),
        ai('cls', { task: 'classify', prompt: '{{body}}', output: 'c', labels: [{ name: 'any', keywords: [] }], confidenceThreshold: 0.1 }),
        end('done'),
        end('unsure', 'escalated'),
        end('failed', 'stopped'),
      ],
      connections: [{ id: 'hd', connector: 'helpdesk', label: 'Help desk', identity: 'svc', grants: ['tickets.read'], logging: true }],
      edges: [
        ['in', 'out', 'cls'],
        ['cls', 'ok', 'done'],
        ['cls', 'low_confidence', 'unsure'],
        ['cls', 'error', 'failed'],
      ],
      simulation: { scenarios: [{ id: 's', input: { ticketId: 'T-1', body: 'hello' } }] },
    });
    const m = runBatch(wf, testData(), { runs: 8000, seed: 9, faults: { aiUnavailable: 0.1, aiUnsure: 0.2, connectorFailure: 0.05 } }).metrics;
    const reached = m.nodeVisits.cls;
    // An item whose read failed never entered: counted apart, not as a stopped run.
    expect(m.stopped).toEqual({});
    expect(m.notEntered! / 8000).toBeGreaterThan(0.04);
    expect(m.notEntered! / 8000).toBeLessThan(0.06);
    expect(m.outcomes.stopped / reached).toBeGreaterThan(0.085);
    expect(m.outcomes.stopped / reached).toBeLessThan(0.115);
    expect(m.outcomes.escalated / reached).toBeGreaterThan(0.18);
    expect(m.outcomes.escalated / reached).toBeLessThan(0.22);
    // Without faults nothing fails.
    const calm = runBatch(wf, testData(), { runs: 500, seed: 9 }).metrics;
    expect(calm.outcomes).toEqual({ resolved: 500 });
  });

  it('takes data set records in a shuffled order, each as often as the others', () => {
    const prepared = prepareBatch(support, sample, { runs: 10, seed: 1, inputs: { from: 'dataset', dataset: 'tickets' } });
    const ids = prepared.variations.map((v) => v.id);
    const records = sample.get('tickets')!.map((r) => r.id);
    expect([...ids].sort()).toEqual([...records].sort());
    expect(ids).not.toEqual(records);
    // The intake reads tickets, so an item names its ticket and the intake reads the rest.
    expect(prepared.variations[0].input).toEqual({ ticketId: ids[0] });
    expect(batchItemOptions(prepared, records.length + 2).scenario!.id).toBe(ids[2]);
    const other = prepareBatch(support, sample, { runs: 10, seed: 2, inputs: { from: 'dataset', dataset: 'tickets' } });
    expect(other.variations.map((v) => v.id)).not.toEqual(ids);
  });

  it('records of a data set the intake does not read become the input, their id named after the set', () => {
    const prepared = prepareBatch(support, sample, { runs: 1, inputs: { from: 'dataset', dataset: 'customers' } });
    const input = prepared.variations[0].input;
    expect(input.customerId).toMatch(/^C-/);
    expect(input.id).toBeUndefined();
    expect(runBatch(support, sample, { runs: 50, inputs: { from: 'dataset', dataset: 'customers' } }).metrics.runs).toBe(50);
  });

  it("scenarios give their input only: their scripted decisions and faults are the batch's to set", () => {
    const prepared = prepareBatch(support, sample, { runs: 6 });
    expect(prepared.variations.map((v) => v.id)).toEqual(['happy', 'billing', 'rejected', 'timeout', 'ai-down', 'reply-fails']);
    for (const v of prepared.variations) {
      expect(v.decisions).toEqual({});
      expect(v.faults).toEqual({ ai: {}, actions: {} });
    }
  });

  it('refuses settings it cannot run, naming the field', () => {
    expect(() => prepareBatch(support, sample, { runs: 0 })).toThrow(BatchSettingsError);
    expect(() => prepareBatch(support, sample, { runs: 100_001 })).toThrow(/\$\.runs: must be at most 100,000/);
    expect(() => prepareBatch(support, sample, { runs: 1.5 })).toThrow(/\$\.runs: must be a whole number/);
    expect(() => prepareBatch(support, sample, { runs: 5, faults: { aiUnavailable: 0.7, aiUnsure: 0.5 } })).toThrow(/\$\.faults\.aiUnsure/);
    expect(() => prepareBatch(support, sample, { runs: 5, faults: { connectorFailure: 2 } })).toThrow(/between 0 and 1/);
    expect(() => prepareBatch(support, sample, { runs: 5, inputs: { from: 'dataset', dataset: 'orders' } }, { datasetNames: ['tickets', 'customers'] })).toThrow(
      new SimulationSpecError('$.inputs.dataset', 'there is no data set "orders" (data sets: tickets, customers)'),
    );
  });
});

describe("the workflow's SLA in a batch", () => {
  const withSla = { ...support, simulation: { ...(support.simulation as object), slaMinutes: 60 } } as Workflow;

  it('is the default when the settings leave the SLA out; null or a number in the settings wins', () => {
    expect(prepareBatch(withSla, sample, { runs: 10 }).settings.slaMinutes).toBe(60);
    expect(prepareBatch(withSla, sample, { runs: 10, slaMinutes: null }).settings.slaMinutes).toBeNull();
    expect(prepareBatch(withSla, sample, { runs: 10, slaMinutes: 15 }).settings.slaMinutes).toBe(15);
    expect(prepareBatch(support, sample, { runs: 10 }).settings.slaMinutes).toBeNull();
    const m = runBatch(withSla, sample, { runs: 300, seed: 2 }).metrics;
    expect(m.slaMinutes).toBe(60);
    expect(m.slaBreaches).toBe(runBatch(support, sample, { runs: 300, seed: 2, slaMinutes: 60 }).metrics.slaBreaches);
  });

  it('is left out of the API params when not given, so the backend can fill it in', () => {
    expect('slaMinutes' in batchSettingsParamsSchema.parse({ runs: 5 })).toBe(false);
    expect(batchSettingsParamsSchema.parse({ runs: 5, slaMinutes: null }).slaMinutes).toBeNull();
    expect(batchSettingsParamsSchema.safeParse({ runs: 5, slaMinutes: -1 }).success).toBe(false);
  });
});
