// What a benchmark module reports, how it is compared with its budget, printed and written out.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release } from 'node:os';
import { dirname } from 'node:path';

/** A budget from DESIGN.md §10: the value must stay at or under `max`, or reach at least `min`. */
export type Budget = { max: number } | { min: number };

export interface Figure {
  /** Stable key, e.g. `analysis.1000`. */
  id: string;
  /** What was measured, in words. */
  figure: string;
  /** null when the figure could not be measured; `note` then says why. */
  value: number | null;
  unit: string;
  budget: Budget | null;
  /** true/false against the budget; null without a budget or without a value. */
  withinBudget: boolean | null;
  /** How it was measured or why it is missing (runs, spread, fallbacks). */
  note?: string;
}

export function figure(id: string, text: string, value: number | null, unit: string, budget: Budget | null = null, note?: string): Figure {
  let withinBudget: boolean | null = null;
  if (budget && value !== null) withinBudget = 'max' in budget ? value <= budget.max : value >= budget.min;
  return { id, figure: text, value, unit, budget, withinBudget, ...(note ? { note } : {}) };
}

/** A figure that could not be measured: kept in the table so a missing number is never silent. */
export function missing(id: string, text: string, unit: string, budget: Budget | null, why: string): Figure {
  return figure(id, text, null, unit, budget, why);
}

export function formatValue(value: number | null): string {
  if (value === null) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatBudget(budget: Budget | null, unit: string): string {
  if (!budget) return '';
  return 'max' in budget ? `≤ ${formatValue(budget.max)} ${unit}` : `≥ ${formatValue(budget.min)} ${unit}`;
}

function verdict(f: Figure): string {
  if (f.withinBudget === null) return f.value === null ? 'not measured' : '';
  return f.withinBudget ? 'within' : 'OVER';
}

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.figure, `${formatValue(f.value)} ${f.value === null ? '' : f.unit}`.trim(), formatBudget(f.budget, f.unit), verdict(f)]);
  const head = ['Figure', 'Median', 'Budget', 'Verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.figure}: ${f.note}`);
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', 'Notes:', ...notes].join('\n');
}

/** Load average when the run started: on a shared machine, read the figures with it in mind. */
export const LOAD_AT_START = loadavg()[0];

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
      loadAverageAtStart: Math.round(LOAD_AT_START * 100) / 100,
      loadAverageAtEnd: Math.round(loadavg()[0] * 100) / 100,
    },
    figures,
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
}
