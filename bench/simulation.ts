// Simulation speed (DESIGN.md §10): node executions per second of single runs on one core, and the
// wall time of a 10,000-run batch of the support template.
//
// Single runs go through simulate() with the sample tickets as inputs; the batch through runBatch(),
// which compiles once and collects the batch metrics as the app shows them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSampleData } from '../cli/commands/simulate';
import { RESOURCES_DIR } from '../cli/repo';
import { loadWorkflow, serializeWorkflow } from '../shared/model/load';
import type { Workflow } from '../shared/model/schema';
import { compileWorkflow, type CompiledWorkflow } from '../shared/simulation/compile';
import type { DataSets } from '../shared/simulation/datasets';
import { parseSimulationSection, type Scenario } from '../shared/simulation/scenario';
import { runBatch, type BatchResult } from '../shared/simulation/batch';
import { simulate } from '../shared/simulation/simulate';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';
import { figure, type Figure } from './lib/figures';
import { summarise } from './lib/stats';

const TEMPLATE = join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json');
const BATCH_RUNS = 10_000;

const RATE_RUNS = 1_500;
const RATE_ROUNDS = 9;

interface Ticket {
  id: string;
  subject: string;
  body: string;
  customerEmail: string;
  customerName: string;
}

/** One scenario per sample ticket: the varied inputs of a batch over the help desk's data. */
function ticketScenarios(): Scenario[] {
  const file = JSON.parse(readFileSync(join(RESOURCES_DIR, 'sample-data', 'tickets.json'), 'utf8')) as { records: Ticket[] };
  return file.records.map((t) => ({
    id: t.id,
    name: t.subject,
    input: { ticketId: t.id, subject: t.subject, body: t.body, customerEmail: t.customerEmail, customerName: t.customerName },
    decisions: {},
    faults: { ai: {}, actions: {} },
  }));
}

interface Subject {
  name: string;
  compiled: CompiledWorkflow;
  reviewers: ReturnType<typeof parseSimulationSection>['reviewers'];
}

function subject(name: string, wf: Workflow, datasets: DataSets): Subject {
  return { name, compiled: compileWorkflow(wf, datasets), reviewers: parseSimulationSection(wf.simulation).reviewers };
}

/** Runs seeds first..first+count-1 and returns the node executions. */
function runMany(s: Subject, scenarios: Scenario[], first: number, count: number, recordEvents: boolean): number {
  let steps = 0;
  for (let seed = first; seed < first + count; seed++) {
    steps += simulate(s.compiled, { scenario: scenarios[seed % scenarios.length], reviewers: s.reviewers, seed, undecided: 'approve', recordEvents }).steps;
  }
  return steps;
}

/** Node executions per second: median over rounds of RATE_RUNS runs, after one warm-up round. */
function rate(s: Subject, scenarios: Scenario[], recordEvents: boolean): { perSecond: number; stepsPerRun: number } {
  runMany(s, scenarios, 1, RATE_RUNS, recordEvents);
  const rates: number[] = [];
  let steps = 0;
  for (let round = 0; round < RATE_ROUNDS; round++) {
    const start = performance.now();
    const done = runMany(s, scenarios, 1 + round * RATE_RUNS, RATE_RUNS, recordEvents);
    rates.push(done / ((performance.now() - start) / 1000));
    steps += done;
  }
  return { perSecond: summarise(rates).median, stepsPerRun: steps / (RATE_ROUNDS * RATE_RUNS) };
}

const perSecond = (n: number) => `${Math.round(n / 1000)}k/s`;

function outcomesOf(result: BatchResult): string {
  const { outcomes, stopped } = result.metrics;
  return [...Object.entries(outcomes), ...Object.entries(stopped).map(([k, v]) => [`stopped: ${k}`, v] as const)].map(([k, v]) => `${k} ${v}`).join(', ');
}

export async function simulationFigures(): Promise<Figure[]> {
  const datasets = loadSampleData();
  const scenarios = ticketScenarios();
  const template = subject('support template', loadWorkflow(readFileSync(TEMPLATE, 'utf8')).workflow, datasets);
  const generated = subject('generated 1,000 steps', loadWorkflow(serializeWorkflow(generateWorkflow({ nodes: 1_000, variant: 'clean', seed: 1 }))).workflow, datasets);

  const out: Figure[] = [];
  for (const s of [template, generated]) {
    const full = rate(s, scenarios, true);
    const lean = rate(s, scenarios, false);
    out.push(
      figure(
        `simulation.rate.${s === template ? 'template' : 'generated'}`,
        `Simulation, ${s.name} (node executions)`,
        Math.round(full.perSecond),
        '/s',
        { min: 200_000 },
        `single runs with the full trace, median of ${RATE_ROUNDS} rounds of ${RATE_RUNS} runs (${full.stepsPerRun.toFixed(1)} steps a run); without the event list ${perSecond(lean.perSecond)}`,
      ),
    );
  }

  // The batch, through the simulator's batch API as the app runs it (compile, items, metrics):
  // one warm-up, then the median of three.
  const wf = template.compiled.workflow;
  const settings = { runs: BATCH_RUNS, seed: 1, inputs: { from: 'dataset' as const, dataset: 'tickets' } };
  runBatch(wf, datasets, settings);
  const times: number[] = [];
  let result: BatchResult | null = null;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    result = runBatch(wf, datasets, settings);
    times.push(performance.now() - start);
  }
  out.push(
    figure(
      'simulation.batch.10000',
      'Batch of 10,000 runs, support template',
      summarise(times).median,
      'ms',
      { max: 2_000 },
      `runBatch() with the sample tickets as inputs, seed 1, median of 3 after a warm-up; outcomes: ${outcomesOf(result!)}`,
    ),
  );
  return out;
}
