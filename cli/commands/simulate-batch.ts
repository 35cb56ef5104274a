// `flowgate simulate --runs N` (and `flowgate report --runs N`): a batch of simulated items from the
// command line. The options, how they become batch settings, and a progress bar on stderr when it is
// a terminal. The JSON output has no wall-clock time in it, so the same seed gives the same bytes.
import { callsPhrase, estimateCalls } from '../../electron/backend/ai/call-budget';
import { usageLine } from '../../electron/backend/ai/cli-ai';
import type { Workflow } from '../../shared/model/schema';
import type { AiProvider } from '../../shared/simulation/ai-provider';
import type { AiUsage } from '../../shared/simulation/ai-usage';
import { BatchRunner, batchToJson, prepareBatch, type BatchResult, type BatchSettingsInput, type PreparedBatch } from '../../shared/simulation/batch';
import { DEFAULT_BATCH_CONCURRENCY, runBatchAsync } from '../../shared/simulation/batch-async';
import { BatchSettingsError } from '../../shared/simulation/batch-settings';
import { formatBatchText } from '../../shared/simulation/batch-text';
import { thousands } from '../../shared/text';
import type { DataSets } from '../../shared/simulation/datasets';
import { SimulationSpecError } from '../../shared/simulation/scenario';
import { rawStream, terminalText } from '../terminal-text';
import { EXIT_USAGE, type CliIo } from '../types';

/** parseArgs options of a batch, shared by `simulate` and `report`. */
export const BATCH_OPTIONS = {
  runs: { type: 'string' },
  dataset: { type: 'string' },
  'ai-unavailable': { type: 'string' },
  'ai-unsure': { type: 'string' },
  'connector-failure': { type: 'string' },
  sla: { type: 'string' },
} as const;

export const BATCH_USAGE = `  --runs N             Run a batch of N simulated items (1 to 100,000) and print its metrics
                       instead of one trace. Reviewers follow their profiles; each item's seed
                       comes from --seed and its number, so the same seed gives the same metrics.
  --dataset NAME       Batch inputs: the records of a sample data set (default: the scenarios'
                       inputs, in turn)
  --ai-unavailable P   Batch faults: the share of AI steps that get no answer (0 to 1, or 0% to 100%)
  --ai-unsure P        ... the share of AI steps that are unsure
  --connector-failure P  ... the share of connector actions that fail
  --sla MINUTES        Count the items that take longer than this on the virtual clock (default:
                       the workflow's simulation.slaMinutes, if any; "none" for no SLA)`;

export type BatchFlags = { [K in keyof typeof BATCH_OPTIONS]?: string };

/** Flags other than --runs that only mean something in a batch. */
export function batchOnlyFlags(values: BatchFlags): string[] {
  return (['dataset', 'ai-unavailable', 'ai-unsure', 'connector-failure', 'sla'] as const).filter((k) => values[k] !== undefined).map((k) => `--${k}`);
}

/** The message for batch-only flags given without --runs. */
export function needsRuns(flags: readonly string[]): string {
  return `${flags.join(', ')} ${flags.length === 1 ? 'needs' : 'need'} --runs N.\n`;
}

const FLAG_OF_PATH: Record<string, string> = {
  '$.runs': '--runs',
  '$.seed': '--seed',
  '$.faults.aiUnavailable': '--ai-unavailable',
  '$.faults.aiUnsure': '--ai-unsure',
  '$.faults.connectorFailure': '--connector-failure',
  '$.slaMinutes': '--sla',
  '$.inputs.dataset': '--dataset',
};

function fraction(raw: string | undefined, flag: string): number | string | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(raw);
  const share = m ? (m[2] ? Number(m[1]) / 100 : Number(m[1])) : NaN;
  if (!m || share > 1) return `${flag} must be a share from 0 to 100 % (5%) or from 0 to 1 (0.05), not "${raw}".`;
  return share;
}

