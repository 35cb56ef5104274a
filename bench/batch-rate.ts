// Batch speed (issue 18): node executions per second of a batch as the app and the command line run
// it (BatchRunner: compile once, the tape fast path, metrics), on the support template and a generated
// 1,000-step workflow, and a 100,000-item batch of the template with the command line's progress bar.
//
// Each rate comes with a baseline measured in the same round: a bare walk over the same compiled
// graph — the same items' paths, followed over integer arrays, and the same draws (each item's own
// seeded generator, as many numbers as the item drew from it) with no metrics, no clock, no use made
// of the numbers — the physical limit of this machine for those items. The budget judges the ratio.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadSampleData } from '../cli/commands/simulate';
import { runWithProgress } from '../cli/commands/simulate-batch';
import { RESOURCES_DIR } from '../cli/repo';
import { outputsOf } from '../shared/kinds/registry';
import { loadWorkflow, serializeWorkflow } from '../shared/model/load';
import type { Workflow } from '../shared/model/schema';
import { BatchRunner, batchItemOptions, itemSeed, prepareBatch, type BatchSettingsInput, type PreparedBatch } from '../shared/simulation/batch';
import type { DataSets } from '../shared/simulation/datasets';
import { runSeeds, startRun } from '../shared/simulation/engine';
import { seededRandom } from '../shared/simulation/random';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';
import { figure, type Figure } from './lib/figures';
import { summarise } from './lib/stats';

const TEMPLATE = join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json');
const RATE_ITEMS = 20_000;
const ROUNDS = 7;
const BIG_BATCH = 100_000;

/** The items' paths as the walk follows them: per item, the output index taken at each step (-1 at the last). */
interface Walk {
  start: number;
  /** node index × MAX_OUTPUTS + output index → next node index. */
  next: Int32Array;
  width: number;
  /** All items' output indexes, one after the other; `ends[i]` is where item i's end. */
  outputs: Int32Array;
  ends: Int32Array;
  seeds: Int32Array;
  /** How many numbers item i drew from its engine stream. */
  draws: Int32Array;
}

/** Runs the items once on the engine to learn their paths (outside any timing). */
function walkOf(prepared: PreparedBatch, items: number): Walk {
  const compiled = prepared.compiled;
  const width = Math.max(1, ...compiled.nodes.map((c) => outputsOf(c.node).length));
  const outputIndex = compiled.nodes.map((c) => new Map(outputsOf(c.node).map((h, i) => [h.id, i])));
  const next = new Int32Array(compiled.nodes.length * width).fill(-1);
  compiled.nodes.forEach((c, i) => {
    for (const [handle, target] of Object.entries(c.next)) next[i * width + outputIndex[i].get(handle)!] = target;
  });
  const outputs: number[] = [];
  const ends = new Int32Array(items);
  const seeds = new Int32Array(items);
  const draws = new Int32Array(items);
  for (let i = 0; i < items; i++) {
    const onStep = (index: number, handle: string | null) => void outputs.push(handle === null ? -1 : (outputIndex[index].get(handle) ?? -1));
    seeds[i] = runSeeds(itemSeed(prepared.settings.seed, i), prepared.variations[i % prepared.variations.length].id).seed;
    const seeded = seededRandom(seeds[i]);
    const counting = { next: () => (draws[i]++, seeded.next()) };
    startRun(compiled, { ...batchItemOptions(prepared, i, { onStep }), random: counting }).advance();
    ends[i] = outputs.length;
  }
  return { start: compiled.start, next, width, outputs: Int32Array.from(outputs), ends, seeds, draws };
}

/** The bare walk: node executions, and a sum of the draws so that nothing is optimised away. */
function bareWalk(w: Walk): { steps: number; sink: number } {
  let sink = 0;
  let from = 0;
  for (let i = 0; i < w.ends.length; i++) {
    const random = seededRandom(w.seeds[i]);
    let node = w.start;
    const end = w.ends[i];
    for (let k = from; k < end; k++) {
      const out = w.outputs[k];
      if (out >= 0) node = w.next[node * w.width + out];
    }
    for (let d = w.draws[i]; d > 0; d--) sink += random.next();
    sink += node;
    from = end;
  }
  return { steps: w.outputs.length, sink };
}

/** Runs the prepared batch to its metrics, the way the app's worker does (in slices of about 50 ms). */
function runAll(prepared: PreparedBatch): { steps: number; replayed: number } {
  const runner = new BatchRunner(prepared);
  while (!runner.finished) runner.runNext(5_000);
  return { steps: runner.result().metrics.steps, replayed: runner.replayed };
}

interface Rate {
  perSecond: number;
  bare: number;
  ratio: number;
  stepsPerItem: number;
  replayedShare: number;
  prepareMs: number;
  drawsPerItem: number;
}

