// Batch simulation: N items through one compiled workflow, each an ordinary run of the engine with
// its own seed derived from (batch seed, item index), reviewers following their profiles and faults
// drawn at the rates the settings give. Items never share state, so item i is the same whether the
// batch has 1, 10 or 100,000 items, and a cancelled batch's finished items are those of the full one.
// A workflow calibrated from an event log (`handles`, `durations` in its simulation section) has its
// steps take the log's outputs and times instead (calibrated.ts); the fault rates spare those steps.
import type { Workflow } from '../model/schema';
import { calibrationFor, type StepCalibration } from './calibrated';
import { parseBatchSettings, type BatchSettings, type BatchSettingsInput } from './batch-settings';
import { compileWorkflow, type CompiledCall, type CompiledWorkflow } from './compile';
import type { DataRecord, DataSets } from './datasets';
import { idFieldOf } from './dataset-fit';
import { CALIBRATION_STREAM, scenarioSalt, startResumed, startRun, type RunOptions, type SimulationRun } from './engine';
import { MetricsCollector } from './metrics';
import { BATCH_FORMAT, BATCH_VERSION, type BatchResult } from './metrics-schema';
import { seededRandom } from './random';
import { emptyScenario, parseSimulationSection, SimulationSpecError, type AiFault, type ReviewerProfile, type Scenario } from './scenario';
import { AI_FAULTS, replayable, Tape, type Resume, type TapeRecorder } from './tape';
import { plainCopy, textOf } from './variables';

export { MAX_BATCH_RUNS, parseBatchSettings, BatchSettingsError, type BatchSettings, type BatchSettingsInput } from './batch-settings';
export type { BatchMetrics, BatchResult } from './metrics-schema';

export interface PreparedBatch {
  compiled: CompiledWorkflow;
  settings: BatchSettings;
  reviewers: Readonly<Record<string, ReviewerProfile>>;
  /** The inputs items take in turn: scenarios with only their input kept, or one per data set record. */
  variations: Scenario[];
  /** AI steps and connector actions that faults can hit, in document order. */
  aiNodes: string[];
  actionKeys: string[];
  /** The outputs and times calibrated from a log that still fit the design, or null (none). */
  calibration: StepCalibration | null;
  /** Calibrated numbers left out because the design changed since, in words. */
  calibrationNotes: string[];
}

export interface PrepareBatchOptions {
  /** Names of the data sets there are, for the message when the settings name another. */
  datasetNames?: readonly string[];
  /** Reuse a compiled workflow (it must be of the same document and data sets). */
  compiled?: CompiledWorkflow;
}

