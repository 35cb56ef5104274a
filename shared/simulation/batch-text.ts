// A batch's result in words: what ran, then the metrics, for the command line's text output. The
// phrases (stop reasons, settings, shares) are shared with the report.
import type { Workflow } from '../model/schema';
import type { BatchSettings } from './batch-settings';
import type { BatchResult } from './metrics-schema';
import { duration } from './text-report';
import type { StopCode } from './trace';
import { plural, thousands } from '../text';

/** Why items stopped before an end step, by stop code. */
export const STOP_REASONS: Record<StopCode, string> = {
  'no-error-path': 'a call failed where an error cannot be handed on (an escalation has no error output)',
  'no-path': 'a step left by an output that leads nowhere (an AI step’s unconnected error output, say)',
  'step-limit': 'the step limit was reached (a loop)',
  'no-timeout': 'nobody answered a gate that has no timeout',
  'no-intake': 'the workflow has no intake',
  'not-entered': 'the intake could not read the item, so it never entered the workflow',
};

/** Stop reasons short enough for a chart label. */
export const STOP_LABELS: Record<StopCode, string> = {
  'no-error-path': 'stopped: an error led nowhere',
  'no-path': 'stopped: no way on',
  'step-limit': 'stopped: step limit',
  'no-timeout': 'stopped: waits forever',
  'no-intake': 'stopped: no intake',
  'not-entered': 'never entered',
};

/** Items whose intake could not read them, wherever they are counted: apart from outcomes and stops. */
export const NOT_ENTERED = 'Never entered (the intake could not read them)';

/** A call that sent content changed after its approval, wherever it is counted. */
export const CHANGED_AFTER_APPROVAL = 'Sent changed after approval';

export function stopLabel(code: string): string {
  return STOP_LABELS[code as StopCode] ?? `stopped: ${code}`;
}

export function stopReason(code: string): string {
  return STOP_REASONS[code as StopCode] ?? code;
}

/** A share as a percentage with one decimal ("34.7 %"); "—" when there is nothing to share. */
export function percent(part: number, whole: number): string {
  return whole ? `${(Math.round((part / whole) * 1000) / 10).toFixed(1)} %` : '—';
}

/**
 * The names of a batch's figures, one per figure and the same wherever it is shown: the panel, the
 * comparison, the report, the command line. Each says what it counts: `escalated` counts items that
 * passed an escalation step, which is not the same as items whose end step records "escalated" (an
 * item an agent took over may still end as "rejected").
 */
export const FIGURE_NAMES = {
  runs: 'Items run',
  withoutPerson: 'Completed without a person',
  reviewed: 'Reviewed by a person',
  escalated: 'Handed to a team',
  denied: 'Denied calls',
  errors: 'Errors',
  cycle: 'Cycle time',
  outcomes: 'How items ended',
} as const;

/** What each figure counts, in a sentence (tooltips, the report's notes). */
export const FIGURE_MEANINGS = {
  withoutPerson: 'Items that reached an end step without passing an approval or an escalation step.',
  reviewed: 'Items a reviewer approved or rejected at least once.',
  escalated: 'Items that passed at least one escalation step, whatever outcome their end step then records.',
  outcomes: 'Items by the outcome their end step records; items that stopped before an end are counted by why.',
} as const;

/**
 * Said wherever cycle times are shown for a batch that escalated items: the virtual clock stops at the
 * hand-off, so a workflow that escalates more looks faster.
 */
export const HAND_OFF_NOTE = 'Cycle times end at an escalation’s hand-off: the time the receiving team then takes is not counted.';

/** The name of `completedWithoutHuman` wherever it is shown: the panel, the comparison, the report, the command line. */
export const WITHOUT_PERSON = FIGURE_NAMES.withoutPerson;

/** The cycle-time percentiles in one line: "p50 4 min · p90 1 h · p95 2 h · max 1 d". */
export function cycleTimeText(c: { p50: number; p90: number; p95: number; max: number }): string {
  return `p50 ${minutesText(c.p50)} · p90 ${minutesText(c.p90)} · p95 ${minutesText(c.p95)} · max ${minutesText(c.max)}`;
}

/** A virtual duration given in minutes: "0.2 s", "4 s", "12 min", "1 h 52 min". */
export function minutesText(minutes: number): string {
  const seconds = minutes * 60;
  if (seconds > 0 && seconds < 9.5) return `${Math.round(seconds * 10) / 10} s`;
  return duration(minutes * 60_000);
}

export function inputsText(settings: BatchSettings): string {
  return settings.inputs.from === 'dataset'
    ? `records of the data set "${settings.inputs.dataset}", in an order the seed shuffles`
    : "the scenarios' inputs, in turn (reviewers follow their profiles)";
}

