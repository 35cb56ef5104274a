// Small builders for conformance tests: the worked example of docs/CONFORMANCE.md, logs from lists of
// activities, and the templates.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EventLog, LogEvent } from '../../../shared/conformance/log';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { ai, approval, conn, end, escalation, integration, intake, workflow } from '../simulation/build';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SUPPORT = 'resources/templates/support-ticket-triage.flowgate.json';

export function template(path: string): Workflow {
  return loadWorkflow(readFileSync(`${ROOT}${path}`, 'utf8')).workflow;
}

const labelled = (node: Record<string, unknown>, label: string) => ({ ...node, label });

/**
 * The worked example: Receive → Draft —ok→ Approve —approved→ Send → Sent; every other way out of
 * Draft, Approve and Send goes to By hand → Handled.
 */
export function example(): Workflow {
  return workflow({
    connections: [conn('mail', 'email', ['email.send'])],
    nodes: [
      labelled(intake('r'), 'Receive'),
      labelled(ai('d', { task: 'draft', prompt: 'Answer' }), 'Draft'),
      labelled(approval('a', { reviewer: 'Owner', timeoutHours: 8 }), 'Approve'),
      labelled(integration('s', 'mail', 'email.send'), 'Send'),
      labelled(end('sent', 'resolved'), 'Sent'),
      labelled(escalation('h'), 'By hand'),
      labelled(end('handled', 'escalated'), 'Handled'),
    ],
    edges: [
      ['r', 'out', 'd'],
      ['d', 'ok', 'a'],
      ['d', 'low_confidence', 'h'],
      ['d', 'error', 'h'],
      ['a', 'approved', 's'],
      ['a', 'rejected', 'h'],
      ['a', 'timeout', 'h'],
      ['s', 'ok', 'sent'],
      ['s', 'error', 'h'],
      ['h', 'out', 'handled'],
    ],
  });
}

const T0 = Date.UTC(2024, 5, 3, 9, 0, 0);

/** A log of the given cases, one event a minute in each case; an activity `A=outcome` carries an outcome. */
export function logOf(cases: Record<string, string[]>, minutesApart = 1): EventLog {
  const events: LogEvent[] = [];
  Object.entries(cases).forEach(([caseId, activities], c) => {
    activities.forEach((entry, i) => {
      const [activity, outcome] = entry.split('=');
      events.push({ caseId, activity, time: T0 + c * 3_600_000 + i * minutesApart * 60_000, ...(outcome ? { outcome } : {}) });
    });
  });
  return { format: 'csv', events, fields: { caseId: 'case', activity: 'activity', time: 'time' }, ignoredEvents: 0 };
}
