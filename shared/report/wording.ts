// Sentences both report layouts use, so that the Markdown and the HTML report say the same thing.
import { plural, thousands } from '../text';
import { minutesText } from '../simulation/batch-text';
import type { Severity } from '../analysis/types';
import { cutText } from './escape';
import { REPORT_LIMITS } from './limits';
import type { ReportModel } from './model';

export const SEVERITY_TITLES: Record<Severity, string> = { error: 'Errors', warn: 'Warnings', info: 'Notes' };

export const SIMULATION_NOTE =
  'Everything in this report was worked out from the workflow file and rehearsed offline against sample data, on a virtual clock. Nothing was sent and no real system was touched.';

/** The four lines of the "at a glance" box: checklists, findings, approval gates, batch. */
export function glanceLines(model: ReportModel): string[] {
  const s = model.summary;
  const lines: string[] = [];
  const open = s.total - s.answered;
  lines.push(
    open === 0
      ? `All ${s.total} checklist questions are answered by the workflow itself.`
      : `${s.answered} of ${s.total} checklist questions are answered; ${open} ${open === 1 ? 'is' : 'are'} still open.`,
  );
  const accepted = model.findingTotals.suppressed;
  const suppressed = accepted ? ` (${plural(accepted, 'finding')} accepted on purpose)` : '';
  lines.push(s.errors || s.warnings ? `The analysis reports ${plural(s.errors, 'error')} and ${plural(s.warnings, 'warning')}${suppressed}.` : `The analysis reports no errors and no warnings${suppressed}.`);
  const stepList = (ids: readonly string[]) => {
    const names = ids.slice(0, REPORT_LIMITS.items).map((id) => `"${cutText(model.nodeLabel(id), REPORT_LIMITS.diagramTitle)}"`);
    const more = ids.length - names.length;
    return `${names.join(', ')}${more ? ` and ${thousands(more)} more` : ''}`;
  };
  if (s.allSensitiveGated) lines.push('Every step that changes, sends or triggers something runs only after a person approves, and sends what they approved.');
  else {
    const parts: string[] = [];
    if (s.ungatedNodeIds.length) parts.push(`${plural(s.ungatedNodeIds.length, 'step')} can act without an approval: ${stepList(s.ungatedNodeIds)}.`);
    const changed = s.changedAfterApprovalNodeIds;
    if (changed.length) parts.push(`${plural(changed.length, 'step')} can send something changed after it was approved: ${stepList(changed)}.`);
    lines.push(parts.join(' '));
  }
  const b = model.batch;
  if (!b) lines.push('No batch has been run yet.');
  else if (s.batchSinceLastEdit) lines.push(`A batch of ${plural(b.metrics.runs, 'item')} ran on this version of the workflow.`);
  else lines.push(`The latest batch (${plural(b.metrics.runs, 'item')}) ran on an earlier version: run it again to check the changes.`);
  return lines;
}

/**
 * The SLA on the report's cover, from the one place each figure comes from: the workflow's own SLA
 * (`simulation.slaMinutes`), and what the batch in the report counted against when that differs.
 */
export function coverSla(model: ReportModel): string {
  const own = model.workflow.slaMinutes;
  const batch = model.batch ? model.batch.settings.slaMinutes : own;
  const ownText = own === null ? 'none set in the workflow' : minutesText(own);
  if (batch === own) return own === null ? 'none set' : ownText;
  return batch === null ? `${ownText} (the batch below counted none)` : `${ownText}; the batch below counted ${minutesText(batch)}`;
}

/** The workflow's size on the cover, in the app's words: steps, connections, links. */
export function coverSize(model: ReportModel, separator: string): string {
  const w = model.workflow;
  return [plural(w.steps, 'step'), plural(w.connections, 'connection'), plural(w.lines, 'link')].join(separator);
}