export function faultsText(settings: BatchSettings): string {
  const { aiUnavailable, aiUnsure, connectorFailure } = settings.faults;
  const rate = (f: number) => `${Math.round(f * 1000) / 10} %`;
  const parts = [
    aiUnavailable ? `AI unavailable ${rate(aiUnavailable)}` : '',
    aiUnsure ? `AI unsure ${rate(aiUnsure)}` : '',
    connectorFailure ? `connector failure ${rate(connectorFailure)}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    (
      indent +
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
    ).trimEnd(),
  );
}

/**
 * The batch for the command line. Every piece of text from the workflow goes through `show` (the
 * command line's terminalText), so that it stays on its line whatever it holds.
 */
export function formatBatchText(result: BatchResult, wf?: Pick<Workflow, 'nodes'>, show: (text: string) => string = (text) => text): string {
  const { metrics: m, settings } = result;
  const labels = new Map(wf?.nodes.map((n) => [n.id, n.label || n.id]));
  const step = (id: string) => `${show(labels.get(id) ?? id)} (${show(id)})`;
  const lines: string[] = [];
  const ran = result.cancelled ? `${thousands(m.runs)} of ${thousands(settings.runs)} items (cancelled)` : plural(m.runs, 'item');
  lines.push(`${show(result.workflow.name)} · batch of ${ran} · seed ${settings.seed}`);
  lines.push(`Inputs: ${show(inputsText(settings))}`);
  lines.push(`Faults: ${faultsText(settings)}`);
  if (settings.slaMinutes !== null) lines.push(`SLA: ${minutesText(settings.slaMinutes)}`);
  lines.push('', 'Outcomes (the end step reached)');
  const outcomeRows = Object.entries(m.outcomes).map(([k, v]) => [show(k), thousands(v), percent(v, m.runs)]);
  for (const [code, v] of Object.entries(m.stopped)) outcomeRows.push([`stopped: ${show(stopReason(code))}`, thousands(v), percent(v, m.runs)]);
  const notEntered = m.notEntered ?? 0;
  if (notEntered) outcomeRows.push([NOT_ENTERED, thousands(notEntered), percent(notEntered, m.runs)]);
  lines.push(...(outcomeRows.length ? table(outcomeRows) : ['  (no items)']));

  lines.push('', 'Items');
  const itemRows = [
    [WITHOUT_PERSON, thousands(m.completedWithoutHuman), percent(m.completedWithoutHuman, m.runs)],
    [`${FIGURE_NAMES.reviewed} (approved or rejected)`, thousands(m.reviewed), percent(m.reviewed, m.runs)],
    [`${FIGURE_NAMES.escalated} (passed an escalation step)`, thousands(m.escalated), percent(m.escalated, m.runs)],
  ];
  if (m.slaBreaches !== null && m.slaMinutes !== null) itemRows.push([`Over the SLA of ${minutesText(m.slaMinutes)}`, thousands(m.slaBreaches), percent(m.slaBreaches, m.runs)]);
  lines.push(...table(itemRows));

  const c = m.cycleTimeMinutes;
  lines.push('', `Cycle time (virtual clock): ${cycleTimeText(c)} · mean ${minutesText(c.mean)}`);
  if (m.escalated) lines.push(`  ${HAND_OFF_NOTE}`);
  lines.push(`Calls: ${thousands(m.deniedCalls)} denied, ${thousands(m.failedCalls)} failed · errors: ${thousands(m.errors)} · steps run: ${thousands(m.steps)}`);
  const byStep = new Set([...Object.keys(m.deniedCallsByNode), ...Object.keys(m.errorsByNode)]);
  if (byStep.size) {
    lines.push('', 'Denied calls and errors by step');
    const rows = [['', 'denied', 'errors']];
    for (const nodeId of (wf?.nodes.map((n) => n.id) ?? [...byStep]).filter((id) => byStep.has(id))) {
      rows.push([step(nodeId), thousands(m.deniedCallsByNode[nodeId] ?? 0), thousands(m.errorsByNode[nodeId] ?? 0)]);
    }
    lines.push(...table(rows));
  }
  const changed = m.changedAfterApproval ?? 0;
  if (changed) {
    lines.push('', `${CHANGED_AFTER_APPROVAL}: ${plural(changed, 'call')}, by step`);
    const byNode = m.changedAfterApprovalByNode ?? {};
    const rows = Object.entries(byNode).map(([nodeId, n]) => [step(nodeId), thousands(n)]);
    lines.push(...table(rows));
  }
  const roles = Object.entries(m.reviewerWorkload);
  if (roles.length) {
    lines.push('', 'Reviewer workload');
    const rows = [['', 'items', 'approved', 'rejected', 'timed out', 'hours waited']];
    for (const [role, w] of roles) rows.push([show(role), thousands(w.items), thousands(w.approved), thousands(w.rejected), thousands(w.timedOut), thousands(Math.round(w.hours))]);
    lines.push(...table(rows));
  }
  lines.push('', 'Steps');
  const rows = [['', 'visits', 'mean time']];
  for (const [nodeId, visits] of Object.entries(m.nodeVisits)) rows.push([step(nodeId), thousands(visits), visits ? minutesText((m.nodeMeanSeconds[nodeId] ?? 0) / 60) : '—']);
  lines.push(...table(rows));
  return `${lines.join('\n')}\n`;
}