/** Batch settings from the flags, or a message saying which flag is wrong. */
export function batchSettingsFromFlags(values: BatchFlags, seed: number): BatchSettingsInput | string {
  const raw = values.runs ?? '';
  if (!/^\d+$/.test(raw.replace(/[,_]/g, ''))) return `--runs must be a whole number from 1 to 100,000, not "${raw}".`;
  const runs = Number(raw.replace(/[,_]/g, ''));
  const faults: Record<string, number> = {};
  for (const [flag, key] of [
    ['ai-unavailable', 'aiUnavailable'],
    ['ai-unsure', 'aiUnsure'],
    ['connector-failure', 'connectorFailure'],
  ] as const) {
    const f = fraction(values[flag], `--${flag}`);
    if (typeof f === 'string') return f;
    if (f !== undefined) faults[key] = f;
  }
  // Without --sla the workflow's own SLA applies (prepareBatch fills it in); "--sla none" sets it aside.
  let slaMinutes: number | null | undefined;
  if (values.sla !== undefined) {
    if (values.sla.trim() === 'none') slaMinutes = null;
    else if (!/^\s*\d+(\.\d+)?\s*$/.test(values.sla)) return `--sla must be a number of minutes (or "none"), not "${values.sla}".`;
    else slaMinutes = Number(values.sla);
  }
  return {
    runs,
    seed,
    inputs: values.dataset !== undefined ? { from: 'dataset', dataset: values.dataset } : { from: 'scenarios' },
    faults,
    ...(slaMinutes !== undefined ? { slaMinutes } : {}),
  };
}

/** A message for settings the batch refuses, naming the flag rather than the JSON path. */
function batchProblem(e: unknown, file: string): string | null {
  if (e instanceof BatchSettingsError) return `${FLAG_OF_PATH[e.path] ?? e.path}: ${e.message.slice(e.path.length + 2)}`;
  if (e instanceof SimulationSpecError) return e.path in FLAG_OF_PATH ? `${FLAG_OF_PATH[e.path]}: ${e.message.slice(e.path.length + 2)}` : `${file}: ${e.message}`;
  return null;
}

