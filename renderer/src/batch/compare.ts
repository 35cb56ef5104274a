// Two batches side by side: the figures of each, the difference, and whether it went the way one
// would want (fewer errors, shorter cycle times) or not. When the batches ran different numbers of
// items, counts are compared per 1,000 items so that a bigger batch does not look worse for its size.
import { displayText } from '../../../shared/model/display-text';
import type { Workflow } from '../../../shared/model/schema';
import type { BatchSettings } from '../../../shared/simulation/batch-settings';
import { FIGURE_NAMES, faultsText, HAND_OFF_NOTE, minutesText, stopLabel } from '../../../shared/simulation/batch-text';
import { thousands } from '../../../shared/text';
import type { BatchMetrics } from '../../../shared/simulation/metrics-schema';

export interface BatchSide {
  id: string;
  startedAt: string | null;
  settings: BatchSettings;
  metrics: BatchMetrics;
  cancelled: boolean;
  /** The workflow as the batch ran it (for step names; null when unknown). */
  document: Workflow | null;
}

/** share: a fraction of the items; count: calls or errors (per 1,000 items when scaled); minutes; hours. */
export type CompareUnit = 'share' | 'count' | 'minutes' | 'hours';
export type Better = 'lower' | 'higher' | null;
export type Change = 'up' | 'down' | 'same';
export type Tone = 'better' | 'worse' | 'neutral' | 'same';

export interface CompareRow {
  key: string;
  group: string;
  label: string;
  /** null: the figure does not exist on that side (a step added or removed, an outcome never reached). */
  a: number | null;
  b: number | null;
  unit: CompareUnit;
  better: Better;
  change: Change;
  tone: Tone;
}

export interface SettingRow {
  label: string;
  a: string;
  b: string;
  differs: boolean;
}

export interface Comparison {
  rows: CompareRow[];
  settings: SettingRow[];
  /** Counts are per 1,000 items (the batches ran different numbers of items). */
  perThousand: boolean;
  /** Steps, links or connections differ between the two documents. */
  workflowChanged: boolean;
  /**
   * Set when B escalated a larger share of items than A and some of its cycle times are shorter: cycle
   * times stop at the hand-off, so those are not called better (their rows are neutral), and this says why.
   */
  handOffNote: string | null;
}

/** Differences smaller than these are rounding, not change. */
const SAME_WITHIN: Record<CompareUnit, number> = { share: 0.0005, count: 0.05, minutes: 0.005, hours: 0.005 };

export function changeOf(a: number | null, b: number | null, unit: CompareUnit): Change {
  const x = a ?? 0;
  const y = b ?? 0;
  if (Math.abs(y - x) < SAME_WITHIN[unit]) return 'same';
  return y > x ? 'up' : 'down';
}

export function toneOf(change: Change, better: Better): Tone {
  if (change === 'same') return 'same';
  if (better === null) return 'neutral';
  return (change === 'up') === (better === 'higher') ? 'better' : 'worse';
}

function row(key: string, group: string, label: string, a: number | null, b: number | null, unit: CompareUnit, better: Better): CompareRow {
  const change = changeOf(a, b, unit);
  return { key, group, label, a, b, unit, better, change, tone: toneOf(change, better) };
}

function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

function stepLabel(id: string, a: Workflow | null, b: Workflow | null): string {
  const node = b?.nodes.find((n) => n.id === id) ?? a?.nodes.find((n) => n.id === id);
  return displayText(node?.label ?? id, 60, id);
}

function sameWorkflow(a: Workflow | null, b: Workflow | null): boolean {
  if (!a || !b) return true;
  const shape = (w: Workflow) => JSON.stringify([w.nodes.map((n) => [n.id, n.kind, n.config]), w.edges, w.connections]);
  return shape(a) === shape(b);
}

function inputsLabel(s: BatchSettings): string {
  return s.inputs.from === 'dataset' ? `data set “${s.inputs.dataset}”` : 'scenarios';
}

