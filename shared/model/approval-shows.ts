// What an approval shows its reviewer when its file does not say: the variables the sensitive steps
// it leads to send (workflow-index/approval-coverage.ts). The loader writes that list into every
// approval without one, so an older file needs no migration and, once saved, says what its reviewers
// see; from then on the list is the workflow's own, and gate/blind-approval compares it with what the
// steps after the approval send.
import { buildWorkflowIndex } from '../workflow-index/workflow-index';
import type { Workflow } from './schema';

/** Fills in `shows` of the approvals that have none, in place; returns how many it filled. */
export function fillApprovalShows(wf: Workflow): number {
  const missing = wf.nodes.filter((n) => n.kind === 'approval' && n.config.shows === undefined);
  if (!missing.length) return 0;
  const coverage = buildWorkflowIndex(wf).coverage();
  for (const n of missing) if (n.kind === 'approval') n.config.shows = coverage.defaultShows(n.id);
  return missing.length;
}
