// Templates as the analysis UI tests start from them: the support template passes every rule, the
// risky support bot fails many on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESOURCES_DIR } from '../../../cli/repo';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';

export function template(id: 'support-ticket-triage' | 'risky-support-bot' | 'invoice-approval'): Workflow {
  return loadWorkflow(readFileSync(join(RESOURCES_DIR, 'templates', `${id}.flowgate.json`), 'utf8')).workflow;
}

/** The support template without the grant its "Send reply" step (n9) needs. */
export function supportWithoutReplyGrant(): Workflow {
  const wf = template('support-ticket-triage');
  return { ...wf, connections: wf.connections.map((c) => (c.id === 'helpdesk' ? { ...c, grants: c.grants.filter((g) => g !== 'tickets.reply') } : c)) };
}