export function settingRows(a: BatchSettings, b: BatchSettings): SettingRow[] {
  const rows = [
    ['Items', thousands(a.runs), thousands(b.runs)],
    ['Seed', String(a.seed), String(b.seed)],
    ['Inputs', inputsLabel(a), inputsLabel(b)],
    ['Faults', faultsText(a), faultsText(b)],
    ['SLA', a.slaMinutes === null ? 'none' : minutesText(a.slaMinutes), b.slaMinutes === null ? 'none' : minutesText(b.slaMinutes)],
  ];
  return rows.map(([label, x, y]) => ({ label, a: x, b: y, differs: x !== y }));
}

/** `a` is the earlier batch ("before"), `b` the later one ("after"). */
export function compareBatches(a: BatchSide, b: BatchSide): Comparison {
  const ma = a.metrics;
  const mb = b.metrics;
  const perThousand = ma.runs !== mb.runs;
  const share = (m: BatchMetrics, n: number | undefined) => (n === undefined ? null : m.runs ? n / m.runs : 0);
  const count = (m: BatchMetrics, n: number | undefined) => (n === undefined ? null : perThousand ? (m.runs ? (n / m.runs) * 1000 : 0) : n);
  const rows: CompareRow[] = [];

  const ends = union(Object.keys(ma.outcomes), Object.keys(mb.outcomes));
  for (const o of ends) rows.push(row(`outcome:${o}`, FIGURE_NAMES.outcomes, displayText(o, 40, o), share(ma, ma.outcomes[o] ?? 0), share(mb, mb.outcomes[o] ?? 0), 'share', null));
  for (const code of union(Object.keys(ma.stopped), Object.keys(mb.stopped))) {
    rows.push(row(`stopped:${code}`, FIGURE_NAMES.outcomes, stopLabel(code), share(ma, ma.stopped[code] ?? 0), share(mb, mb.stopped[code] ?? 0), 'share', 'lower'));
  }
  if (ma.notEntered || mb.notEntered) {
    rows.push(row('notEntered', 'Outcomes', stopLabel('not-entered'), share(ma, ma.notEntered ?? 0), share(mb, mb.notEntered ?? 0), 'share', 'lower'));
  }

  rows.push(
    row('withoutHuman', 'People', FIGURE_NAMES.withoutPerson, share(ma, ma.completedWithoutHuman), share(mb, mb.completedWithoutHuman), 'share', 'higher'),
    row('reviewed', 'People', FIGURE_NAMES.reviewed, share(ma, ma.reviewed), share(mb, mb.reviewed), 'share', null),
    row('escalated', 'People', FIGURE_NAMES.escalated, share(ma, ma.escalated), share(mb, mb.escalated), 'share', 'lower'),
  );
  // A batch that hands more items to a team stops their clock earlier: its shorter cycle times are
  // not an improvement, so they are shown as a change, not as better (longer ones are still worse).
  const moreHandOffs = changeOf(share(ma, ma.escalated), share(mb, mb.escalated), 'share') === 'up';
  const timeRow = (key: string, group: string, label: string, before: number, after: number): CompareRow => {
    const r = row(key, group, label, before, after, 'minutes', 'lower');
    return moreHandOffs && r.change === 'down' ? { ...r, tone: 'neutral' } : r;
  };

  rows.push(
    row('errors', 'Problems', 'Errors', count(ma, ma.errors), count(mb, mb.errors), 'count', 'lower'),
    row('denied', 'Problems', 'Denied calls', count(ma, ma.deniedCalls), count(mb, mb.deniedCalls), 'count', 'lower'),
    row('failed', 'Problems', 'Failed calls', count(ma, ma.failedCalls), count(mb, mb.failedCalls), 'count', 'lower'),
  );
  if (ma.changedAfterApproval || mb.changedAfterApproval) {
    rows.push(row('changed', 'Problems', 'Sent changed after approval', count(ma, ma.changedAfterApproval ?? 0), count(mb, mb.changedAfterApproval ?? 0), 'count', 'lower'));
  }
  if (ma.slaBreaches !== null || mb.slaBreaches !== null) {
    rows.push(row('sla', 'Problems', 'Over the SLA', ma.slaBreaches === null ? null : share(ma, ma.slaBreaches), mb.slaBreaches === null ? null : share(mb, mb.slaBreaches), 'share', 'lower'));
  }

  const ca = ma.cycleTimeMinutes;
  const cb = mb.cycleTimeMinutes;
  const cycle = `${FIGURE_NAMES.cycle} (to the end or the hand-off)`;
  rows.push(
    timeRow('p50', cycle, 'Median (p50)', ca.p50, cb.p50),
    timeRow('p90', cycle, 'p90', ca.p90, cb.p90),
    timeRow('p95', cycle, 'p95', ca.p95, cb.p95),
    timeRow('max', cycle, 'Longest (max)', ca.max, cb.max),
    timeRow('mean', cycle, 'Mean', ca.mean, cb.mean),
  );

  for (const role of union(Object.keys(ma.reviewerWorkload), Object.keys(mb.reviewerWorkload))) {
    const wa = ma.reviewerWorkload[role];
    const wb = mb.reviewerWorkload[role];
    const hours = (m: BatchMetrics, h: number | undefined) => (h === undefined ? 0 : perThousand ? (m.runs ? (h / m.runs) * 1000 : 0) : h);
    const name = displayText(role, 40, role);
    rows.push(
      row(`reviewer-items:${role}`, 'Reviewers', `${name}: items`, count(ma, wa?.items ?? 0), count(mb, wb?.items ?? 0), 'count', null),
      row(`reviewer-hours:${role}`, 'Reviewers', `${name}: hours waited`, hours(ma, wa?.hours), hours(mb, wb?.hours), 'hours', 'lower'),
    );
  }

  // Steps in the later document's order, then those only the earlier one had.
  const steps = union(Object.keys(mb.nodeVisits), Object.keys(ma.nodeVisits));
  for (const id of steps) {
    rows.push(row(`step:${id}`, 'Steps reached', stepLabel(id, a.document, b.document), share(ma, ma.nodeVisits[id]), share(mb, mb.nodeVisits[id]), 'share', null));
  }

  const shorter = rows.some((r) => r.group === cycle && r.change === 'down');
  const handOffNote =
    moreHandOffs && shorter ? `B hands a larger share of items to a team. ${HAND_OFF_NOTE} So B’s shorter cycle times are not called better: they may only mean earlier hand-offs.` : null;
  return { rows, settings: settingRows(a.settings, b.settings), perThousand, workflowChanged: !sameWorkflow(a.document, b.document), handOffNote };
}

/** A figure as the comparison writes it. */
export function valueText(v: number | null, unit: CompareUnit): string {
  if (v === null) return '—';
  switch (unit) {
    case 'share':
      return `${(Math.round(v * 1000) / 10).toFixed(1)} %`;
    case 'count':
      return thousands(Math.round(v * 10) / 10);
    case 'minutes':
      return minutesText(v);
    case 'hours':
      return `${thousands(Math.round(v * 10) / 10)} h`;
  }
}

/** The difference, signed: "+3.2 pts", "−12 min", "+40". */
export function deltaText(r: CompareRow): string {
  if (r.change === 'same') return 'no change';
  const d = (r.b ?? 0) - (r.a ?? 0);
  const sign = d > 0 ? '+' : '−';
  const abs = Math.abs(d);
  switch (r.unit) {
    case 'share':
      return `${sign}${(Math.round(abs * 1000) / 10).toFixed(1)} pts`;
    case 'count':
      return `${sign}${thousands(Math.round(abs * 10) / 10)}`;
    case 'minutes':
      return `${sign}${minutesText(abs)}`;
    case 'hours':
      return `${sign}${thousands(Math.round(abs * 10) / 10)} h`;
  }
}