/** Mixes two 32-bit numbers (murmur3's finaliser over a combination): neighbouring inputs give unrelated outputs. */
function mix(a: number, b: number): number {
  let h = Math.imul(a | 0, 0x9e3779b1) ^ Math.imul((b | 0) + 0x7f4a7c15, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The seed of item `index` of a batch run with `seed`: a whole number from 0 to 2³²−1. */
export function itemSeed(seed: number, index: number): number {
  return mix(seed, index);
}

const FAULT_STREAM = 0x5bd1e995;
const SHUFFLE_STREAM = 0x27d4eb2f;

/** A new scenario with `input` as its input (emptyScenario's own object, assigned to: see datasetVariations). */
function withInput(scenario: Scenario, input: Record<string, unknown>): Scenario {
  scenario.input = input;
  return scenario;
}

/** The data set the workflow's intake reads items from, if its action has one (`tickets.read` → tickets). */
export function intakeDataset(compiled: CompiledWorkflow): string | null {
  const start = compiled.start;
  return start === -1 ? null : (compiled.nodes[start].call?.dataset ?? null);
}

/** What a batch of this workflow draws inputs from when the user has not chosen: its scenarios, else its intake's data set. */
export function defaultBatchInputs(wf: Workflow, datasets: DataSets): BatchSettings['inputs'] {
  const section = parseSimulationSection(wf.simulation);
  if (section.scenarios.length) return { from: 'scenarios' };
  const dataset = intakeDataset(compileWorkflow(wf, datasets));
  return dataset && datasets.get(dataset) ? { from: 'dataset', dataset } : { from: 'scenarios' };
}

/**
 * One variation per record of the data set. When the intake reads that data set, an item names its
 * record by id and the intake reads the rest, as a real item arrives; otherwise the record's fields
 * are the item's input, its id renamed after the data set (`customerId`) so that an intake reading
 * another set does not look for it there.
 */
function datasetVariations(compiled: CompiledWorkflow, name: string, records: readonly DataRecord[], seed: number): Scenario[] {
  const intake = compiled.start === -1 ? null : compiled.nodes[compiled.start].call;
  const readsThisSet = intake?.dataset === name;
  const order = records.map((_, i) => i);
  // A seeded shuffle (Fisher–Yates), so that the first items of a small batch are not always the same records.
  const random = seededRandom(mix(seed, SHUFFLE_STREAM));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.map((i) => {
    const record = records[i];
    let input: Record<string, unknown>;
    if (readsThisSet) input = { [intake!.idKeys[0]]: record.id };
    else {
      // The record's fields with its id under the name the workflow reads it by, copied by assignment
      // (plainCopy): a spread with a field after it gives an object on which V8 looks up a field it
      // does not have through the runtime, about 0.2 µs a time, and the engine asks items for many.
      const { id, ...rest } = record;
      input = plainCopy(rest);
      input[idFieldOf(name)] = id;
    }
    const title = textOf(record.title ?? record.subject ?? record.name ?? '');
    return withInput(emptyScenario(record.id, title || record.id), input);
  });
}

/**
 * Validates the settings against the workflow and sample data and compiles once for all items.
 * Throws BatchSettingsError (bad settings) or SimulationSpecError (the workflow's simulation section,
 * or a data set that does not exist), both naming the JSON path.
 */
export function prepareBatch(wf: Workflow, datasets: DataSets, settingsInput: BatchSettingsInput, options: PrepareBatchOptions = {}): PreparedBatch {
  const section = parseSimulationSection(wf.simulation);
  // Left out, the SLA is the workflow's own (null when it has none); the settings kept say which it was.
  const settings = parseBatchSettings(typeof settingsInput === 'object' && settingsInput !== null && settingsInput.slaMinutes === undefined ? { ...settingsInput, slaMinutes: section.slaMinutes ?? null } : settingsInput);
  const compiled = options.compiled ?? compileWorkflow(wf, datasets);
  let variations: Scenario[];
  if (settings.inputs.from === 'dataset') {
    const name = settings.inputs.dataset;
    const records = datasets.get(name);
    if (!records) {
      const known = options.datasetNames?.length ? ` (data sets: ${options.datasetNames.join(', ')})` : '';
      throw new SimulationSpecError('$.inputs.dataset', `there is no data set "${name}"${known}`);
    }
    if (!records.length) throw new SimulationSpecError('$.inputs.dataset', `the data set "${name}" has no records`);
    variations = datasetVariations(compiled, name, records, settings.seed);
  } else {
    // A batch takes each scenario's input only: reviewers follow their profiles and faults come at
    // the batch's rates, so the scenarios' scripted decisions and faults would only get in the way.
    const scenarios = section.scenarios.length ? section.scenarios : [emptyScenario()];
    variations = scenarios.map((s) => withInput(emptyScenario(s.id, s.name), s.input));
  }
  const aiNodes: string[] = [];
  const actionKeys = new Set<string>();
  const addCall = (call: CompiledCall | null) => {
    if (call && call.problem === null) actionKeys.add(call.key);
  };
  for (const c of compiled.nodes) {
    if (c.node.kind === 'ai' && !aiNodes.includes(c.node.id)) aiNodes.push(c.node.id);
    addCall(c.call);
    c.sources.forEach(addCall);
    c.tools.forEach(addCall);
  }
  const { calibration, leftOut } = calibrationFor(wf, section);
  return { compiled, settings, reviewers: section.reviewers, variations, aiNodes, actionKeys: [...actionKeys], calibration, calibrationNotes: leftOut };
}

/**
 * Draws the faults of the item with seed `seed` into `ai` (per prepared.aiNodes: 0 none, 1 unavailable,
 * 2 unsure — tape.ts AI_FAULTS) and `actions` (per prepared.actionKeys: 1 fails); true when there is any.
 * A fault holds for the whole item, as an outage would while it is handled; an AI step whose outputs
 * are calibrated gets none (its draw is made and set aside, so the other steps' faults stay those of
 * the uncalibrated batch).
 */
export function drawItemFaults(prepared: PreparedBatch, seed: number, ai: Uint8Array, actions: Uint8Array): boolean {
  const { aiUnavailable, aiUnsure, connectorFailure } = prepared.settings.faults;
  ai.fill(0);
  actions.fill(0);
  if (!(aiUnavailable > 0 || aiUnsure > 0 || connectorFailure > 0)) return false;
  const handles = prepared.calibration?.handles;
  // Drawn from a stream of its own, so that the rates do not shift the engine's draws.
  const random = seededRandom(mix(seed, FAULT_STREAM));
  let any = false;
  prepared.aiNodes.forEach((nodeId, i) => {
    const u = random.next();
    if (handles?.[nodeId]) return;
    if (u < aiUnavailable) ai[i] = 1;
    else if (u < aiUnavailable + aiUnsure) ai[i] = 2;
    else return;
    any = true;
  });
  prepared.actionKeys.forEach((_, i) => {
    if (random.next() < connectorFailure) {
      actions[i] = 1;
      any = true;
    }
  });
  return any;
}

/**
 * The run options of item `index`: its variation (in turn), its seed, the faults drawn for it
 * (drawItemFaults), and the calibration. `simulate(compiled, batchItemOptions(prepared, i))` gives
 * exactly the run the batch made for item i.
 */
export function batchItemOptions(prepared: PreparedBatch, index: number, extra: Pick<RunOptions, 'onStep' | 'recordEvents' | 'tape'> = {}): RunOptions {
  const { settings, variations } = prepared;
  const seed = itemSeed(settings.seed, index);
  const base = variations[index % variations.length];
  const calibration = prepared.calibration;
  let scenario = base;
  const aiCodes = new Uint8Array(prepared.aiNodes.length);
  const actionCodes = new Uint8Array(prepared.actionKeys.length);
  if (drawItemFaults(prepared, seed, aiCodes, actionCodes)) {
    const ai: Record<string, AiFault> = {};
    const actions: Record<string, 'error'> = {};
    prepared.aiNodes.forEach((nodeId, i) => {
      if (aiCodes[i]) ai[nodeId] = AI_FAULTS[aiCodes[i]]!;
    });
    prepared.actionKeys.forEach((key, i) => {
      if (actionCodes[i]) actions[key] = 'error';
    });
    scenario = plainCopy(base);
    scenario.faults = { ai, actions };
  }
  // Made by assignment, not with a spread of `extra`: see datasetVariations (the engine asks its
  // options for what they leave out, such as a random source, at every run).
  const options: RunOptions = Object.assign({ scenario, reviewers: prepared.reviewers, seed, undecided: 'approve', recordEvents: false } satisfies RunOptions, extra);
  if (calibration) {
    options.handleShares = calibration.handles;
    options.stepMinutes = calibration.minutes;
  }
  return options;
}

export interface BatchRunnerOptions {
  /**
   * Replay items from tapes where the workflow allows (tape.ts); default true. False runs every item
   * on the engine — the same metrics, slower (the tests compare the two).
   */
  fastPath?: boolean;
}

/**
 * Runs a prepared batch item by item. `runNext(n)` runs the next n items and returns how many it ran,
 * so that callers can interleave progress reports, cancel checks or yields to an event loop.
 */
export class BatchRunner {
  readonly collector: MetricsCollector;
  private next = 0;
  private readonly tape: Tape | null;
  private readonly aiFaults: Uint8Array;
  private readonly salts: Int32Array;
  private readonly faultsOn: boolean;
  private readonly actionFaults: Uint8Array;
  // What the replay loop reads, in the runner's own fields: the batch's settings and inputs are object
  // literals, whose field types V8 widens when the next batch makes its own, and optimised code that
  // relied on them is thrown away then (a batch's first rounds would run unoptimised again).
  private readonly batchSeed: number;
  private readonly variationCount: number;
  /** Items replayed from the tape so far (the others ran on the engine). */
  replayed = 0;
  /** Items that ran on the engine from a gate on, resumed from a snapshot of an earlier item's run (tape.ts). */
  resumed = 0;

  constructor(
    readonly prepared: PreparedBatch,
    options: BatchRunnerOptions = {},
  ) {
    this.collector = new MetricsCollector(prepared.compiled, prepared.settings.runs, prepared.settings.slaMinutes);
    const { aiUnavailable, aiUnsure, connectorFailure } = prepared.settings.faults;
    this.tape =
      options.fastPath !== false && replayable(prepared.compiled)
        ? new Tape({
            compiled: prepared.compiled,
            collector: this.collector,
            reviewers: prepared.reviewers,
            calibration: prepared.calibration,
            aiNodes: prepared.aiNodes,
            actionKeys: prepared.actionKeys,
            faults: aiUnavailable > 0 || aiUnsure > 0 || connectorFailure > 0,
            variations: prepared.variations.length,
          })
        : null;
    // As the engine mixes them (runSeeds): each variation's id once, not once per item.
    this.salts = Int32Array.from(prepared.variations, (v) => scenarioSalt(v.id));
    this.faultsOn = aiUnavailable > 0 || aiUnsure > 0 || connectorFailure > 0;
    this.batchSeed = prepared.settings.seed;
    this.variationCount = prepared.variations.length;
    this.aiFaults = new Uint8Array(prepared.aiNodes.length);
    this.actionFaults = new Uint8Array(prepared.actionKeys.length);
  }

  get done(): number {
    return this.next;
  }

  get total(): number {
    return this.prepared.settings.runs;
  }

  get finished(): boolean {
    return this.next >= this.total;
  }

  runNext(count: number): number {
    const end = Math.min(this.total, this.next + Math.max(0, count));
    const ran = end - this.next;
    const tape = this.tape;
    const variations = this.variationCount;
    const batchSeed = this.batchSeed;
    // Items take the inputs in turn: counted along rather than divided for every item.
    let variation = this.next % variations;
    for (; this.next < end; this.next++, variation = variation + 1 === variations ? 0 : variation + 1) {
      const index = this.next;
      let resume: Resume | null = null;
      if (tape !== null && !tape.broken) {
        const seed = itemSeed(batchSeed, index);
        // Without fault rates the arrays stay all 0, as drawItemFaults would leave them.
        if (this.faultsOn) drawItemFaults(this.prepared, seed, this.aiFaults, this.actionFaults);
        const runSeed = seed ^ this.salts[variation];
        if (tape.replay(variation, runSeed, runSeed ^ CALIBRATION_STREAM, this.aiFaults, this.actionFaults)) {
          this.replayed++;
          continue;
        }
        resume = tape.resumeOf(variation, runSeed, runSeed ^ CALIBRATION_STREAM, this.aiFaults, this.actionFaults);
      }
      this.runOnEngine(index, variation, resume);
    }
    return ran;
  }

  /**
   * Runs item `index` on the engine (from the start, or from a gate an earlier item's run was kept at),
   * recording it on the tape: a method of its own, so that the replay loop's optimised code holds only
   * the replay.
   */
  private runOnEngine(index: number, variation: number, resume: Resume | null): void {
    const collector = this.collector;
    const onStep = collector.onStep;
    const prepared = this.prepared;
    const tape = this.tape;
    collector.beginItem();
    let recorder: TapeRecorder | undefined;
    let run: SimulationRun;
    if (resume !== null) {
      // The steps before the gate, with the item's own times, as the engine would have reported them.
      const path = resume.state.path;
      for (let i = 0; i < resume.nodes.length; i++) collector.step(resume.nodes[i], path[i].handle, resume.stepMs[i]);
      recorder = resume.recorder;
      const options = batchItemOptions(prepared, index, { onStep, recordEvents: false, tape: recorder });
      options.random = resume.random;
      options.metricsOnly = true;
      run = startResumed(prepared.compiled, options, resume.state, resume.now);
      this.resumed++;
    } else {
      recorder = tape?.recorder(variation) ?? undefined;
      const options = batchItemOptions(prepared, index, { onStep, recordEvents: false, tape: recorder });
      options.metricsOnly = true;
      run = startRun(prepared.compiled, options);
    }
    const status = run.advance();
    // The mock AI never waits and every approval is decided (profile or default), so runs always finish.
    if (status.state !== 'done') throw new Error(`Item ${index + 1} of the batch did not finish (${status.state}).`);
    collector.finishItem(status.trace);
    if (recorder) tape!.keepPath(recorder, collector.lastPath);
  }

  /** The result so far; `cancelled` marks a batch stopped before all its items ran. */
  result(cancelled = false): BatchResult {
    // Items replayed from the tape count their paths in bulk: counted now, before the metrics are read.
    this.tape?.flush();
    const wf = this.prepared.compiled.workflow;
    return {
      format: BATCH_FORMAT,
      version: BATCH_VERSION,
      workflow: { id: wf.id, name: wf.name },
      settings: this.prepared.settings,
      cancelled: cancelled && !this.finished,
      metrics: this.collector.metrics(),
    };
  }
}

/** Runs a whole batch at once (the command line, tests). */
export function runBatch(wf: Workflow, datasets: DataSets, settings: BatchSettingsInput, options: PrepareBatchOptions = {}): BatchResult {
  const runner = new BatchRunner(prepareBatch(wf, datasets, settings, options));
  runner.runNext(runner.total);
  return runner.result();
}

/**
 * The result as JSON for scripts: the metrics at the top level next to what ran, two-space indented
 * with a final newline; the same settings and document always give the same bytes.
 */
export function batchToJson(result: BatchResult): string {
  const { metrics, ...rest } = result;
  return `${JSON.stringify({ ...rest, ...metrics }, null, 2)}\n`;
}
