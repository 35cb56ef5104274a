// Writes resources/sample-logs/support-ticket-triage.{csv,xes}: an event log for the support template,
// made from a simulated batch (what a help desk would export after a few days) plus a few deliberate
// deviations and one approval violation, so that `flowgate conform` has something real to show.
// Run: npx tsx scripts/generate-sample-log.ts. A unit test fails when the committed files are out of date.
//
// The batch and simulate APIs are used read-only: each item's trace gives the steps it did, when each
// step ended and by which output. Decisions and end steps are not logged (a help desk records work,
// not routing), which is what real exports look like.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSampleData } from '../cli/commands/simulate';
import { loadWorkflow } from '../shared/model/load';
import type { Workflow } from '../shared/model/schema';
import { batchItemOptions, prepareBatch } from '../shared/simulation/batch';
import type { BatchSettingsInput } from '../shared/simulation/batch-settings';
import type { DataSets } from '../shared/simulation/datasets';
import { logNormal, seededRandom } from '../shared/simulation/random';
import { simulate } from '../shared/simulation/simulate';

export const SAMPLE_LOG_DIR = fileURLToPath(new URL('../resources/sample-logs/', import.meta.url));
export const SUPPORT_TEMPLATE = fileURLToPath(new URL('../resources/templates/support-ticket-triage.flowgate.json', import.meta.url));

/** One row of a log, as an export has it. */
export interface LogRow {
  caseId: string;
  activity: string;
  /** Milliseconds since 1970, UTC. */
  time: number;
  resource: string;
}

export interface BatchLogOptions {
  runs: number;
  seed: number;
  /** Batch settings beyond runs and seed (inputs, fault rates). */
  settings?: Omit<BatchSettingsInput, 'runs' | 'seed'>;
  /** When the first case arrives; cases then arrive on average every `everyMinutes`. */
  startMs?: number;
  everyMinutes?: number;
  caseId?: (index: number) => string;
  /**
   * Minutes a team takes to pick up a hand-off (median, p90): the simulator hands over at once, a real
   * queue does not. Later rows of the case move by as much. Default: none.
   */
  pickupMinutes?: { median: number; p90: number };
}

const START_MS = Date.UTC(2024, 5, 3, 8, 0, 0);
const SUPERVISORS = ['Dana Whitfield', 'Marco Rossi', 'Aiko Tanaka'];

/** Who does a step, the way a help desk export names it. */
function resourceOf(wf: Workflow, nodeId: string, pick: () => number): string {
  const node = wf.nodes.find((n) => n.id === nodeId)!;
  switch (node.kind) {
    case 'ai':
      return 'AI assistant';
    case 'approval':
      return SUPERVISORS[Math.floor(pick() * SUPERVISORS.length)];
    case 'escalation':
      return node.config.team || 'Support agents';
    case 'integration': {
      const connection = wf.connections.find((c) => c.id === node.config.connection);
      return connection?.identity || connection?.label || 'system';
    }
    default:
      return 'Help desk';
  }
}

/**
 * A log of a batch: one row per step each item did, at the time the step ended, except decisions and
 * end steps. An item whose run stopped (a failing intake read) logs only the steps it finished. Cases
 * arrive at random (exponential gaps) from `startMs`; the same options give the same rows.
 */
export function batchLog(wf: Workflow, datasets: DataSets, options: BatchLogOptions): LogRow[] {
  const prepared = prepareBatch(wf, datasets, { ...options.settings, runs: options.runs, seed: options.seed });
  const random = seededRandom(options.seed ^ 0x1f2e3d4c);
  const every = options.everyMinutes ?? 9;
  const caseId = options.caseId ?? ((i: number) => `C-${String(i + 1).padStart(4, '0')}`);
  const kindOf = new Map(wf.nodes.map((n) => [n.id, n.kind]));
  const rows: LogRow[] = [];
  let arrival = options.startMs ?? START_MS;
  for (let i = 0; i < options.runs; i++) {
    arrival += Math.round(-Math.log(1 - random.next()) * every * 60_000);
    const trace = simulate(prepared.compiled, batchItemOptions(prepared, i, { recordEvents: true }));
    let waited = 0;
    for (const event of trace.events) {
      if (event.type !== 'step.left') continue;
      const kind = kindOf.get(event.nodeId);
      if (kind === 'decision' || kind === 'end') continue;
      if (kind === 'escalation' && options.pickupMinutes) waited += Math.round(logNormal(random, options.pickupMinutes.median, options.pickupMinutes.p90) * 60_000);
      const node = wf.nodes.find((n) => n.id === event.nodeId)!;
      rows.push({ caseId: caseId(i), activity: node.label, time: arrival + event.atMs + waited, resource: resourceOf(wf, event.nodeId, () => random.next()) });
    }
  }
  return rows;
}

// ---- the deliberate deviations of the shipped sample ----

export interface InjectedDeviation {
  caseId: string;
  kind: 'skipped' | 'wrong-order' | 'not-in-design' | 'violation';
  what: string;
}

function rowsOf(rows: LogRow[], caseId: string): LogRow[] {
  return rows.filter((r) => r.caseId === caseId);
}

