// A batch's results as the report shows them: the key figures, and the bars of its charts. Shared by
// the Markdown and HTML layouts so that both say the same thing.
import { CHANGED_AFTER_APPROVAL, cycleTimeText, FIGURE_NAMES, minutesText, NOT_ENTERED, percent, stopLabel } from '../simulation/batch-text';
import { thousands } from '../text';
import type { BatchResult } from '../simulation/metrics-schema';
import { barChartSvg, type Bar } from './charts';

export interface Figure {
  label: string;
  value: string;
  /** The share of items, when the figure counts items. */
  share: string | null;
}

export function keyFigures(batch: BatchResult): Figure[] {
  const m = batch.metrics;
  const items = (label: string, n: number): Figure => ({ label, value: thousands(n), share: percent(n, m.runs) });
  const figures: Figure[] = [
    { label: FIGURE_NAMES.runs, value: thousands(m.runs), share: null },
    items(FIGURE_NAMES.withoutPerson, m.completedWithoutHuman),
    items(FIGURE_NAMES.reviewed, m.reviewed),
    items(`${FIGURE_NAMES.escalated} (passed an escalation step)`, m.escalated),
    { label: FIGURE_NAMES.denied, value: thousands(m.deniedCalls), share: null },
    { label: FIGURE_NAMES.errors, value: thousands(m.errors), share: null },
    { label: m.escalated ? `${FIGURE_NAMES.cycle} (to the end or the hand-off)` : FIGURE_NAMES.cycle, value: cycleTimeText(m.cycleTimeMinutes), share: null },
  ];
  if (m.slaMinutes !== null && m.slaBreaches !== null) figures.push(items(`Over the SLA of ${minutesText(m.slaMinutes)}`, m.slaBreaches));
  if (m.notEntered) figures.push(items(NOT_ENTERED, m.notEntered));
  if (m.changedAfterApproval) figures.push({ label: `${CHANGED_AFTER_APPROVAL} (calls)`, value: thousands(m.changedAfterApproval), share: null });
  return figures;
}

const OUTCOME_COLOURS: Record<string, string> = { resolved: '#2e9d5b', approved: '#2e9d5b', escalated: '#d29922', rejected: '#d92d20', stopped: '#667085' };

export function outcomeBars(batch: BatchResult): Bar[] {
  const m = batch.metrics;
  const bars: Bar[] = Object.entries(m.outcomes).map(([outcome, n]) => ({
    label: outcome,
    value: n,
    display: `${thousands(n)} · ${percent(n, m.runs)}`,
    colour: OUTCOME_COLOURS[outcome],
  }));
  for (const [code, n] of Object.entries(m.stopped)) {
    bars.push({ label: stopLabel(code), value: n, display: `${thousands(n)} · ${percent(n, m.runs)}`, colour: '#98a2b3' });
  }
  if (m.notEntered) bars.push({ label: stopLabel('not-entered'), value: m.notEntered, display: `${thousands(m.notEntered)} · ${percent(m.notEntered, m.runs)}`, colour: '#d0d5dd' });
  return bars;
}

export function cycleBars(batch: BatchResult): Bar[] {
  const c = batch.metrics.cycleTimeMinutes;
  return (
    [
      ['median (p50)', c.p50],
      ['p90', c.p90],
      ['p95', c.p95],
      ['longest', c.max],
    ] as const
  ).map(([label, minutes]) => ({ label, value: minutes, display: minutesText(minutes), colour: '#2e6fdb' }));
}

export function shareBars(batch: BatchResult): Bar[] {
  const m = batch.metrics;
  const bar = (label: string, n: number, colour: string): Bar => ({ label, value: n, display: `${percent(n, m.runs)} (${thousands(n)})`, colour });
  const lower = (name: string) => name[0].toLowerCase() + name.slice(1);
  return [bar(FIGURE_NAMES.withoutPerson, m.completedWithoutHuman, '#0e9384'), bar(lower(FIGURE_NAMES.reviewed), m.reviewed, '#2e6fdb'), bar(lower(FIGURE_NAMES.escalated), m.escalated, '#d29922')];
}

export function workloadBars(batch: BatchResult): Bar[] {
  return Object.entries(batch.metrics.reviewerWorkload).map(([role, w]) => ({
    label: role,
    value: w.items,
    display: `${thousands(w.items)} items · ${thousands(Math.round(w.hours))} h waited`,
    colour: '#7a5af8',
  }));
}

export type ChartKey = 'outcomes' | 'shares' | 'cycle' | 'workload';

export interface ReportChart {
  key: ChartKey;
  heading: string;
  /** The chart as a standalone SVG document (inline in HTML, a file or a data: image in Markdown). */
  svg: string;
}

/** The batch's charts, in the order the report shows them. */
export function reportCharts(batch: BatchResult): ReportChart[] {
  const maxShare = Math.max(1, batch.metrics.runs);
  return [
    { key: 'outcomes', heading: FIGURE_NAMES.outcomes, svg: barChartSvg(outcomeBars(batch), { title: `${FIGURE_NAMES.outcomes}: the outcome their end step records`, idPrefix: 'chart-outcomes', width: 560 }) },
    {
      key: 'shares',
      heading: 'Who handled the items',
      svg: barChartSvg(shareBars(batch), { title: 'Share of items completed without a person, reviewed by a person and handed to a team', idPrefix: 'chart-shares', width: 560, max: maxShare }),
    },
    { key: 'cycle', heading: 'Cycle time (virtual clock)', svg: barChartSvg(cycleBars(batch), { title: 'Cycle time percentiles', idPrefix: 'chart-cycle', width: 560 }) },
    { key: 'workload', heading: 'Reviewer workload', svg: barChartSvg(workloadBars(batch), { title: 'Items per reviewer role', idPrefix: 'chart-workload', width: 560 }) },
  ];
}

/** Steps that sent content changed after its approval, with how many calls did, in document order. */
export function changedRows(batch: BatchResult): { nodeId: string; calls: number }[] {
  return Object.entries(batch.metrics.changedAfterApprovalByNode ?? {}).map(([nodeId, calls]) => ({ nodeId, calls }));
}

/** Links by how many items followed them, busiest first (ties in document order); links nobody followed are left out. */
export function traversalRows(batch: BatchResult): { edgeId: string; items: number }[] {
  return Object.entries(batch.metrics.edgeTraversals)
    .map(([edgeId, items], i) => ({ edgeId, items, i }))
    .filter((r) => r.items > 0)
    .sort((a, b) => b.items - a.items || a.i - b.i)
    .map(({ edgeId, items }) => ({ edgeId, items }));
}