/** Rounds alternating the batch (prepare, run, metrics) and the bare walk; medians of each and of the per-round ratios. */
function rate(wf: Workflow, datasets: DataSets, settings: BatchSettingsInput): Rate {
  const prepared = () => prepareBatch(wf, datasets, settings);
  const walk = walkOf(prepared(), RATE_ITEMS);
  runAll(prepared());
  bareWalk(walk);
  const rates: number[] = [];
  const bares: number[] = [];
  const ratios: number[] = [];
  const prepares: number[] = [];
  let steps = 0;
  let replayed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Preparing (validating the settings, compiling the workflow) is once per batch, whatever its size:
    // timed apart, as the bare walk's graph is built apart.
    const p0 = performance.now();
    const ready = prepared();
    const t0 = performance.now();
    prepares.push(t0 - p0);
    const done = runAll(ready);
    const t1 = performance.now();
    const bare = bareWalk(walk);
    const t2 = performance.now();
    if (bare.steps !== done.steps) throw new Error(`The bare walk took ${bare.steps} steps, the batch ${done.steps}.`);
    const r = done.steps / ((t1 - t0) / 1000);
    const b = bare.steps / ((t2 - t1) / 1000);
    rates.push(r);
    bares.push(b);
    ratios.push(r / b);
    steps = done.steps;
    replayed = done.replayed;
  }
  return { perSecond: summarise(rates).median, bare: summarise(bares).median, ratio: summarise(ratios).median, stepsPerItem: steps / RATE_ITEMS, replayedShare: replayed / RATE_ITEMS, prepareMs: summarise(prepares).median, drawsPerItem: walk.draws.reduce((a, b) => a + b, 0) / RATE_ITEMS };
}

/** A stderr that says it is a terminal, so that the command line draws its progress bar (into memory). */
function terminalSink(): { stream: Writable; writes: () => number } {
  let writes = 0;
  const stream = new Writable({
    write(_chunk, _encoding, done) {
      writes++;
      done();
    },
  });
  Object.assign(stream, { isTTY: true, columns: 100 });
  return { stream, writes: () => writes };
}

const perSecond = (n: number) => `${(n / 1e6).toFixed(2)} M/s`;

export async function batchFigures(): Promise<Figure[]> {
  const datasets = loadSampleData();
  const template = loadWorkflow(readFileSync(TEMPLATE, 'utf8')).workflow;
  const generated = loadWorkflow(serializeWorkflow(generateWorkflow({ nodes: 1_000, variant: 'clean', seed: 1 }))).workflow;
  const tickets = { from: 'dataset' as const, dataset: 'tickets' };
  const out: Figure[] = [];
  for (const [key, name, wf] of [
    ['template', 'support template', template],
    ['generated', 'generated 1,000 steps', generated],
  ] as const) {
    const r = rate(wf, datasets, { runs: RATE_ITEMS, seed: 1, inputs: tickets });
    const how = `${RATE_ITEMS.toLocaleString('en-US')} items with the sample tickets as inputs (${r.stepsPerItem.toFixed(1)} steps an item, ${(r.replayedShare * 100).toFixed(1)} % replayed from the tape, the others run on the engine and recorded), median of ${ROUNDS} rounds after a warm-up; preparing the batch (settings, compile) took ${r.prepareMs.toFixed(1)} ms more`;
    out.push(
      figure(`batch.rate.${key}`, `Batch, ${name} (node executions)`, Math.round(r.perSecond), '/s', { min: 1_000_000 }, `BatchRunner as the app runs it (slices, items, metrics); ${how}`),
      figure(
        `batch.rate.${key}.ratio`,
        `Batch, ${name}: rate ÷ bare walk`,
        Math.round(r.ratio * 100) / 100,
        '×',
        { min: 0.5 },
        `bare walk over the same compiled graph and paths with the same draws (${r.drawsPerItem.toFixed(1)} an item), no bookkeeping: ${perSecond(r.bare)} in the same rounds; median of the rounds' ratios`,
      ),
    );
  }

  // 100,000 items with the command line's progress bar, from the document: prepare, run, metrics.
  const settings: BatchSettingsInput = { runs: BIG_BATCH, seed: 1, inputs: tickets };
  const times: number[] = [];
  let draws = 0;
  let steps = 0;
  for (let i = 0; i < 4; i++) {
    const sink = terminalSink();
    const io = { stdout: new Writable({ write: (_c, _e, done) => done() }), stderr: sink.stream, cwd: process.cwd(), env: {} };
    const t0 = performance.now();
    const result = runWithProgress(new BatchRunner(prepareBatch(template, datasets, settings)), io);
    const ms = performance.now() - t0;
    if (i > 0) times.push(ms);
    draws = sink.writes();
    steps = result.metrics.steps;
  }
  out.push(
    figure(
      'batch.100000',
      'Batch of 100,000 items, support template, with progress',
      Math.round(summarise(times).median),
      'ms',
      { max: 3_000 },
      `prepareBatch + BatchRunner in the command line's slices with its progress bar drawn (${draws} writes to a terminal stream in the last run), sample tickets, seed 1; ${steps.toLocaleString('en-US')} node executions; median of 3 after a warm-up`,
    ),
  );
  return out;
}