/** Cases whose activities are exactly these, in order (the first `count` of them). */
function casesDoing(rows: LogRow[], activities: string[], count: number, skip: ReadonlySet<string>): string[] {
  const byCase = new Map<string, string[]>();
  for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r.activity]);
  const out: string[] = [];
  for (const [id, seq] of byCase) {
    if (out.length === count) break;
    if (!skip.has(id) && seq.join('|') === activities.join('|')) out.push(id);
  }
  return out;
}

const RESOLVED = ['New ticket', 'Classify ticket', 'Find help articles', 'Draft reply', 'Supervisor approves reply', 'Send reply', 'Close ticket'];

/**
 * Changes four resolved cases of a support-template log: one never closes its ticket (a skipped step),
 * one drafts before it looks up articles (wrong order), one phones the customer (a step not in the
 * design), one sends the reply without the supervisor's approval (a skipped approval and a violation).
 */
export function injectDeviations(rows: LogRow[]): { rows: LogRow[]; injected: InjectedDeviation[] } {
  const [skipped, swapped, extra, unapproved] = casesDoing(rows, RESOLVED, 4, new Set());
  if (!unapproved) throw new Error('The batch has fewer than four resolved cases to change.');
  let out = rows.filter((r) => !(r.caseId === skipped && r.activity === 'Close ticket'));
  const find = rowsOf(out, swapped).find((r) => r.activity === 'Find help articles')!;
  const draft = rowsOf(out, swapped).find((r) => r.activity === 'Draft reply')!;
  out = out.map((r) => (r === find ? { ...r, time: draft.time } : r === draft ? { ...r, time: find.time } : r));
  const approval = rowsOf(out, extra).find((r) => r.activity === 'Supervisor approves reply')!;
  out.push({ caseId: extra, activity: 'Call customer', time: approval.time + 4 * 60_000, resource: approval.resource });
  out = out.filter((r) => !(r.caseId === unapproved && r.activity === 'Supervisor approves reply'));
  return {
    rows: sortRows(out),
    injected: [
      { caseId: skipped, kind: 'skipped', what: 'Close ticket' },
      { caseId: swapped, kind: 'wrong-order', what: 'Draft reply before Find help articles' },
      { caseId: extra, kind: 'not-in-design', what: 'Call customer' },
      { caseId: unapproved, kind: 'violation', what: 'Send reply without Supervisor approves reply' },
    ],
  };
}

/** In time order, as exports usually are; same-time rows keep their case order. */
export function sortRows(rows: LogRow[]): LogRow[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.time - b.r.time || a.i - b.i)
    .map(({ r }) => r);
}

// ---- writing ----

function csvValue(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly LogRow[]): string {
  const lines = ['case_id,activity,timestamp,resource'];
  for (const r of rows) lines.push([r.caseId, r.activity, new Date(r.time).toISOString(), r.resource].map(csvValue).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function xmlValue(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The same rows as XES: one trace per case (in order of first appearance), events in time order. */
export function toXes(rows: readonly LogRow[]): string {
  const byCase = new Map<string, LogRow[]>();
  for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<log xes.version="1.0" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">',
    '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
    '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
    '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
  ];
  for (const [caseId, events] of byCase) {
    out.push('  <trace>', `    <string key="concept:name" value="${xmlValue(caseId)}"/>`);
    for (const e of events) {
      out.push(
        '    <event>',
        `      <string key="concept:name" value="${xmlValue(e.activity)}"/>`,
        `      <date key="time:timestamp" value="${new Date(e.time).toISOString()}"/>`,
        `      <string key="org:resource" value="${xmlValue(e.resource)}"/>`,
        '    </event>',
      );
    }
    out.push('  </trace>');
  }
  out.push('</log>');
  return `${out.join('\n')}\n`;
}

/** The shipped sample: 200 tickets from the help desk's data, some unsure and unavailable AI answers, teams that take a while. */
export const SAMPLE_OPTIONS: BatchLogOptions = {
  runs: 200,
  seed: 7,
  pickupMinutes: { median: 25, p90: 180 },
  settings: { inputs: { from: 'dataset', dataset: 'tickets' }, faults: { aiUnsure: 0.04, aiUnavailable: 0.01, connectorFailure: 0 } },
};

export function supportSampleLog(datasets: DataSets = loadSampleData()): { csv: string; xes: string; injected: InjectedDeviation[] } {
  const { workflow } = loadWorkflow(readFileSync(SUPPORT_TEMPLATE, 'utf8'));
  const { rows, injected } = injectDeviations(batchLog(workflow, datasets, SAMPLE_OPTIONS));
  return { csv: toCsv(rows), xes: toXes(rows), injected };
}

const runDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) {
  const { csv, xes, injected } = supportSampleLog();
  writeFileSync(resolve(SAMPLE_LOG_DIR, 'support-ticket-triage.csv'), csv);
  writeFileSync(resolve(SAMPLE_LOG_DIR, 'support-ticket-triage.xes'), xes);
  console.log(`wrote ${SAMPLE_LOG_DIR}support-ticket-triage.csv and .xes`);
  for (const d of injected) console.log(`  ${d.caseId}: ${d.kind} (${d.what})`);
}
