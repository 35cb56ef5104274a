// Batch speed (issue 18): node executions per second of a batch as the app and the command line run
// it (BatchRunner: compile once, the tape fast path, metrics), on the support template and a generated
// 1,000-step workflow, and a 100,000-item batch of the template with the command line's progress bar.
//
// Each rate comes with a baseline measured in the same round: a bare walk over the same compiled
// graph — the same items' paths, followed over integer arrays, making the same random draws (each
// item's own seeded generator; a jitter for each call and AI answer, the reviewer's decision and
// response time at each gate, through the engine's own functions) and no bookkeeping: no clock, no
// metrics, no trace — the physical limit of this machine for those items. The budget judges the ratio.
// The walk's draws are worked out from each item's trace and checked against the numbers the item
// really drew from its generator, so the baseline cannot drift from what the engine does.
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
import { AI_MS, CALL_MS, JITTER } from '../shared/simulation/durations';
import { jitter, seededRandom, type Random } from '../shared/simulation/random';
import type { ReviewerProfile } from '../shared/simulation/scenario';
import { profileDecision, profileOf, waitedMs } from '../shared/simulation/steps/approval';
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
  /** Each item's draws, in order: a jitter base in ms (> 0), or -1 - node index of a gate decided by a profile or by default. */
  draw: Int32Array;
  drawEnds: Int32Array;
  profiles: (ReviewerProfile | undefined)[];
  timeouts: (number | null)[];
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
  const draw: number[] = [];
  const drawEnds = new Int32Array(items);
  for (let i = 0; i < items; i++) {
    const onStep = (index: number, handle: string | null) => void outputs.push(handle === null ? -1 : (outputIndex[index].get(handle) ?? -1));
    seeds[i] = runSeeds(itemSeed(prepared.settings.seed, i), prepared.variations[i % prepared.variations.length].id).seed;
    const seeded = seededRandom(seeds[i]);
    const counting = { next: () => (draws[i]++, seeded.next()) };
    const status = startRun(compiled, { ...batchItemOptions(prepared, i, { onStep }), recordEvents: true, random: counting }).advance();
    if (status.state !== 'done') throw new Error(`Item ${i} did not finish.`);
    for (const e of status.trace.events) {
      if (e.type === 'call' && (e.result === 'ok' || e.result === 'not-found')) draw.push(CALL_MS[e.effect!]);
      else if (e.type === 'ai' && !(e.error ?? '').startsWith('The AI service did not answer')) draw.push(AI_MS[e.task]);
      else if (e.type === 'approval.decided' && (e.decidedBy === 'profile' || e.decidedBy === 'default')) draw.push(-1 - compiled.byId.get(e.nodeId)!);
    }
    drawEnds[i] = draw.length;
    ends[i] = outputs.length;
  }
  const profiles = compiled.nodes.map((c) => (c.node.kind === 'approval' ? profileOf(prepared.reviewers, c.node.config.reviewer) : undefined));
  const timeouts = compiled.nodes.map((c) => (c.node.kind === 'approval' ? c.node.config.timeoutHours : null));
  const walk: Walk = { start: compiled.start, next, width, outputs: Int32Array.from(outputs), ends, seeds, draws, draw: Int32Array.from(draw), drawEnds, profiles, timeouts };
  // The walk must draw exactly what the items drew: counted once here, outside any timing.
  const counted = new Int32Array(items);
  bareWalk(walk, (seed, i) => {
    const seeded = seededRandom(seed);
    return { next: () => (counted[i]++, seeded.next()) };
  });
  const wrong = counted.findIndex((n, i) => n !== draws[i]);
  if (wrong !== -1) throw new Error(`The bare walk drew ${counted[wrong]} numbers for item ${wrong}, the engine ${draws[wrong]}: the walk no longer makes the engine's draws.`);
  return walk;
}

/** The bare walk: node executions, and a sum of the draws so that nothing is optimised away. */
function bareWalk(w: Walk, randomOf: (seed: number, item: number) => Random = seededRandom): { steps: number; sink: number } {
  let sink = 0;
  let from = 0;
  let drawFrom = 0;
  for (let i = 0; i < w.ends.length; i++) {
    const random = randomOf(w.seeds[i], i);
    let node = w.start;
    const end = w.ends[i];
    for (let k = from; k < end; k++) {
      const out = w.outputs[k];
      if (out >= 0) node = w.next[node * w.width + out];
    }
    const drawEnd = w.drawEnds[i];
    for (let d = drawFrom; d < drawEnd; d++) {
      const what = w.draw[d];
      if (what > 0) sink += jitter(random, what, JITTER);
      else {
        const gate = -1 - what;
        const profile = w.profiles[gate];
        const timeoutHours = w.timeouts[gate];
        if (profile) {
          const { decision, minutes } = profileDecision(random, profile, timeoutHours);
          sink += waitedMs(random, decision, profile, timeoutHours, minutes) ?? 0;
        } else sink += waitedMs(random, 'approved', undefined, timeoutHours, undefined) ?? 0;
      }
    }
    sink += node;
    from = end;
    drawFrom = drawEnd;
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
  /** The lowest and highest of the rounds' ratios: how far one round's ratio is from the median. */
  ratioRange: [number, number];
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
  return {
    perSecond: summarise(rates).median,
    bare: summarise(bares).median,
    ratio: summarise(ratios).median,
    stepsPerItem: steps / RATE_ITEMS,
    replayedShare: replayed / RATE_ITEMS,
    prepareMs: summarise(prepares).median,
    drawsPerItem: walk.draws.reduce((a, b) => a + b, 0) / RATE_ITEMS,
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
  };
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
        `bare walk over the same compiled graph and paths, making the same draws (${r.drawsPerItem.toFixed(1)} numbers an item: jitters, reviewers' decisions and times), no bookkeeping: ${perSecond(r.bare)} in the same rounds; median of the rounds' ratios (rounds ${r.ratioRange.map((x) => x.toFixed(2)).join('–')})`,
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
