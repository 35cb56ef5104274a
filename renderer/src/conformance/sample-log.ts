// The sample log of the support template (resources/sample-logs/, written by
// scripts/generate-sample-log.ts), offered in the Log panel so that a new user can try the comparison
// without a log of their own. It ships inside the app and loads only when asked for.
import { labelKey } from '../../../shared/conformance/mapping';
import type { Workflow } from '../../../shared/model/schema';

export const SAMPLE_LOG_NAME = 'support-ticket-triage.csv';

/** The activities of the sample log that are steps of the support template. */
export const SAMPLE_ACTIVITIES = ['New ticket', 'Classify ticket', 'Find help articles', 'Draft reply', 'Supervisor approves reply', 'Send reply', 'Close ticket', 'Human triage', 'Escalate to billing team'];

/** Whether the sample fits the workflow: most of its activities are steps of it by name (the support template, or a copy). */
export function sampleFits(wf: Pick<Workflow, 'nodes'>): boolean {
  const labels = new Set(wf.nodes.map((n) => labelKey(n.label)));
  return SAMPLE_ACTIVITIES.filter((a) => labels.has(labelKey(a))).length >= 6;
}

export async function loadSampleLog(): Promise<string> {
  return (await import('../../../resources/sample-logs/support-ticket-triage.csv?raw')).default;
}
