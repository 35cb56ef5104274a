// What a benchmark module reports, how it is compared with its budget, printed and written out.
//
// Absolute times on shared machines swing 2–3× from run to run, so a figure that has a baseline — the
// same work's physical floor measured in the same run (one BFS over the same graph, JSON.parse of the
// same file, bare React Flow with the same nodes, `node -e 0`) — is judged on its ratio to it. Both are
// printed; the absolute budget is then shown for reference only.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** A budget: the value must stay at or under `max`, or reach at least `min`. */
export type Budget = { max: number } | { min: number };

/** The same run's measurement of the floor the figure is compared with. */
export interface Baseline {
  /** What it is, in words ("one BFS over the same graph"). */
  what: string;
  /** Its value, in the figure's unit. */
  value: number;
  /** figure ÷ baseline. */
  ratio: number;
  /** The budget of the ratio; when set, it is what the verdict judges. */
  budget: Budget | null;
}

export interface Figure {
  /** Stable key, e.g. `analysis.1000`. */
  id: string;
  /** What was measured, in words. */
  figure: string;
  /** null when the figure could not be measured; `note` then says why. */
  value: number | null;
  unit: string;
  /** The absolute budget (DESIGN.md §10); judged only when there is no ratio budget. */
  budget: Budget | null;
  baseline?: Baseline;
  /** true/false against the ratio budget if there is one, else the absolute budget; null without either or without a value. */
  withinBudget: boolean | null;
  /** Which budget the verdict judged. */
  judged?: 'ratio' | 'absolute';
  /** How it was measured or why it is missing (runs, spread, fallbacks). */
  note?: string;
}

function within(budget: Budget, value: number): boolean {
  return 'max' in budget ? value <= budget.max : value >= budget.min;
}

export interface BaselineInput {
  what: string;
  value: number;
  budget?: Budget | null;
}

export function figure(id: string, text: string, value: number | null, unit: string, budget: Budget | null = null, note?: string, baseline?: BaselineInput): Figure {
  const base: Baseline | undefined =
    baseline && value !== null && baseline.value > 0
      ? { what: baseline.what, value: baseline.value, ratio: value / baseline.value, budget: baseline.budget ?? null }
      : undefined;
  let withinBudget: boolean | null = null;
  let judged: Figure['judged'];
  if (base?.budget) {
    withinBudget = within(base.budget, base.ratio);
    judged = 'ratio';
  } else if (budget && value !== null && !baseline?.budget) {
    withinBudget = within(budget, value);
    judged = 'absolute';
  }
  return { id, figure: text, value, unit, budget, ...(base ? { baseline: base } : {}), withinBudget, ...(judged ? { judged } : {}), ...(note ? { note } : {}) };
}

/** A figure that could not be measured: kept in the table so a missing number is never silent. */
export function missing(id: string, text: string, unit: string, budget: Budget | null, why: string, ratioBudget?: Budget): Figure {
  const f = figure(id, text, null, unit, budget, why);
  return ratioBudget ? { ...f, judged: 'ratio' } : f;
}

export function formatValue(value: number | null): string {
  if (value === null) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatBudget(budget: Budget | null, unit: string): string {
  if (!budget) return '';
  const u = unit ? ` ${unit}` : '';
  return 'max' in budget ? `≤ ${formatValue(budget.max)}${u}` : `≥ ${formatValue(budget.min)}${u}`;
}

function verdict(f: Figure): string {
  if (f.withinBudget === null) return f.value === null ? 'not measured' : '';
  return f.withinBudget ? 'within' : 'OVER';
}

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.figure,
    `${formatValue(f.value)} ${f.value === null ? '' : f.unit}`.trim(),
    f.judged === 'ratio' ? `(${formatBudget(f.budget, f.unit) || '—'})` : formatBudget(f.budget, f.unit),
    f.baseline ? `${formatValue(f.baseline.value)} ${f.unit}`.trim() : '',
    f.baseline ? `${f.baseline.ratio.toFixed(2)}×` : '',
    f.baseline?.budget ? formatBudget(f.baseline.budget, '×') : '',
    verdict(f),
  ]);
  const head = ['Figure', 'Median', 'Budget', 'Baseline', 'Ratio', 'Ratio budget', 'Verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const right = new Set([1, 3, 4]);
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const notes = figures.filter((f) => f.note || f.baseline).map((f) => `  ${f.figure}: ${[f.baseline ? `baseline: ${f.baseline.what}` : '', f.note ?? ''].filter(Boolean).join('; ')}`);
  const legend = 'A budget in brackets is shown for reference: the ratio to the baseline measured in the same run is judged.';
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', legend, '', 'Notes:', ...notes].join('\n');
}

export interface MachineState {
  at: string;
  /** Load average over 1, 5 and 15 minutes. */
  loadAverage: [number, number, number];
  freeMemoryMB: number;
}

function machineState(): MachineState {
  const [a, b, c] = loadavg().map((x) => Math.round(x * 100) / 100);
  return { at: new Date().toISOString(), loadAverage: [a, b, c], freeMemoryMB: Math.round(freemem() / 1024 / 1024) };
}

/** The machine when the run started: on a shared machine, read the figures with it in mind. */
export const AT_START = machineState();
export const LOAD_AT_START = AT_START.loadAverage[0];

export async function writeResults(file: string, figures: readonly Figure[], seconds: number): Promise<void> {
  const cpu = cpus();
  const doc = {
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round(seconds * 10) / 10,
    machine: {
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpu: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      totalMemoryMB: Math.round(totalmem() / 1024 / 1024),
      loadAverageAtStart: AT_START.loadAverage[0],
      loadAverageAtEnd: Math.round(loadavg()[0] * 100) / 100,
      atStart: AT_START,
      atEnd: machineState(),
    },
    figures,
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
}
