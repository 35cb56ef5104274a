// `flowgate simulate --runs N` (and `flowgate report --runs N`): a batch of simulated items from the
// command line. The options, how they become batch settings, and a progress bar on stderr when it is
// a terminal. The JSON output has no wall-clock time in it, so the same seed gives the same bytes.
import type { Workflow } from '../../shared/model/schema';
import { BatchRunner, batchToJson, prepareBatch, type BatchResult, type BatchSettingsInput } from '../../shared/simulation/batch';
import { BatchSettingsError } from '../../shared/simulation/batch-settings';
import { formatBatchText, thousands } from '../../shared/simulation/batch-text';
import type { DataSets } from '../../shared/simulation/datasets';
import { SimulationSpecError } from '../../shared/simulation/scenario';
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
  --ai-unavailable P   Batch faults: the share of AI steps that get no answer (0 to 1, or 5%)
  --ai-unsure P        ... the share of AI steps that are unsure
  --connector-failure P  ... the share of connector actions that fail
  --sla MINUTES        Count the items that take longer than this on the virtual clock`;

export type BatchFlags = { [K in keyof typeof BATCH_OPTIONS]?: string };

/** Flags other than --runs that only mean something in a batch. */
export function batchOnlyFlags(values: BatchFlags): string[] {
  return (['dataset', 'ai-unavailable', 'ai-unsure', 'connector-failure', 'sla'] as const).filter((k) => values[k] !== undefined).map((k) => `--${k}`);
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
  if (!m) return `${flag} must be a share such as 0.05 or 5%, not "${raw}".`;
  return m[2] ? Number(m[1]) / 100 : Number(m[1]);
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
  let slaMinutes: number | null = null;
  if (values.sla !== undefined) {
    if (!/^\s*\d+(\.\d+)?\s*$/.test(values.sla)) return `--sla must be a number of minutes, not "${values.sla}".`;
    slaMinutes = Number(values.sla);
  }
  return {
    runs,
    seed,
    inputs: values.dataset !== undefined ? { from: 'dataset', dataset: values.dataset } : { from: 'scenarios' },
    faults,
    slaMinutes,
  };
}

/** A message for settings the batch refuses, naming the flag rather than the JSON path. */
export function batchProblem(e: unknown, file: string): string | null {
  if (e instanceof BatchSettingsError) return `${FLAG_OF_PATH[e.path] ?? e.path}: ${e.message.slice(e.path.length + 2)}`;
  if (e instanceof SimulationSpecError) return e.path in FLAG_OF_PATH ? `${FLAG_OF_PATH[e.path]}: ${e.message.slice(e.path.length + 2)}` : `${file}: ${e.message}`;
  return null;
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * Runs the batch in slices, drawing a progress bar on stderr between them when stderr is a terminal
 * (items done, rate, time left), and saying how long it took. Nothing of this reaches stdout.
 */
export function runWithProgress(runner: BatchRunner, io: CliIo, now: () => number = () => performance.now()): BatchResult {
  const tty = isTerminal(io.stderr);
  const start = now();
  let lastDraw = -Infinity;
  let slice = 200;
  while (!runner.finished) {
    const t0 = now();
    runner.runNext(slice);
    const took = now() - t0;
    // Slices of about 50 ms keep the bar moving without costing anything measurable.
    slice = Math.max(50, Math.min(20_000, Math.round(slice * (took > 0 ? 50 / took : 2))));
    const elapsed = now() - start;
    if (tty && !runner.finished && elapsed > 300 && now() - lastDraw > 100) {
      lastDraw = now();
      const rate = runner.done / (elapsed / 1000);
      const left = (runner.total - runner.done) / Math.max(rate, 1e-9);
      const width = Math.max(10, Math.min(40, ((io.stderr as { columns?: number }).columns ?? 80) - 50));
      const filled = Math.round((runner.done / runner.total) * width);
      io.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${thousands(runner.done)}/${thousands(runner.total)} · ${thousands(Math.round(rate))}/s · ${seconds(left * 1000)} left `,
      );
    }
  }
  if (tty) {
    const elapsed = now() - start;
    io.stderr.write(`\r\x1b[2KRan ${thousands(runner.total)} items in ${seconds(elapsed)} (${thousands(Math.round(runner.total / Math.max(elapsed / 1000, 1e-9)))} items/s).\n`);
  }
  return runner.result();
}

/** `flowgate simulate FILE --runs N`: prepares, runs and prints the batch. */
export function simulateBatch(workflow: Workflow, datasets: DataSets, datasetNames: readonly string[], file: string, settings: BatchSettingsInput, format: 'text' | 'json', io: CliIo): number {
  let runner: BatchRunner;
  try {
    runner = new BatchRunner(prepareBatch(workflow, datasets, settings, { datasetNames }));
  } catch (e) {
    const problem = batchProblem(e, file);
    if (problem === null) throw e;
    io.stderr.write(`${problem}\n`);
    return EXIT_USAGE;
  }
  const result = runWithProgress(runner, io);
  io.stdout.write(format === 'json' ? batchToJson(result) : formatBatchText(result, workflow));
  return 0;
}