/** Prepares a batch from the flags' settings, or returns null after saying on stderr what is wrong. */
export function prepareBatchFor(workflow: Workflow, datasets: DataSets, datasetNames: readonly string[], file: string, settings: BatchSettingsInput, io: CliIo): PreparedBatch | null {
  try {
    const prepared = prepareBatch(workflow, datasets, settings, { datasetNames });
    if (prepared.calibration) {
      // On stderr, like the model note: the JSON on stdout stays the batch's.
      const source = (workflow.simulation as { calibration?: { log?: unknown; cases?: unknown } } | undefined)?.calibration;
      const from = typeof source?.log === 'string' ? ` from ${source.log}${typeof source.cases === 'number' ? ` (${thousands(source.cases)} cases)` : ''}` : ' from a log';
      io.stderr.write(`${terminalText(`The workflow is calibrated${from}: its steps take the log's outputs and times, and the fault rates apply only to the others.`)}
`);
    }
    for (const note of prepared.calibrationNotes) io.stderr.write(`${terminalText(note)}
`);
    return prepared;
  } catch (e) {
    const problem = batchProblem(e, file);
    if (problem === null) throw e;
    io.stderr.write(`${terminalText(problem)}\n`);
    return null;
  }
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** "[####......]": floored, so the bar is full only when every item is done (95.6 % of 10 cells is 9). */
export function barCells(done: number, total: number, width: number): string {
  const filled = Math.max(0, Math.min(width, Math.floor((done / Math.max(total, 1)) * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** Draws a progress bar on stderr when it is a terminal (items done, rate, time left), then how long it took. */
function progressBar(io: CliIo, now: () => number) {
  const tty = isTerminal(io.stderr);
  // The bar's own carriage return and erase-line, which the terminal guard would otherwise print as text.
  const terminal = rawStream(io.stderr);
  const start = now();
  let lastDraw = -Infinity;
  return {
    update(done: number, total: number): void {
      const elapsed = now() - start;
      if (!tty || done >= total || elapsed <= 300 || now() - lastDraw <= 100) return;
      lastDraw = now();
      const rate = done / (elapsed / 1000);
      const left = (total - done) / Math.max(rate, 1e-9);
      const width = Math.max(10, Math.min(40, ((io.stderr as { columns?: number }).columns ?? 80) - 50));
      terminal.write(`\r${barCells(done, total, width)} ${thousands(done)}/${thousands(total)} · ${thousands(Math.round(rate))}/s · ${seconds(left * 1000)} left `);
    },
    finish(total: number): void {
      if (!tty) return;
      const elapsed = now() - start;
      terminal.write(`\r\x1b[2KRan ${thousands(total)} items in ${seconds(elapsed)} (${thousands(Math.round(total / Math.max(elapsed / 1000, 1e-9)))} items/s).\n`);
    },
  };
}

/**
 * Runs the batch in slices, drawing a progress bar on stderr between them when stderr is a terminal
 * (items done, rate, time left), and saying how long it took. Nothing of this reaches stdout.
 */
export function runWithProgress(runner: BatchRunner, io: CliIo, now: () => number = () => performance.now()): BatchResult {
  const bar = progressBar(io, now);
  let slice = 200;
  while (!runner.finished) {
    const t0 = now();
    runner.runNext(slice);
    const took = now() - t0;
    // Slices of about 50 ms keep the bar moving without costing anything measurable.
    slice = Math.max(50, Math.min(20_000, Math.round(slice * (took > 0 ? 50 / took : 2))));
    bar.update(runner.done, runner.total);
  }
  bar.finish(runner.total);
  return runner.result();
}

/** `flowgate simulate FILE --runs N`: prepares, runs and prints the batch. */
export function simulateBatch(workflow: Workflow, datasets: DataSets, datasetNames: readonly string[], file: string, settings: BatchSettingsInput, format: 'text' | 'json', io: CliIo): number {
  const prepared = prepareBatchFor(workflow, datasets, datasetNames, file, settings, io);
  if (!prepared) return EXIT_USAGE;
  const result = runWithProgress(new BatchRunner(prepared), io);
  io.stdout.write(format === 'json' ? batchToJson(result) : formatBatchText(result, workflow, terminalText));
  return 0;
}

/** The model a batch's external AI steps run on (from cliAi), and what the user allowed. */
export interface BatchModel {
  provider: AiProvider;
  model: string;
  baseUrl: string;
  usage: () => AiUsage;
  /** The app's "ask before a batch makes more calls than" setting, or --max-calls. */
  maxCalls: number;
  /** --yes: send however many calls it takes. */
  confirmed: boolean;
  /** Whether the limit came from --max-calls (for the message). */
  fromFlag: boolean;
}

/**
 * `flowgate simulate FILE --runs N` when AI steps run on a model: refuses (exit 2) above the calls the
 * user allows without asking unless --yes, then runs the items a few at a time on the engine's async
 * path and prints the metrics with the model's calls, tokens and estimated cost.
 */
export async function simulateModelBatch(
  workflow: Workflow,
  datasets: DataSets,
  datasetNames: readonly string[],
  file: string,
  settings: BatchSettingsInput,
  format: 'text' | 'json',
  io: CliIo,
  model: BatchModel,
): Promise<number> {
  const prepared = prepareBatchFor(workflow, datasets, datasetNames, file, settings, io);
  if (!prepared) return EXIT_USAGE;
  const plan = estimateCalls(workflow, prepared.settings.runs, { provider: 'openai-compatible', baseUrl: model.baseUrl, model: model.model, maxCallsWithoutAsking: model.maxCalls });
  if (plan.mustAsk && !model.confirmed) {
    const limit = model.fromFlag ? `--max-calls ${thousands(model.maxCalls)}` : `the ${thousands(model.maxCalls)} the app's AI settings allow without asking`;
    io.stderr.write(`This batch would send ${callsPhrase(plan)}, more than ${limit}. Run it again with --yes to send them, or with --max-calls ${plan.calls}.\n`);
    return EXIT_USAGE;
  }
  io.stderr.write(`AI steps ${terminalText(plan.steps.join(', '))} run on the model "${terminalText(model.model)}" at ${terminalText(model.baseUrl)}: ${callsPhrase(plan)}, ${DEFAULT_BATCH_CONCURRENCY} items at a time.\n`);
  const bar = progressBar(io, () => performance.now());
  const result = await runBatchAsync(prepared, { ai: model.provider, isCancelled: () => false, onProgress: (done, total) => bar.update(done, total) });
  bar.finish(result.metrics.runs);
  const usage = model.usage();
  const withUsage: BatchResult = { ...result, aiUsage: usage };
  if (format === 'json') {
    io.stdout.write(batchToJson(withUsage));
    io.stderr.write(`${usageLine(usage)}\n${NOT_REPRODUCIBLE}\n`);
  } else {
    io.stdout.write(`${formatBatchText(withUsage, workflow, terminalText)}${usageLine(usage)}\n${NOT_REPRODUCIBLE}\n`);
  }
  return 0;
}

export const NOT_REPRODUCIBLE = 'The model answered the AI steps marked external: its answers are not reproducible, so the same seed may give other results.';
