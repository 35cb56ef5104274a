// The batch's fast path (shared/simulation/tape.ts) replays recorded steps instead of running the
// engine for every item. Its promise: the metrics are exactly those of the engine run of every item,
// whatever the workflow, the seed, the faults and the calibration. Checked against BatchRunner with
// the fast path off (each item on the engine, metrics gathered from its trace and onStep).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { RESOURCES_DIR } from '../../../cli/repo';
import { outputsOf } from '../../../shared/kinds/registry';
import { loadWorkflowValue, serializeWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { BatchRunner, prepareBatch, type BatchSettingsInput } from '../../../shared/simulation/batch';
import { selectNth } from '../../../shared/simulation/metrics';
import { generateWorkflow } from '../../fixtures/generate-workflow';
import { ai, approval, decision, end, intake, testData, workflow } from './build';
import { docArb } from './random-workflow';

const sample = loadSampleData();

interface Compared {
  fast: unknown;
  engine: unknown;
  replayed: number;
  /** Items the fast path ran on the engine from a gate on, resumed from an earlier item's run. */
  resumed: number;
}

function compare(wf: Workflow, datasets: ReturnType<typeof testData>, settings: BatchSettingsInput): Compared {
  const fast = new BatchRunner(prepareBatch(wf, datasets, settings));
  // In uneven slices, as the app and the command line run it.
  while (!fast.finished) fast.runNext(7);
  const engine = new BatchRunner(prepareBatch(wf, datasets, settings), { fastPath: false });
  engine.runNext(engine.total);
  // The metrics round times; the times they are worked out from are compared too, exactly.
  return {
    fast: { ...fast.result().metrics, exact: fast.collector.exactTimes() },
    engine: { ...engine.result().metrics, exact: engine.collector.exactTimes() },
    replayed: fast.replayed,
    resumed: fast.resumed,
  };
}

/** Calibrated outputs and times for some of the workflow's AI steps, integrations and decisions. */
function calibrationArb(wf: Workflow) {
  const forced = wf.nodes.filter((n) => n.kind === 'ai' || n.kind === 'integration' || n.kind === 'decision');
  const shares = (handles: string[]) =>
    fc.tuple(...handles.map(() => fc.integer({ min: 0, max: 4 }))).map((w) => {
      const weights = w.some((x) => x > 0) ? w : w.map((_, i) => (i === 0 ? 1 : 0));
      const total = weights.reduce((a, b) => a + b, 0);
      // Rounded down a little, so that the shares never add up to more than 1.
      return Object.fromEntries(handles.map((h, i) => [h, Math.floor((weights[i] / total) * 1000) / 1000]));
    });
  const handles = forced.length
    ? fc.subarray(forced).chain((nodes) => fc.tuple(...nodes.map((n) => shares(outputsOf(n).map((h) => h.id)))).map((list) => Object.fromEntries(nodes.map((n, i) => [n.id, list[i]]))))
    : fc.constant({});
  const durations = fc.subarray(wf.nodes).chain((nodes) =>
    fc
      .tuple(...nodes.map(() => fc.record({ median: fc.constantFrom(0, 0.5, 3, 40), spread: fc.constantFrom(1, 2, 10) })))
      .map((list) => Object.fromEntries(nodes.map((n, i) => [n.id, { median: list[i].median, p90: list[i].median * list[i].spread }]))),
  );
  return fc.record({ handles, durations });
}

const settingsArb = fc.record({
  runs: fc.integer({ min: 1, max: 60 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  faults: fc.oneof(
    fc.constant({ aiUnavailable: 0, aiUnsure: 0, connectorFailure: 0 }),
    fc.record({ aiUnavailable: fc.constantFrom(0, 0.1, 0.3), aiUnsure: fc.constantFrom(0, 0.2, 0.5), connectorFailure: fc.constantFrom(0, 0.1, 0.4) }),
  ),
});

describe('the batch fast path gives the metrics of the engine', () => {
  it('over random workflows, seeds, faults and calibrations (fixed seed)', () => {
    let replayed = 0;
    let resumed = 0;
    let items = 0;
    fc.assert(
      fc.property(
        docArb.chain((wf) => fc.tuple(fc.constant(wf), calibrationArb(wf), fc.boolean(), settingsArb)),
        ([wf, calibration, calibrated, settings]) => {
          const doc = calibrated ? loadWorkflowValue({ ...wf, simulation: { ...(wf.simulation as object), ...calibration } }).workflow : wf;
          const { fast, engine, replayed: r, resumed: g } = compare(doc, testData(), settings);
          expect(fast).toEqual(engine);
          replayed += r;
          resumed += g;
          items += settings.runs;
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
    // Not vacuous: most items of these batches came from the tape.
    expect(replayed / items).toBeGreaterThan(0.5);
  });

  it('on generated workflows with the sample tickets, faults and an SLA', () => {
    for (const seed of [1, 2, 3]) {
      const wf = loadWorkflowValue(JSON.parse(serializeWorkflow(generateWorkflow({ nodes: 120, variant: seed === 2 ? 'flawed' : 'clean', seed })))).workflow;
      const settings: BatchSettingsInput = { runs: 300, seed, inputs: { from: 'dataset', dataset: 'tickets' }, faults: { aiUnavailable: 0.05, aiUnsure: 0.1, connectorFailure: 0.05 }, slaMinutes: 60 };
      const { fast, engine, replayed } = compare(wf, sample, settings);
      expect(fast).toEqual(engine);
      expect(replayed).toBeGreaterThan(0);
    }
  });

  it('resumes items at a gate whose decision no item with their input took before (the support template, faults, an SLA)', () => {
    const template = loadWorkflowValue(JSON.parse(readFileSync(join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8'))).workflow;
    for (const seed of [1, 2]) {
      const faults = seed === 2 ? { aiUnavailable: 0.02, aiUnsure: 0.05, connectorFailure: 0.05 } : undefined;
      const settings: BatchSettingsInput = { runs: 1_500, seed, inputs: { from: 'dataset', dataset: 'tickets' }, ...(faults ? { faults } : {}), slaMinutes: 90 };
      const { fast, engine, replayed, resumed } = compare(template, sample, settings);
      expect(fast).toEqual(engine);
      expect(replayed).toBeGreaterThan(1_000);
      // The tickets that reach the gate: their rejected and timed-out ways start from the gate.
      expect(resumed).toBeGreaterThan(15);
    }
  });

  it('resumes at gates over random workflows, reviewers who decide every way, and faults (fixed seed)', () => {
    const reviewers = { Lead: { approve: 0.5, reject: 0.3, timeout: 0.2 }, Owner: { approve: 0.7, reject: 0.1, timeout: 0.2, responseMinutes: { median: 90, p90: 600 } } };
    let resumed = 0;
    fc.assert(
      fc.property(docArb, settingsArb, (wf, settings) => {
        const doc = loadWorkflowValue({ ...wf, simulation: { ...(wf.simulation as object), reviewers } }).workflow;
        const compared = compare(doc, testData(), settings);
        expect(compared.fast).toEqual(compared.engine);
        resumed += compared.resumed;
      }),
      { numRuns: 200, seed: 20261208 },
    );
    expect(resumed).toBeGreaterThan(20);
  });

  it('replays ways longer than its step buffer: a loop with a gate in it, up to the step limit', () => {
    const wf = workflow({
      nodes: [intake('i'), decision('again', [{ id: 'more', when: { all: [] } }]), ai('a', { task: 'summarize', prompt: '{{x}}', output: 's' }), approval('g', { timeoutHours: null }), end('z', 'rejected')],
      edges: [
        ['i', 'out', 'again'],
        ['again', 'more', 'a'],
        ['a', 'ok', 'g'],
        ['g', 'approved', 'again'],
        ['g', 'rejected', 'z'],
        ['g', 'timeout', 'again'],
        ['again', 'else', 'z'],
      ],
      simulation: { scenarios: [{ id: 's', name: 's', input: { x: 'Some text to summarize.' } }], reviewers: { Lead: { approve: 0.9995, reject: 0.0005, timeout: 0 } } },
    });
    const { fast, engine, replayed } = compare(wf, testData(), { runs: 60, seed: 3 });
    expect(fast).toEqual(engine);
    expect((engine as { stopped: Record<string, number> }).stopped['step-limit']).toBeGreaterThan(0);
    expect(replayed).toBeGreaterThan(10);
  });

  it('runs every item on the engine where content follows the clock or the run id', () => {
    for (const template of ['Run {{runId}}', 'Written on {{today}}']) {
      const wf = workflow({
        nodes: [intake('a'), ai('b', { task: 'draft', prompt: 'Reply', template, output: 'draft' }), approval('c'), end('z')],
        edges: [
          ['a', 'out', 'b'],
          ['b', 'ok', 'c'],
          ['c', 'approved', 'z'],
        ],
      });
      const { fast, engine, replayed } = compare(wf, testData(), { runs: 20, seed: 4 });
      expect(replayed).toBe(0);
      expect(fast).toEqual(engine);
    }
  });

  it('replays the same workflow once the template reads neither', () => {
    const wf = workflow({
      nodes: [intake('a'), ai('b', { task: 'draft', prompt: 'Reply', template: 'Thank you', output: 'draft' }), approval('c'), end('z')],
      edges: [
        ['a', 'out', 'b'],
        ['b', 'ok', 'c'],
        ['c', 'approved', 'z'],
      ],
    });
    const { fast, engine, replayed } = compare(wf, testData(), { runs: 20, seed: 4 });
    expect(replayed).toBeGreaterThan(10);
    expect(fast).toEqual(engine);
  });
});

describe('the cycle-time percentiles found by selection', () => {
  it('are those of the sorted times, one rank after another', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 300 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (times, ps) => {
        const sorted = [...times].sort((a, b) => a - b);
        const values = Float64Array.from(times);
        let from = 0;
        for (const p of [...ps].sort((a, b) => a - b)) {
          const k = Math.min(times.length, Math.max(1, Math.ceil(p * times.length))) - 1;
          expect(selectNth(values, k, from)).toBe(sorted[k]);
          from = k;
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
